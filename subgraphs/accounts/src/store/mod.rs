//! Accounts SQL. Reads take the counted `&Db`; writes take a transaction.

mod address;
mod customer;
mod throttle;
mod token;
mod wallet;

pub use address::*;
pub use customer::*;
pub use throttle::*;
pub use token::*;
pub use wallet::*;

use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

pub type Tx = Transaction<'static, Any>;

fn time(row: &AnyRow, column: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    vitrine_kit::time::from_db(&row.try_get::<String, _>(column)?)
}

fn now_text() -> String {
    vitrine_kit::time::to_db(vitrine_kit::time::now())
}
