use crate::reservations::announce;
use crate::store;
use std::sync::Arc;
use vitrine_kit::contracts::{OfferChanged, OFFER_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{handle_once, Event, InProcessBus};

/// Offers come from shops: a new offer gets a stock row, a stated count becomes the count on
/// hand (audited), a removed or inactive offer stops selling.
pub fn subscribe(db: &Db, bus: &Arc<InProcessBus>) {
    let db = db.clone();
    bus.subscribe(
        OFFER_CHANGED,
        Arc::new(move |event: Event| {
            let db = db.clone();
            Box::pin(async move {
                let change: OfferChanged = event.decode()?;
                handle_once(&db, "inventory.offer_stock", &event, move |tx| {
                    Box::pin(async move {
                        let delta = store::upsert_offer(
                            tx,
                            &change.offer_id,
                            &change.product_id,
                            &change.shop_id,
                            &change.owner_id,
                            change.sellable,
                            change.set_on_hand,
                        )
                        .await?;
                        if delta != 0 {
                            store::record_movement(
                                tx,
                                &change.offer_id,
                                delta,
                                "count set by the shop",
                                &change.owner_id,
                            )
                            .await?;
                        }
                        announce(tx, &change.offer_id).await
                    })
                })
                .await?;
                Ok(())
            })
        }),
    );
}
