//! Payments SQL. Each function runs one statement, on any executor: the counted `&Db`, or
//! `&mut *tx` inside a transaction.

mod card;
mod finance;
mod payment;
mod refund;

pub use card::*;
pub use finance::*;
pub use payment::*;
pub use refund::*;

use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::Exec;

fn time(row: &AnyRow, column: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    vitrine_kit::time::from_db(&row.try_get::<String, _>(column)?)
}

fn now_text() -> String {
    vitrine_kit::time::to_db(now())
}

/// Now, at the microsecond precision the databases keep, so a row built in memory equals the
/// row read back.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::Timelike;
    let t = vitrine_kit::time::now();
    t.with_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t)
}

/// Whether `consumer` already handled the event (see `vitrine_kit::events::handle_once`).
pub async fn is_processed<'e>(exec: impl Exec<'e>, consumer: &str, event_id: &str) -> anyhow::Result<bool> {
    let row = sqlx::query("SELECT event_id FROM processed_event WHERE consumer = $1 AND event_id = $2")
        .bind(consumer)
        .bind(event_id)
        .fetch_optional(exec)
        .await?;
    Ok(row.is_some())
}
