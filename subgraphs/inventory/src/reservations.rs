//! The stock rules. Every operation is one transaction; conditional UPDATEs (see `store`) are
//! what makes concurrent reservations safe on both databases, and every reservation operation
//! is idempotent by order id.

use crate::domain::ReservationStatus;
use crate::store::{self, Reservation};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::time::Duration;
use vitrine_kit::contracts::{StockChanged, STOCK_CHANGED};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::events::{enqueue, OutboxWaker};

/// Publishes the offer's available units after a change, in the same transaction.
pub async fn announce(tx: &mut Tx, offer_id: &str) -> anyhow::Result<()> {
    if let Some(stock) = store::stock(&mut **tx, offer_id).await? {
        let change = StockChanged {
            offer_id: stock.offer_id.clone(),
            product_id: stock.product_id.clone(),
            available: stock.available(),
        };
        enqueue(tx, STOCK_CHANGED, &change).await?;
    }
    Ok(())
}

/// Merges duplicate offers and orders lines by offer id (a stable lock order on PostgreSQL).
pub fn normalise(lines: &[(String, i64)]) -> Result<Vec<(String, i64)>, ApiError> {
    if lines.is_empty() {
        return Err(ApiError::bad_input("a reservation needs at least one line"));
    }
    let mut merged: BTreeMap<String, i64> = BTreeMap::new();
    for (offer_id, quantity) in lines {
        if *quantity <= 0 || *quantity > 10_000 {
            return Err(ApiError::bad_input("quantity must be between 1 and 10 000"));
        }
        *merged.entry(offer_id.clone()).or_default() += quantity;
    }
    Ok(merged.into_iter().collect())
}

