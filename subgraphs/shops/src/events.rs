use crate::store;
use vitrine_kit::contracts::{ProductChanged, PRODUCT_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{subscribe_once, EventBus};

/// Keeps `product_ref` in step with catalog, so offers are only made for live products.
pub fn subscribe(db: &Db, bus: &EventBus) {
    subscribe_once(
        bus,
        db,
        PRODUCT_CHANGED,
        "shops.product_ref",
        |tx, change: ProductChanged| {
            Box::pin(async move {
                store::upsert_product_ref(&mut **tx, &change.product_id, change.archived).await
            })
        },
    );
}
