//! `start` as the binary runs it: consumers on the bus, the relay and the simulation loop on
//! their own, at a time scale where a pizza takes a fraction of a second.

use super::order;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vitrine_kit::config::{AppConfig, SimulationConfig};
use vitrine_kit::contracts::{KitchenTicketChanged, KITCHEN_TICKET_CHANGED, ORDER_CONFIRMED};
use vitrine_kit::events::Event;
use vitrine_kit::identity::DEV_INTERNAL_SECRET;
use vitrine_kit::ids::new_id;
use vitrine_kit::peers::Peers;
use vitrine_kit::testkit::Scratch;
use vitrine_kit::wiring::Wiring;

#[tokio::test]
async fn a_started_kitchen_prepares_a_confirmed_order_on_its_own() {
    let scratch = Scratch::new();
    let cfg = AppConfig {
        simulation: SimulationConfig {
            time_scale: vitrine_kit::tunable::Tunable::new(2000.0),
            tick: Duration::from_millis(10),
            simulate_couriers: false,
        },
        ..scratch.config.clone()
    };
    let wiring = Wiring::new(scratch.system.clone(), Peers::in_process(DEV_INTERNAL_SECRET));
    let bus = wiring.bus().clone();
    let _service = crate::start(&cfg, &wiring).await.unwrap();
    let heard = Arc::new(Mutex::new(Vec::new()));
    let sink = heard.clone();
    bus.subscribe(
        KITCHEN_TICKET_CHANGED,
        "test.listener",
        Arc::new(move |event: Event| {
            let change: KitchenTicketChanged = event.decode().unwrap();
            sink.lock()
                .unwrap()
                .push(vitrine_kit::contracts::status::wire_name(change.status));
            Box::pin(async { Ok(()) })
        }),
    );
    bus.open_and_settle(Duration::from_secs(5)).await;

    // A 10-minute pizza: 0.3 s at this scale.
    let placed = order(&[("pizza-four-cheese", 1)]);
    let confirmed = Event {
        id: new_id("evt"),
        topic: ORDER_CONFIRMED.into(),
        payload: serde_json::to_value(&placed).unwrap(),
    };
    bus.publish(&confirmed).await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !heard.lock().unwrap().contains(&"READY".to_string()) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "heard only {:?}",
            heard.lock().unwrap()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(*heard.lock().unwrap(), ["QUEUED", "PREPARING", "READY"]);
}
