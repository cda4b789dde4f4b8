//! SQL, and nothing else: stock per offer with its audit trail, and reservations.

/// Reservations and their lines.
mod reservation;
/// Units per offer and the audit trail of every change.
mod stock;

pub use reservation::*;
pub use stock::*;

use sqlx::{Any, Transaction};

pub type Tx = Transaction<'static, Any>;

fn now() -> String {
    vitrine_kit::time::to_db(vitrine_kit::time::now())
}
