//! Notifications SQL. Reads take any executor (the counted `&Db`, or a transaction); writes
//! that belong together take a transaction.

mod email;
mod notification;
mod webhook;

pub use email::*;
pub use notification::*;
pub use webhook::*;

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

pub type Tx = Transaction<'static, Any>;

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
