//! Accounts SQL. Reads outside a transaction take the counted `&Db`. A function that runs one
//! statement takes any executor (`&mut *tx` inside a transaction); one that runs several takes
//! the connection (`&mut tx`) they all run on.

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
use sqlx::Row;

fn time(row: &AnyRow, column: &str) -> anyhow::Result<chrono::DateTime<chrono::Utc>> {
    vitrine_kit::time::from_db(&row.try_get::<String, _>(column)?)
}

fn now_text() -> String {
    vitrine_kit::time::to_db(vitrine_kit::time::now())
}
