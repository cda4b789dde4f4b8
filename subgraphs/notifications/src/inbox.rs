//! Changes to a customer's inbox that take a transaction.

use crate::store;
use vitrine_kit::db::Db;
use vitrine_kit::error::ApiError;

/// Marks the customer's notifications `ids` read; returns how many were unread. All or
/// nothing: an id that is not one of theirs is `NOT_FOUND` and nothing changes.
pub async fn mark_read(db: &Db, customer_id: &str, ids: &[String]) -> Result<u64, ApiError> {
    let mut tx = db.begin_write().await?;
    let owned = store::owned_ids(&mut *tx, customer_id, ids).await?;
    if let Some(missing) = ids.iter().find(|id| !owned.contains(id)) {
        return Err(ApiError::not_found(format!("no such notification: {missing}")));
    }
    let changed = store::mark_read(&mut *tx, customer_id, ids, store::now()).await?;
    tx.commit().await?;
    Ok(changed)
}
