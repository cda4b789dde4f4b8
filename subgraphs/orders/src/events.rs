//! Consumers of other subgraphs' events: the order's status follows the kitchen, the courier
//! and refunds. An event that no longer fits (the order was cancelled meanwhile, say) changes
//! nothing.

use crate::domain::OrderStatus;
use crate::lifecycle::transition_in_tx;
use crate::store;
use vitrine_kit::contracts::status::{Delivery, Ticket};
use vitrine_kit::contracts::{
    DeliveryChanged, KitchenTicketChanged, PaymentChanged, DELIVERY_CHANGED, KITCHEN_TICKET_CHANGED,
    PAYMENT_REFUNDED,
};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::events::{subscribe_once, EventBus};
use vitrine_kit::system::System;

pub fn subscribe(db: &Db, bus: &EventBus, system: &System) {
    // A delivered order whose whole payment went back becomes REFUNDED.
    subscribe_once(bus, db, PAYMENT_REFUNDED, "orders.payment_refunded", {
        let system = system.clone();
        move |tx, payment: PaymentChanged| {
            let system = system.clone();
            Box::pin(async move {
                if !payment.fully_refunded {
                    return Ok(());
                }
                let reason = Some("payment refunded in full");
                let from = [OrderStatus::Delivered];
                follow(
                    tx,
                    &system,
                    &payment.order_id,
                    &from,
                    OrderStatus::Refunded,
                    "payments",
                    reason,
                )
                .await
            })
        }
    });

    subscribe_once(
        bus,
        db,
        KITCHEN_TICKET_CHANGED,
        "orders.kitchen_ticket_changed",
        {
            let system = system.clone();
            move |tx, ticket: KitchenTicketChanged| {
                let system = system.clone();
                Box::pin(async move {
                    use OrderStatus::*;
                    let (from, to): (&[OrderStatus], OrderStatus) = match ticket.status {
                        Ticket::Preparing => (&[Confirmed], Preparing),
                        // Skipped: nothing to prepare, straight to the courier.
                        Ticket::Ready | Ticket::Skipped => (&[Confirmed, Preparing], ReadyForDelivery),
                        Ticket::Failed => (&[Confirmed, Preparing], Cancelled),
                        // Queued is the confirmed order's own news; a cancelled ticket follows an
                        // order already cancelled.
                        Ticket::Queued | Ticket::Cancelled => return Ok(()),
                    };
                    let reason = ticket.reason.as_deref().map(|r| format!("kitchen: {r}"));
                    follow(
                        tx,
                        &system,
                        &ticket.order_id,
                        from,
                        to,
                        "kitchen",
                        reason.as_deref(),
                    )
                    .await
                })
            }
        },
    );

    subscribe_once(bus, db, DELIVERY_CHANGED, "orders.delivery_changed", {
        let system = system.clone();
        move |tx, delivery: DeliveryChanged| {
            let system = system.clone();
            Box::pin(async move {
                use OrderStatus::*;
                let (from, to): (&[OrderStatus], OrderStatus) = match delivery.status {
                    Delivery::PickedUp => (&[ReadyForDelivery], OutForDelivery),
                    Delivery::Delivered => (&[OutForDelivery], Delivered),
                    Delivery::Failed => (&[OutForDelivery], Cancelled),
                    // Steps the order does not show (it is out for delivery or waiting for one).
                    Delivery::Waiting
                    | Delivery::Ready
                    | Delivery::Assigned
                    | Delivery::AttemptFailed
                    | Delivery::Cancelled => return Ok(()),
                };
                let reason = delivery.reason.as_deref().map(|r| format!("delivery: {r}"));
                follow(
                    tx,
                    &system,
                    &delivery.order_id,
                    from,
                    to,
                    "delivery",
                    reason.as_deref(),
                )
                .await
            })
        }
    });
}

/// Moves the order to `to` if it is in one of `from`; otherwise leaves it (and says so).
async fn follow(
    tx: &mut Tx,
    system: &System,
    order_id: &str,
    from: &[OrderStatus],
    to: OrderStatus,
    actor: &str,
    reason: Option<&str>,
) -> anyhow::Result<()> {
    let Some(order) = store::order(&mut **tx, order_id).await? else {
        tracing::warn!(order_id, actor, "event for an unknown order");
        return Ok(());
    };
    if !from.contains(&order.status) {
        tracing::info!(
            order_id,
            actor,
            status = order.status.as_str(),
            to = to.as_str(),
            "event no longer applies"
        );
        return Ok(());
    }
    transition_in_tx(tx, system, &order, order.status, to, actor, reason).await?;
    Ok(())
}
