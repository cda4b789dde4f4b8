//! Saving addresses: an address and the default flag it may take from the customer's others
//! change together.

use crate::domain::Address;
use crate::store;
use vitrine_kit::db::Db;
use vitrine_kit::error::ApiError;

/// Writes every field of the address; when it is the default, the others stop being, in the
/// same transaction.
pub async fn save(db: &Db, address: &Address) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    store::upsert_address(&mut tx, address).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the address; when it was the default, the customer's oldest remaining address
/// becomes the default in the same transaction, so a customer with addresses always has one.
pub async fn remove(db: &Db, address: &Address) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    store::remove_address(&mut tx, &address.id).await?;
    if address.is_default {
        store::promote_oldest_address(&mut tx, &address.customer_id).await?;
    }
    tx.commit().await?;
    Ok(())
}
