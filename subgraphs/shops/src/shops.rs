//! Opening shops.

use crate::domain::Shop;
use crate::store;
use vitrine_kit::db::Db;
use vitrine_kit::error::{is_unique_violation, ApiError};

/// Stores a new shop; a taken slug is a `CONFLICT`.
pub async fn create(db: &Db, shop: &Shop) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    match store::insert_shop(&mut *tx, shop).await {
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::Conflict("a shop with this slug exists".into()))
        }
        other => other?,
    }
    tx.commit().await?;
    Ok(())
}
