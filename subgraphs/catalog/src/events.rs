use crate::store;
use std::sync::Arc;
use vitrine_kit::contracts::{StockChanged, STOCK_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{handle_once, Event, InProcessBus};

/// Keeps `offer_availability` in step with inventory, for in-stock-only searches.
pub fn subscribe(db: &Db, bus: &Arc<InProcessBus>) {
    let db = db.clone();
    bus.subscribe(
        STOCK_CHANGED,
        Arc::new(move |event: Event| {
            let db = db.clone();
            Box::pin(async move {
                let change: StockChanged = event.decode()?;
                handle_once(&db, "catalog.availability", &event, move |tx| {
                    Box::pin(async move {
                        store::set_offer_availability(
                            tx,
                            &change.offer_id,
                            &change.product_id,
                            change.available,
                        )
                        .await
                    })
                })
                .await?;
                Ok(())
            })
        }),
    );
}
