//! Changing offers: each change and what inventory is told about it are one transaction.

use crate::domain::Offer;
use crate::store;
use vitrine_kit::contracts::{OfferChanged, OFFER_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::events::enqueue;

/// Saves the offer (a new one when `is_new`; `removed` takes it out of listings) and tells
/// inventory, with the units on hand the seller states in `count`, in one transaction.
pub async fn save(
    db: &Db,
    offer: &Offer,
    owner_id: &str,
    is_new: bool,
    removed: bool,
    count: Option<i64>,
) -> Result<(), ApiError> {
    let mut tx = db.begin_write().await?;
    if is_new {
        match store::insert_offer(&mut *tx, offer).await {
            Err(err) if is_unique_violation(&err) => {
                return Err(ApiError::Conflict(
                    "this shop already offers this product (or variant)".into(),
                ))
            }
            other => other?,
        }
    } else {
        store::update_offer(&mut *tx, offer, removed).await?;
    }
    let change = OfferChanged {
        offer_id: offer.id.clone(),
        shop_id: offer.shop_id.clone(),
        product_id: offer.product_id.clone(),
        owner_id: owner_id.to_string(),
        sellable: offer.active && !removed,
        set_on_hand: count,
    };
    enqueue(&mut tx, OFFER_CHANGED, &change).await?;
    tx.commit().await?;
    Ok(())
}
