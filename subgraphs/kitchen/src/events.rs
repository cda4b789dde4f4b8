//! Consumers of orders' events: a confirmed order gets its ticket (or SKIPPED), a cancelled
//! order's ticket stops. Each runs once in effect per event (`subscribe_once`), in one
//! transaction with the event it announces.

use crate::store;
use crate::tickets::{self, Kitchen};
use std::sync::Arc;
use vitrine_kit::contracts::{OrderEnded, OrderFact, ORDER_CANCELLED, ORDER_CONFIRMED};
use vitrine_kit::events::{subscribe_once, InProcessBus};

pub fn subscribe(kitchen: &Kitchen, bus: &InProcessBus) {
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
    wake_after(kitchen, bus, ORDER_CONFIRMED);
    subscribe_once(
        bus,
        &kitchen.db,
        ORDER_CANCELLED,
        "kitchen.order_cancelled",
        |tx, ended: OrderEnded| {
            Box::pin(async move { tickets::cancel_for_order(tx, &ended, store::now()).await })
        },
    );
    wake_after(kitchen, bus, ORDER_CANCELLED);
}

/// `subscribe_once` commits inside its handler and offers no hook after that; the bus runs a
/// topic's handlers in turn, so a second handler right behind it wakes the relay once the
/// event the consumer wrote is committed (waking before would find nothing and leave it for
/// the next poll).
fn wake_after(kitchen: &Kitchen, bus: &InProcessBus, topic: &str) {
    let outbox = kitchen.outbox.clone();
    bus.subscribe(
        topic,
        Arc::new(move |_| {
            outbox.wake();
            Box::pin(async { Ok(()) })
        }),
    );
}
