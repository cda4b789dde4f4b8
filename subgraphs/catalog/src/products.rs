//! Changing products: each save and its announcement to the other subgraphs are one
//! transaction, so shops never hears of a product that was not stored (or misses one that was).

use crate::domain::Product;
use crate::store;
use vitrine_kit::contracts::{ProductChanged, PRODUCT_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::events::enqueue;

/// Saves the product and announces it, in one transaction. A taken slug is a `CONFLICT`.
pub async fn save(db: &Db, product: &Product, actor: &str) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    match store::save_product(&mut *tx, product, actor).await {
        Err(err) if is_unique_violation(&err) => {
            return Err(ApiError::Conflict("a product with this slug exists".into()))
        }
        other => other?,
    }
    let change = ProductChanged {
        product_id: product.id.clone(),
        archived: product.archived,
    };
    enqueue(&mut tx, PRODUCT_CHANGED, &change).await?;
    tx.commit().await?;
    Ok(())
}
