//! Consumers of orders' events: a confirmed order gets its ticket (or SKIPPED), a cancelled
//! order's ticket stops. Each runs once in effect per event (`subscribe_once`), in one
//! transaction with the event it announces.

use crate::store;
use crate::tickets::{self, Kitchen};
use vitrine_kit::contracts::{OrderEnded, OrderFact, ORDER_CANCELLED, ORDER_CONFIRMED};
use vitrine_kit::events::{subscribe_once, EventBus};

pub fn subscribe(kitchen: &Kitchen, bus: &EventBus) {
    let sim = kitchen.sim.clone();
    subscribe_once(
        bus,
        &kitchen.db,
        ORDER_CONFIRMED,
        "kitchen.order_confirmed",
        move |tx, order: OrderFact| {
            let sim = sim.clone();
            Box::pin(async move {
                tickets::open_ticket(tx, &sim, &order, store::now()).await?;
                Ok(())
            })
        },
    );
    subscribe_once(
        bus,
        &kitchen.db,
        ORDER_CANCELLED,
        "kitchen.order_cancelled",
        |tx, ended: OrderEnded| {
            Box::pin(async move { tickets::cancel_for_order(tx, &ended, store::now()).await })
        },
    );
}
