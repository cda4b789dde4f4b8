//! Ticket and item statuses, the stations and default recipes of the demo kitchen, and how
//! long the kitchen expects a ticket to take. Pure: no I/O.

use async_graphql::Enum;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use vitrine_kit::config::SimulationConfig;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum TicketStatus {
    /// Waiting for a free slot at a station.
    Queued,
    /// At least one item is on a station.
    Preparing,
    /// Every item is done; waiting for a courier.
    Ready,
    /// Given up by the kitchen (see `reason`).
    Failed,
    /// The order was cancelled before the kitchen finished.
    Cancelled,
}
vitrine_kit::stored_as_text!(TicketStatus, "ticket status");

impl TicketStatus {
    pub const ALL: [TicketStatus; 5] = [
        TicketStatus::Queued,
        TicketStatus::Preparing,
        TicketStatus::Ready,
        TicketStatus::Failed,
        TicketStatus::Cancelled,
    ];

    /// The tickets the kitchen still works on.
    pub const OPEN: [TicketStatus; 2] = [TicketStatus::Queued, TicketStatus::Preparing];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
    }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemStatus {
    Queued,
    /// On its station until `dueAt`.
    Preparing,
    Done,
}
vitrine_kit::stored_as_text!(ItemStatus, "item status");

/// The demo kitchen's stations and how many items each works on at once.
pub const STATIONS: &[(&str, i64)] = &[("OVEN", 2), ("GRILL", 2), ("COLD", 2), ("PASTRY", 1), ("BAR", 2)];

/// Longest preparation a recipe may ask for: a day of simulated time. Keeps due times far
/// from overflowing whatever the time scale.
pub const MAX_PREP_SECONDS: i64 = 24 * 3600;

/// Station and simulated preparation seconds of a demo product, by its kitchen category.
pub fn default_recipe(category: &str) -> Option<(&'static str, i64)> {
    Some(match category {
        "pizza" => ("OVEN", 600),
        "burgers" => ("GRILL", 420),
        "sushi" => ("COLD", 480),
        "salads" => ("COLD", 300),
        "desserts" => ("PASTRY", 240),
        "drinks" => ("BAR", 120),
        _ => return None,
    })
}

/// Real time for `simulated_seconds` at the configured time scale. Capped at a year so that an
/// absurdly small scale cannot overflow the clock arithmetic.
pub fn real_time(sim: &SimulationConfig, simulated_seconds: f64) -> chrono::Duration {
    const YEAR: f64 = 365.0 * 24.0 * 3600.0;
    let real = if simulated_seconds / sim.time_scale.get() > YEAR {
        std::time::Duration::from_secs_f64(YEAR)
    } else {
        sim.real(simulated_seconds)
    };
    chrono::Duration::from_std(real).unwrap_or_else(|_| chrono::Duration::zero())
}

/// What the estimate needs to know about one item of the ticket.
pub struct PlannedItem<'a> {
    pub station: &'a str,
    pub prep_seconds: i64,
    pub status: ItemStatus,
    pub due_at: Option<DateTime<Utc>>,
}

/// When a ticket should be ready: items on a station are due when they are due; a queued item
/// waits for its share of the work queued ahead of it at its station (`backlog`, simulated
/// seconds, spread over the station's `capacity`) and then takes its own time. An estimate:
/// bumps, pauses and failures move it.
pub fn ready_by(
    now: DateTime<Utc>,
    items: &[PlannedItem<'_>],
    backlog: &HashMap<String, i64>,
    capacity: &HashMap<String, i64>,
    sim: &SimulationConfig,
) -> DateTime<Utc> {
    items
        .iter()
        .map(|item| match item.status {
            ItemStatus::Done => now,
            ItemStatus::Preparing => item.due_at.unwrap_or(now),
            ItemStatus::Queued => {
                let ahead = backlog.get(item.station).copied().unwrap_or(0) as f64;
                let slots = capacity.get(item.station).copied().unwrap_or(1).max(1) as f64;
                now + real_time(sim, ahead / slots + item.prep_seconds as f64)
            }
        })
        .max()
        .unwrap_or(now)
}

/// How events name the status (`kit::contracts`); exhaustive, so a new status is a contract
/// change made on purpose.
impl From<TicketStatus> for vitrine_kit::contracts::status::Ticket {
    fn from(status: TicketStatus) -> Self {
        use vitrine_kit::contracts::status::Ticket;
        match status {
            TicketStatus::Queued => Ticket::Queued,
            TicketStatus::Preparing => Ticket::Preparing,
            TicketStatus::Ready => Ticket::Ready,
            TicketStatus::Failed => Ticket::Failed,
            TicketStatus::Cancelled => Ticket::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(time_scale: f64) -> SimulationConfig {
        SimulationConfig {
            time_scale: vitrine_kit::tunable::Tunable::new(time_scale),
            ..SimulationConfig::default()
        }
    }

    #[test]
    fn statuses_round_trip() {
        for status in TicketStatus::ALL {
            assert_eq!(TicketStatus::parse(status.as_str()).unwrap(), status);
        }
        for status in [ItemStatus::Queued, ItemStatus::Preparing, ItemStatus::Done] {
            assert_eq!(ItemStatus::parse(status.as_str()).unwrap(), status);
        }
        assert!(
            TicketStatus::parse(&vitrine_kit::contracts::status::wire_name(
                vitrine_kit::contracts::status::Ticket::Skipped
            ))
            .is_err(),
            "SKIPPED is never a ticket's status"
        );
    }

    #[test]
    fn every_kitchen_category_has_a_station_that_exists() {
        let kitchen_categories = vitrine_kit::demo::CATEGORIES
            .iter()
            .filter(|c| c.parent == Some("kitchen"));
        for category in kitchen_categories {
            let (station, seconds) = default_recipe(category.slug).expect(category.slug);
            assert!(STATIONS.iter().any(|(name, _)| *name == station));
            assert!(seconds > 0 && seconds <= MAX_PREP_SECONDS);
        }
    }

    #[test]
    fn a_queued_item_waits_for_the_work_ahead_of_it_shared_by_the_slots() {
        let now = vitrine_kit::time::now();
        let items = [PlannedItem {
            station: "OVEN",
            prep_seconds: 600,
            status: ItemStatus::Queued,
            due_at: None,
        }];
        let backlog = HashMap::from([("OVEN".to_string(), 1200)]);
        let capacity = HashMap::from([("OVEN".to_string(), 2)]);
        // 1200 s ahead over 2 slots, then 600 s: 1200 simulated seconds, 120 real at scale 10.
        let at = ready_by(now, &items, &backlog, &capacity, &sim(10.0));
        assert_eq!(at - now, chrono::Duration::seconds(120));
    }

    #[test]
    fn a_ticket_is_ready_by_its_latest_item() {
        let now = vitrine_kit::time::now();
        let due = now + chrono::Duration::seconds(500);
        let items = [
            PlannedItem {
                station: "BAR",
                prep_seconds: 120,
                status: ItemStatus::Queued,
                due_at: None,
            },
            PlannedItem {
                station: "OVEN",
                prep_seconds: 600,
                status: ItemStatus::Preparing,
                due_at: Some(due),
            },
        ];
        let at = ready_by(now, &items, &HashMap::new(), &HashMap::new(), &sim(1.0));
        assert_eq!(at, due);
    }

    #[test]
    fn an_absurd_time_scale_does_not_overflow() {
        let long = real_time(&sim(1e-300), MAX_PREP_SECONDS as f64);
        assert!(long > chrono::Duration::days(364));
    }
}
