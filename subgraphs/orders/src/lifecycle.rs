//! Status changes: checked against the lifecycle, recorded in the history and announced through
//! the outbox in the same transaction.

use crate::domain::OrderStatus;
use crate::store::{self, Order};
use vitrine_kit::contracts::{
    OrderEnded, OrderFact, OrderLineFact, OrderStatusChanged, ORDER_CANCELLED, ORDER_CONFIRMED,
    ORDER_DELIVERED, ORDER_FAILED, ORDER_STATUS_CHANGED,
};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::ApiError;
use vitrine_kit::events::{enqueue, OutboxWaker};
use vitrine_kit::system::System;

/// The order as its events carry it.
pub async fn fact(tx: &mut Tx, order: &Order) -> anyhow::Result<OrderFact> {
    let lines = store::lines(&mut **tx, &order.order_id).await?;
    Ok(OrderFact {
        order_id: order.order_id.clone(),
        customer_id: order.customer_id.clone(),
        total: order.total,
        currency: order.currency.clone(),
        lines: lines
            .into_iter()
            .map(|l| OrderLineFact {
                offer_id: l.offer_id,
                product_id: l.product_id,
                variant_id: l.variant_id,
                shop_id: l.shop_id,
                quantity: l.quantity,
                unit_price: l.unit_price,
            })
            .collect(),
        delivery_latitude: order.address.latitude,
        delivery_longitude: order.address.longitude,
    })
}

/// `from` → `to` inside `tx`, with its events. False (nothing written) when the order is no
/// longer `from`.
pub async fn transition_in_tx(
    tx: &mut Tx,
    system: &System,
    order: &Order,
    from: OrderStatus,
    to: OrderStatus,
    actor: &str,
    reason: Option<&str>,
) -> anyhow::Result<bool> {
    if !store::change_status(tx, &order.order_id, from, to, actor, reason).await? {
        return Ok(false);
    }
    let change = OrderStatusChanged {
        order_id: order.order_id.clone(),
        order_number: Some(order.number),
        customer_id: order.customer_id.clone(),
        from: from.into(),
        status: to.into(),
        actor: actor.to_string(),
        reason: reason.map(str::to_string),
        at: vitrine_kit::time::to_db(vitrine_kit::time::now()),
    };
    enqueue(tx, ORDER_STATUS_CHANGED, &change).await?;
    if to == OrderStatus::Delivered {
        count_promise(system, order, vitrine_kit::time::now());
    }
    let topic = match to {
        OrderStatus::Confirmed => Some(ORDER_CONFIRMED),
        OrderStatus::Cancelled => Some(ORDER_CANCELLED),
        OrderStatus::Delivered => Some(ORDER_DELIVERED),
        OrderStatus::Failed => Some(ORDER_FAILED),
        _ => None,
    };
    if let Some(topic) = topic {
        let fact = fact(tx, order).await?;
        if topic == ORDER_CONFIRMED {
            enqueue(tx, topic, &fact).await?;
        } else {
            let ended = OrderEnded {
                order: fact,
                reason: reason.map(str::to_string),
            };
            enqueue(tx, topic, &ended).await?;
        }
    }
    Ok(true)
}

/// A status change asked for by a person or another subgraph (not the checkout saga).
pub async fn transition(
    db: &Db,
    system: &System,
    outbox: &OutboxWaker,
    order_id: &str,
    to: OrderStatus,
    actor: &str,
    reason: Option<&str>,
) -> Result<Order, ApiError> {
    let mut tx = db.begin_write().await?;
    let order = store::order(&mut *tx, order_id)
        .await?
        .ok_or_else(|| ApiError::not_found("no such order"))?;
    if order.status == to {
        return Ok(order);
    }
    // PENDING belongs to the checkout saga: it confirms or fails the order itself.
    if order.status == OrderStatus::Pending {
        return Err(ApiError::Conflict(
            "checkout is still running; try again in a moment".into(),
        ));
    }
    if !order.status.can_become(to) {
        return Err(ApiError::Conflict(format!(
            "an order that is {} cannot become {}",
            order.status.as_str(),
            to.as_str()
        )));
    }
    if !transition_in_tx(&mut tx, system, &order, order.status, to, actor, reason).await? {
        return Err(ApiError::Conflict("the order changed meanwhile; retry".into()));
    }
    let order = store::order(&mut *tx, order_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("order vanished"))?;
    tx.commit().await?;
    outbox.wake();
    Ok(order)
}

/// Counts a newly DELIVERED order against the time checkout promised
/// (`vitrine_delivery_promises_total`); orders without a promise are not counted. Counted as
/// the change is written: should its transaction then fail, the retry counts it again.
fn count_promise(system: &System, order: &Order, delivered_at: chrono::DateTime<chrono::Utc>) {
    if let Some(promised_at) = order.promised_at {
        system.metrics().delivery_promise(delivered_at <= promised_at);
    }
}
