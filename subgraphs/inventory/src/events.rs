use crate::reservations::{announce, return_cancelled};
use crate::store;
use vitrine_kit::contracts::{OfferChanged, OrderEnded, OFFER_CHANGED, ORDER_CANCELLED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{subscribe_once, EventBus};

/// Offers come from shops: a new offer gets a stock row, a stated count becomes the count on
/// hand (audited), a removed or inactive offer stops selling. A cancelled order's units come
/// back.
pub fn subscribe(db: &Db, bus: &EventBus) {
    subscribe_once(
        bus,
        db,
        OFFER_CHANGED,
        "inventory.offer_stock",
        |tx, change: OfferChanged| {
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
                        &mut **tx,
                        &change.offer_id,
                        delta,
                        "count set by the shop",
                        &change.owner_id,
                    )
                    .await?;
                }
                announce(tx, &change.offer_id).await
            })
        },
    );
    subscribe_once(
        bus,
        db,
        ORDER_CANCELLED,
        "inventory.order_cancelled",
        |tx, ended: OrderEnded| Box::pin(async move { return_cancelled(tx, &ended.order.order_id).await }),
    );
}
