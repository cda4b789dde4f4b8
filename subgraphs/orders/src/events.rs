use crate::domain::OrderStatus;
use crate::lifecycle::transition_in_tx;
use crate::store;
use vitrine_kit::contracts::{PaymentChanged, PAYMENT_REFUNDED};
use vitrine_kit::db::Db;
use vitrine_kit::events::{subscribe_once, InProcessBus};

/// A delivered order whose whole payment went back becomes REFUNDED.
pub fn subscribe(db: &Db, bus: &InProcessBus) {
    subscribe_once(
        bus,
        db,
        PAYMENT_REFUNDED,
        "orders.payment_refunded",
        |tx, payment: PaymentChanged| {
            Box::pin(async move {
                if !payment.fully_refunded {
                    return Ok(());
                }
                let Some(order) = store::order_in_tx(tx, &payment.order_id).await? else {
                    return Ok(());
                };
                if order.status == OrderStatus::Delivered {
                    let reason = Some("payment refunded in full");
                    let (from, to) = (OrderStatus::Delivered, OrderStatus::Refunded);
                    transition_in_tx(tx, &order, from, to, "payments", reason).await?;
                }
                Ok(())
            })
        },
    );
}
