use crate::store;
use std::sync::Arc;
use vitrine_kit::contracts::{ProductChanged, PRODUCT_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{handle_once, Event, InProcessBus};

/// Keeps `product_ref` in step with catalog, so offers are only made for live products.
pub fn subscribe(db: &Db, bus: &Arc<InProcessBus>) {
    let db = db.clone();
    bus.subscribe(
        PRODUCT_CHANGED,
        Arc::new(move |event: Event| {
            let db = db.clone();
            Box::pin(async move {
                let change: ProductChanged = event.decode()?;
                handle_once(&db, "shops.product_ref", &event, move |tx| {
                    Box::pin(async move {
                        store::upsert_product_ref(tx, &change.product_id, change.archived).await
                    })
                })
                .await?;
                Ok(())
            })
        }),
    );
}
