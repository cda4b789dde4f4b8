//! Kitchen SQL. A function of one statement runs it on any executor (the counted `&Db`, or
//! `&mut *tx` inside a transaction); one of several takes the connection. Status changes are
//! conditional (`WHERE status = …`) and report whether they happened, so two processes running
//! the simulation never move the same ticket twice.

mod station;
mod ticket;

pub use station::*;
pub use ticket::*;

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

fn time(row: &AnyRow, column: &str) -> anyhow::Result<DateTime<Utc>> {
    vitrine_kit::time::from_db(&row.try_get::<String, _>(column)?)
}

fn time_opt(row: &AnyRow, column: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    row.try_get::<Option<String>, _>(column)?
        .map(|s| vitrine_kit::time::from_db(&s))
        .transpose()
}

/// Now, at the microsecond precision the databases keep, so a row built in memory equals the
/// row read back.
pub fn now() -> DateTime<Utc> {
    truncate(vitrine_kit::time::now())
}

pub fn truncate(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Timelike;
    t.with_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t)
}
