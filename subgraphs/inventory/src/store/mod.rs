//! SQL, and nothing else: stock per offer with its audit trail, and reservations. A function of
//! one statement runs it on any executor (the counted `&Db`, or `&mut *tx` inside a
//! transaction); one of several takes the connection.

/// Reservations and their lines.
mod reservation;
/// Units per offer and the audit trail of every change.
mod stock;

pub use reservation::*;
pub use stock::*;

fn now() -> String {
    vitrine_kit::time::to_db(vitrine_kit::time::now())
}
