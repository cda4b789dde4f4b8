//! Notifications SQL. A function of one statement runs it on any executor (the counted `&Db`,
//! or `&mut *tx` inside a transaction); one of several takes the connection.

mod email;
mod notification;
mod order_number;
mod webhook;

pub use email::*;
pub use notification::*;
pub use order_number::*;
pub use webhook::*;

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

fn time(row: &AnyRow, column: &str) -> anyhow::Result<DateTime<Utc>> {
    vitrine_kit::time::from_db(&row.try_get::<String, _>(column)?)
}

fn opt_time(row: &AnyRow, column: &str) -> anyhow::Result<Option<DateTime<Utc>>> {
    row.try_get::<Option<String>, _>(column)?
        .map(|t| vitrine_kit::time::from_db(&t))
        .transpose()
}

/// Now, at the microsecond precision the databases keep, so a row built in memory equals the
/// row read back.
pub fn now() -> DateTime<Utc> {
    use chrono::Timelike;
    let t = vitrine_kit::time::now();
    t.with_nanosecond(t.nanosecond() / 1_000 * 1_000).unwrap_or(t)
}

/// `(created_at, id)` to start a newest-first page after; the first page starts past any row.
fn before<'a>(cursor: Option<(&'a str, &'a str)>) -> (&'a str, &'a str) {
    cursor.unwrap_or(("9999", ""))
}

/// Leases the PENDING row `id` of `table` (an email job or a webhook delivery) until
/// `lease_until` if it is due at `now`: the conditional UPDATE lets exactly one sender of
/// several replicas have it. `table` and `key` are this module's own constants.
async fn claim_due(
    db: &vitrine_kit::db::Db,
    table: &str,
    key: &str,
    id: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(&format!(
        "UPDATE {table} SET next_attempt_at = $3 \
         WHERE {key} = $1 AND status = 'PENDING' AND next_attempt_at <= $2"
    ))
    .bind(id)
    .bind(vitrine_kit::time::to_db(now))
    .bind(vitrine_kit::time::to_db(lease_until))
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