fn fingerprint(lines: &[(String, i64)]) -> String {
    let text: String = lines.iter().map(|(o, q)| format!("{o}:{q};")).collect();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Holds every line or none. Replaying the same order id with the same lines returns the
/// existing reservation; with other lines, `CONFLICT`.
pub async fn reserve(
    db: &Db,
    order_id: &str,
    lines: &[(String, i64)],
    ttl: Duration,
) -> Result<Reservation, ApiError> {
    let lines = normalise(lines)?;
    let lines_hash = fingerprint(&lines);
    for _ in 0..2 {
        let mut tx = db.begin_write().await?;
        if let Some(row) = store::reservation(&mut *tx, order_id).await? {
            let existing = row.with_lines(store::reservation_lines(&mut *tx, order_id).await?);
            return if existing.lines_hash == lines_hash {
                Ok(existing)
            } else {
                Err(ApiError::Conflict("this order already holds other lines".into()))
            };
        }
        for (offer_id, quantity) in &lines {
            if !store::try_hold(&mut *tx, offer_id, *quantity).await? {
                // Dropping the transaction rolls back the lines held so far.
                return Err(match store::stock(&mut *tx, offer_id).await? {
                    None => ApiError::not_found(format!("no stock record for offer {offer_id}")),
                    Some(stock) => ApiError::OutOfStock(format!(
                        "offer {offer_id}: {quantity} requested, {} available",
                        stock.available()
                    )),
                });
            }
        }
        let expires_at = vitrine_kit::time::to_db(
            vitrine_kit::time::now() + chrono::Duration::from_std(ttl).unwrap_or_default(),
        );
        let reservation = Reservation {
            order_id: order_id.to_string(),
            status: ReservationStatus::Held,
            expires_at,
            lines_hash: lines_hash.clone(),
            lines: lines.clone(),
        };
        match store::insert_reservation(&mut tx, &reservation).await {
            Ok(()) => {}
            // A concurrent request for the same order won; the next pass returns its result.
            Err(err) if is_unique_violation(&err) => continue,
            Err(err) => return Err(err.into()),
        }
        for (offer_id, _) in &lines {
            announce(&mut tx, offer_id).await?;
        }
        tx.commit().await?;
        return Ok(reservation);
    }
    Err(ApiError::Conflict(
        "a concurrent request reserved for this order; retry".into(),
    ))
}

/// HELD → COMMITTED (the units are sold) or RELEASED (they return to stock). Repeating the
/// same transition is a no-op; the other one is a `CONFLICT`.
pub async fn finish(
    db: &Db,
    order_id: &str,
    to: ReservationStatus,
    actor: &str,
) -> Result<Reservation, ApiError> {
    let mut tx = db.begin_write().await?;
    let Some(row) = store::reservation(&mut *tx, order_id).await? else {
        return Err(ApiError::not_found("no reservation for this order"));
    };
    let mut reservation = row.with_lines(store::reservation_lines(&mut *tx, order_id).await?);
    if reservation.status == to {
        return Ok(reservation);
    }
    if !store::finish_reservation(&mut *tx, order_id, to).await? {
        return Err(ApiError::Conflict(format!(
            "the reservation is already {}",
            reservation.status.as_str().to_lowercase()
        )));
    }
    let sold = to == ReservationStatus::Committed;
    for (offer_id, quantity) in &reservation.lines {
        store::end_hold(&mut *tx, offer_id, *quantity, sold).await?;
        if sold {
            store::record_movement(
                &mut *tx,
                offer_id,
                -quantity,
                &format!("sold: order {order_id}"),
                actor,
            )
            .await?;
        }
        announce(&mut tx, offer_id).await?;
    }
    tx.commit().await?;
    reservation.status = to;
    Ok(reservation)
}

/// A cancelled order gives its units back: a hold is released, sold units return on hand
/// (audited). Runs inside the event consumer's transaction, once per cancellation event.
pub async fn return_cancelled(tx: &mut Tx, order_id: &str) -> anyhow::Result<()> {
    let Some(row) = store::reservation(&mut **tx, order_id).await? else {
        return Ok(());
    };
    let reservation = row.with_lines(store::reservation_lines(&mut **tx, order_id).await?);
    match reservation.status {
        ReservationStatus::Released => return Ok(()),
        ReservationStatus::Held => {
            if !store::finish_reservation(&mut **tx, order_id, ReservationStatus::Released).await? {
                // Committed or released meanwhile (PostgreSQL does not serialize us with the
                // saga): fail the delivery; the retry reads the new status.
                anyhow::bail!("reservation of order {order_id} changed while returning it; retrying");
            }
            for (offer_id, quantity) in &reservation.lines {
                store::end_hold(&mut **tx, offer_id, *quantity, false).await?;
            }
        }
        ReservationStatus::Committed => {
            for (offer_id, quantity) in &reservation.lines {
                store::adjust_on_hand(&mut **tx, offer_id, *quantity).await?;
                let reason = format!("returned: order {order_id} cancelled");
                store::record_movement(&mut **tx, offer_id, *quantity, &reason, "orders").await?;
            }
        }
    }
    for (offer_id, _) in &reservation.lines {
        announce(tx, offer_id).await?;
    }
    Ok(())
}

/// Adds (or removes, negative) units on hand with a reason for the audit trail.
pub async fn adjust(
    db: &Db,
    offer_id: &str,
    delta: i64,
    reason: &str,
    actor: &str,
) -> Result<store::OfferStock, ApiError> {
    let mut tx = db.begin_write().await?;
    if store::stock(&mut *tx, offer_id).await?.is_none() {
        return Err(ApiError::not_found("no such offer"));
    }
    if !store::adjust_on_hand(&mut *tx, offer_id, delta).await? {
        return Err(ApiError::bad_input(
            "cannot remove units that are reserved or not there",
        ));
    }
    store::record_movement(&mut *tx, offer_id, delta, reason, actor).await?;
    announce(&mut tx, offer_id).await?;
    let stock = store::stock(&mut *tx, offer_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("vanished"))?;
    tx.commit().await?;
    Ok(stock)
}

/// Releases holds past their expiry, every `every`.
pub fn spawn_sweeper(db: Db, outbox: OutboxWaker, every: Duration) {
    vitrine_kit::background::every("releasing expired holds", every, move || {
        let (db, outbox) = (db.clone(), outbox.clone());
        async move {
            let expired = store::expired_reservations(&db, 100).await?;
            for order_id in &expired {
                if let Err(err) = finish(&db, order_id, ReservationStatus::Released, "expiry").await {
                    tracing::warn!(order_id, error = %err, "releasing an expired hold failed; will retry");
                }
            }
            if !expired.is_empty() {
                outbox.wake();
            }
            Ok(())
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_merged_sorted_and_checked() {
        let lines = vec![("b".to_string(), 1), ("a".to_string(), 2), ("b".to_string(), 3)];
        assert_eq!(
            normalise(&lines).unwrap(),
            vec![("a".to_string(), 2), ("b".to_string(), 4)]
        );
        assert!(normalise(&[]).is_err());
        assert!(normalise(&[("a".to_string(), 0)]).is_err());
        assert_eq!(
            fingerprint(&normalise(&lines).unwrap()),
            fingerprint(&[("a".into(), 2), ("b".into(), 4)])
        );
    }
}
