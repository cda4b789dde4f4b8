//! A reservation's statuses and the limits on what one may hold. Pure, no I/O.

#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ReservationStatus {
    Held,
    Committed,
    Released,
}
vitrine_kit::stored_as_text!(ReservationStatus, "reservation status");

/// Lines one reservation may hold: a cart holds at most 50 offers; more would only make one
/// long lock-taking transaction.
pub const MAX_RESERVATION_LINES: usize = 100;
