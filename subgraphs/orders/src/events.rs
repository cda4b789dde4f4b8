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
use vitrine_kit::events::{subscribe_once, subscribe_once_if, EventBus};
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

    follow_steps::<KitchenTicketChanged>(
        bus,
        db,
        system,
        KITCHEN_TICKET_CHANGED,
        "orders.kitchen_ticket_changed",
    );
    follow_steps::<DeliveryChanged>(bus, db, system, DELIVERY_CHANGED, "orders.delivery_changed");
}

/// Another subgraph's news that may move the order a step.
trait Step: serde::de::DeserializeOwned + Send + 'static {
    /// Who moved it, as the order's history says.
    const ACTOR: &'static str;
    /// From which statuses to which; `None` for news the order does not follow.
    fn step(&self) -> Option<(&'static [OrderStatus], OrderStatus)>;
    fn order_id(&self) -> &str;
    fn reason(&self) -> Option<&str>;
}

impl Step for KitchenTicketChanged {
    const ACTOR: &'static str = "kitchen";
    fn step(&self) -> Option<(&'static [OrderStatus], OrderStatus)> {
        after_ticket(self.status)
    }
    fn order_id(&self) -> &str {
        &self.order_id
    }
    fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

impl Step for DeliveryChanged {
    const ACTOR: &'static str = "delivery";
    fn step(&self) -> Option<(&'static [OrderStatus], OrderStatus)> {
        after_delivery(self.status)
    }
    fn order_id(&self) -> &str {
        &self.order_id
    }
    fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

/// Subscribes `consumer` to `topic`, whose news moves the order along its steps; news the
/// order does not follow is passed over without a transaction.
fn follow_steps<T: Step>(bus: &EventBus, db: &Db, system: &System, topic: &str, consumer: &'static str) {
    let system = system.clone();
    subscribe_once_if(
        bus,
        db,
        topic,
        consumer,
        |news: &T| news.step().is_some(),
        move |tx, news: T| {
            let system = system.clone();
            Box::pin(async move {
                let Some((from, to)) = news.step() else {
                    return Ok(());
                };
                let reason = news.reason().map(|r| format!("{}: {r}", T::ACTOR));
                follow(
                    tx,
                    &system,
                    news.order_id(),
                    from,
                    to,
                    T::ACTOR,
                    reason.as_deref(),
                )
                .await
            })
        },
    );
}

/// The order's step (from which statuses, to which) after its kitchen ticket reached
/// `ticket`; `None` for ticket statuses the order does not follow, which are passed over
/// without a transaction.
fn after_ticket(ticket: Ticket) -> Option<(&'static [OrderStatus], OrderStatus)> {
    use OrderStatus::*;
    match ticket {
        Ticket::Preparing => Some((&[Confirmed], Preparing)),
        // Skipped: nothing to prepare, straight to the courier.
        Ticket::Ready | Ticket::Skipped => Some((&[Confirmed, Preparing], ReadyForDelivery)),
        Ticket::Failed => Some((&[Confirmed, Preparing], Cancelled)),
        // Queued is the confirmed order's own news; a cancelled ticket follows an order
        // already cancelled.
        Ticket::Queued | Ticket::Cancelled => None,
    }
}

/// The order's step after its delivery reached `delivery`; `None` for the delivery's own
/// steps, which the order does not show (it is out for delivery or waiting for one).
fn after_delivery(delivery: Delivery) -> Option<(&'static [OrderStatus], OrderStatus)> {
    use OrderStatus::*;
    match delivery {
        Delivery::PickedUp => Some((&[ReadyForDelivery], OutForDelivery)),
        Delivery::Delivered => Some((&[OutForDelivery], Delivered)),
        Delivery::Failed => Some((&[OutForDelivery], Cancelled)),
        Delivery::Waiting
        | Delivery::Ready
        | Delivery::Assigned
        | Delivery::AttemptFailed
        | Delivery::Cancelled => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every step the kitchen or the courier makes the order take is one its lifecycle allows
    /// (a step it refused would be retried forever, holding up the events behind it).
    #[test]
    fn steps_after_other_subgraphs_are_lifecycle_edges() {
        use Delivery as D;
        use Ticket as T;
        let tickets = [
            T::Queued,
            T::Preparing,
            T::Ready,
            T::Failed,
            T::Skipped,
            T::Cancelled,
        ];
        let deliveries = [
            D::Waiting,
            D::Ready,
            D::Assigned,
            D::PickedUp,
            D::AttemptFailed,
            D::Delivered,
            D::Failed,
            D::Cancelled,
        ];
        let steps = tickets
            .into_iter()
            .filter_map(after_ticket)
            .chain(deliveries.into_iter().filter_map(after_delivery));
        let mut count = 0;
        for (from, to) in steps {
            for status in from {
                assert!(status.can_become(to), "{status:?} → {to:?}");
                count += 1;
            }
        }
        assert_eq!(count, 10);
        // The steps passed over without a transaction are only these.
        assert_eq!(
            tickets.into_iter().filter(|t| after_ticket(*t).is_none()).count(),
            2
        );
        assert_eq!(
            deliveries
                .into_iter()
                .filter(|d| after_delivery(*d).is_none())
                .count(),
            5
        );
    }
}
