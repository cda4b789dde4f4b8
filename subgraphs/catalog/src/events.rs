use crate::store;
use vitrine_kit::contracts::{StockChanged, STOCK_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{subscribe_once, EventBus};

/// Keeps `offer_availability` in step with inventory, for in-stock-only searches.
pub fn subscribe(db: &Db, bus: &EventBus) {
    subscribe_once(
        bus,
        db,
        STOCK_CHANGED,
        "catalog.availability",
        |tx, change: StockChanged| {
            Box::pin(async move {
                store::set_offer_availability(
                    &mut **tx,
                    &change.offer_id,
                    &change.product_id,
                    change.available,
                )
                .await
            })
        },
    );
}
