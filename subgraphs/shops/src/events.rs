use crate::store;
use vitrine_kit::contracts::{ProductChanged, PRODUCT_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{subscribe_once, EventBus};

/// Keeps `product_ref` and `variant_ref` in step with catalog, so offers are only made for live
/// products and name a variant exactly when the product has them; offers made before a product
/// had variants sell its first one.
pub fn subscribe(db: &Db, bus: &EventBus) {
    subscribe_once(
        bus,
        db,
        PRODUCT_CHANGED,
        "shops.product_ref",
        |tx, change: ProductChanged| {
            Box::pin(async move {
                store::upsert_product_ref(&mut **tx, &change.product_id, change.archived).await?;
                store::add_variant_refs(tx, &change.product_id, &change.variant_ids).await?;
                if let Some(first) = change.variant_ids.first() {
                    store::attach_plain_offers(&mut **tx, &change.product_id, first).await?;
                }
                Ok(())
            })
        },
    );
}
