//! Enums kept as text in a column (statuses, kinds, methods): their names in
//! SCREAMING_SNAKE_CASE, as in the GraphQL schema. The enum derives `strum::IntoStaticStr` and
//! `strum::EnumString` with `#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]`, and
//! [`stored_as_text!`](crate::stored_as_text) gives it `as_str` and `parse`.

/// `as_str` (the stored name) and `parse` (an unknown name is an error naming `$what`) for an
/// enum deriving strum's `IntoStaticStr` and `EnumString`.
#[macro_export]
macro_rules! stored_as_text {
    ($enum:ty, $what:literal) => {
        impl $enum {
            /// The name stored in the database.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            /// The variant a stored name stands for.
            pub fn parse(stored: &str) -> anyhow::Result<Self> {
                stored
                    .parse()
                    .map_err(|_| anyhow::anyhow!(concat!("unknown ", $what, " {}"), stored))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, Copy, PartialEq, strum::IntoStaticStr, strum::EnumString)]
    #[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
    enum Kind {
        Plain,
        ReadyForDelivery,
    }
    crate::stored_as_text!(Kind, "kind");

    #[test]
    fn names_round_trip_and_unknown_ones_are_errors() {
        assert_eq!(Kind::ReadyForDelivery.as_str(), "READY_FOR_DELIVERY");
        assert_eq!(Kind::parse("PLAIN").unwrap(), Kind::Plain);
        let unknown = Kind::parse("Plain").unwrap_err().to_string();
        assert_eq!(unknown, "unknown kind Plain");
    }
}
