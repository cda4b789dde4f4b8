//! Consumers of orders' events: a confirmed order gets a delivery waiting for the kitchen, a
//! ready one waits for a courier, a cancelled one comes off the courier's route.

use crate::dispatch::Dispatcher;
use crate::domain::DeliveryStatus;
use crate::store;
use vitrine_kit::contracts::{
    status, OrderEnded, OrderFact, OrderStatusChanged, ORDER_CANCELLED, ORDER_CONFIRMED, ORDER_DELIVERED,
    ORDER_STATUS_CHANGED,
};
use vitrine_kit::events::{subscribe_once, subscribe_once_if, EventBus};
use vitrine_kit::time::now;

pub fn subscribe(dispatcher: &Dispatcher, bus: &EventBus) {
    let db = &dispatcher.db;
    subscribe_once(
        bus,
        db,
        ORDER_CONFIRMED,
        "delivery.order_confirmed",
        |tx, order: OrderFact| {
            Box::pin(async move {
                let mut shops: Vec<String> = order.lines.iter().map(|l| l.shop_id.clone()).collect();
                shops.sort();
                shops.dedup();
                let drop = (order.delivery_latitude, order.delivery_longitude);
                let at = now();
                if let Some(id) =
                    store::insert_delivery(tx, &order.order_id, &order.customer_id, drop, &shops, at).await?
                {
                    store::record(&mut **tx, &id, DeliveryStatus::Waiting, None, None, None, at).await?;
                }
                Ok(())
            })
        },
    );

    let d = dispatcher.clone();
    subscribe_once_if(
        bus,
        db,
        ORDER_STATUS_CHANGED,
        "delivery.order_ready",
        |change: &OrderStatusChanged| change.status == status::Order::ReadyForDelivery,
        move |tx, change: OrderStatusChanged| {
            let d = d.clone();
            Box::pin(async move {
                let Some(delivery) = store::delivery_by_order(&mut **tx, &change.order_id).await? else {
                    tracing::warn!(order_id = change.order_id, "ready order without a delivery");
                    return Ok(());
                };
                let (from, to, at) = ([DeliveryStatus::Waiting], DeliveryStatus::Ready, now());
                if store::change_status(&mut **tx, &delivery.delivery_id, &from, to, None, at).await? {
                    store::record(&mut **tx, &delivery.delivery_id, to, None, None, None, at).await?;
                    d.announce(tx, &delivery, to, None, at).await?;
                }
                Ok(())
            })
        },
    );

    // Staff marked it delivered by hand: the record follows, the courier's route drops it.
    let d = dispatcher.clone();
    subscribe_once(
        bus,
        db,
        ORDER_DELIVERED,
        "delivery.order_delivered",
        move |tx, ended: OrderEnded| {
            let d = d.clone();
            Box::pin(async move {
                let Some(delivery) = store::delivery_by_order(&mut **tx, &ended.order.order_id).await? else {
                    return Ok(());
                };
                if delivery.status.is_final() {
                    return Ok(());
                }
                let from: Vec<DeliveryStatus> = DeliveryStatus::ALL
                    .into_iter()
                    .filter(|s| !s.is_final())
                    .collect();
                let (to, at) = (DeliveryStatus::Delivered, now());
                let note = Some("marked delivered by staff");
                if store::change_status(&mut **tx, &delivery.delivery_id, &from, to, None, at).await? {
                    let courier = delivery.courier_id.as_deref();
                    store::record(&mut **tx, &delivery.delivery_id, to, courier, None, note, at).await?;
                    if let Some(courier) = courier {
                        d.replan(tx, courier, at).await?;
                    }
                }
                Ok(())
            })
        },
    );

    let d = dispatcher.clone();
    subscribe_once(
        bus,
        db,
        ORDER_CANCELLED,
        "delivery.order_cancelled",
        move |tx, ended: OrderEnded| {
            let d = d.clone();
            Box::pin(async move {
                let Some(delivery) = store::delivery_by_order(&mut **tx, &ended.order.order_id).await? else {
                    return Ok(());
                };
                // Carried goods too: an ADMIN may cancel an order on the road; they go back.
                let from = [
                    DeliveryStatus::Waiting,
                    DeliveryStatus::Ready,
                    DeliveryStatus::Assigned,
                    DeliveryStatus::PickedUp,
                    DeliveryStatus::AttemptFailed,
                ];
                let (to, at) = (DeliveryStatus::Cancelled, now());
                let reason = ended.reason.as_deref();
                if store::change_status(&mut **tx, &delivery.delivery_id, &from, to, reason, at).await? {
                    let courier = delivery.courier_id.as_deref();
                    store::record(&mut **tx, &delivery.delivery_id, to, courier, None, reason, at).await?;
                    if let Some(courier) = courier {
                        d.replan(tx, courier, at).await?;
                    }
                    d.announce(tx, &delivery, to, reason, at).await?;
                }
                Ok(())
            })
        },
    );
}
