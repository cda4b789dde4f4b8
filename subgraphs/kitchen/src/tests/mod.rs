//! A kitchen on a fresh SQLite database (or PostgreSQL with `VITRINE_TEST_DATABASE_URL`, as
//! the e2e tests), its consumers on a bus of its own, and a clock the tests move by hand:
//! the simulation runs only when a test calls `step`.

/// The schema as the router calls it.
mod graphql;
/// The simulation driven by hand.
mod simulation;
/// `start` as the binary runs it.
mod start;

use crate::store::{self, ItemRow, TicketRow};
use crate::tickets::Kitchen;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use vitrine_kit::config::SimulationConfig;
use vitrine_kit::contracts::{
    KitchenTicketChanged, OrderEnded, OrderFact, OrderLineFact, KITCHEN_TICKET_CHANGED, ORDER_CANCELLED,
    ORDER_CONFIRMED,
};
use vitrine_kit::demo::product_id;
use vitrine_kit::events::{Event, EventBus, Relay};
use vitrine_kit::ids::new_id;
use vitrine_kit::testkit::Scratch;

pub const CUSTOMER: &str = "cus_kitchen_test";

pub struct TestKitchen {
    pub kitchen: Kitchen,
    pub bus: Arc<EventBus>,
    _scratch: Scratch,
}

/// An order of `lines` (demo product slug, quantity) for [`CUSTOMER`].
pub fn order(lines: &[(&str, i64)]) -> OrderFact {
    OrderFact {
        order_id: new_id("ord"),
        customer_id: CUSTOMER.to_string(),
        total: 0,
        currency: "KZT".into(),
        lines: lines
            .iter()
            .map(|(slug, quantity)| OrderLineFact {
                offer_id: new_id("ofr"),
                product_id: product_id(slug),
                variant_id: None,
                shop_id: "shp_test".into(),
                quantity: *quantity,
                unit_price: 100,
            })
            .collect(),
        delivery_latitude: 43.2,
        delivery_longitude: 76.9,
    }
}

pub fn seconds(n: i64) -> Duration {
    Duration::seconds(n)
}

impl TestKitchen {
    /// Time scale 1: a recipe's seconds are seconds of the test's clock.
    pub async fn new() -> TestKitchen {
        let scratch = Scratch::new();
        let db = scratch.db(crate::NAME, &crate::MIGRATOR).await;
        crate::seed::seed(&db).await.unwrap();
        let bus = EventBus::new();
        // The bus is never opened, so the relay publishes nothing: the outbox keeps every
        // event for the tests to read.
        let outbox = Relay::new(db.clone(), bus.clone()).spawn(std::time::Duration::from_secs(3600));
        let kitchen = Kitchen {
            db,
            outbox,
            sim: SimulationConfig {
                time_scale: vitrine_kit::tunable::Tunable::new(1.0),
                ..SimulationConfig::default()
            },
        };
        crate::events::subscribe(&kitchen, &bus);
        TestKitchen {
            kitchen,
            bus,
            _scratch: scratch,
        }
    }

    /// Delivers `event` as orders' relay would.
    pub async fn deliver(&self, event: &Event) {
        self.bus.publish(event).await.unwrap();
    }

    pub fn confirmed(order: &OrderFact) -> Event {
        Event {
            id: new_id("evt"),
            topic: ORDER_CONFIRMED.into(),
            payload: serde_json::to_value(order).unwrap(),
        }
    }

    /// Confirms `order` and returns its ticket, if it got one.
    pub async fn confirm(&self, order: &OrderFact) -> Option<TicketRow> {
        self.deliver(&Self::confirmed(order)).await;
        store::ticket_for_order(&self.kitchen.db, &order.order_id)
            .await
            .unwrap()
    }

    pub async fn cancel(&self, order: &OrderFact) {
        let ended = OrderEnded {
            order: order.clone(),
            reason: Some("changed my mind".into()),
        };
        let event = Event {
            id: new_id("evt"),
            topic: ORDER_CANCELLED.into(),
            payload: serde_json::to_value(ended).unwrap(),
        };
        self.deliver(&event).await;
    }

    pub async fn step(&self, now: DateTime<Utc>) -> usize {
        crate::simulation::step(&self.kitchen, now).await.unwrap()
    }

    pub async fn ticket(&self, ticket_id: &str) -> TicketRow {
        store::ticket_by_id(&self.kitchen.db, ticket_id)
            .await
            .unwrap()
            .unwrap()
    }

    pub async fn items(&self, ticket_id: &str) -> Vec<ItemRow> {
        store::items_of_ticket(&self.kitchen.db, ticket_id).await.unwrap()
    }

    /// Every KITCHEN_TICKET_CHANGED about `order_id` in the outbox, oldest first.
    pub async fn announced(&self, order_id: &str) -> Vec<KitchenTicketChanged> {
        use sqlx::Row;
        let rows = sqlx::query("SELECT payload FROM outbox WHERE topic = $1 ORDER BY created_at, event_id")
            .bind(KITCHEN_TICKET_CHANGED)
            .fetch_all(self.kitchen.db.pool())
            .await
            .unwrap();
        rows.iter()
            .map(|row| {
                serde_json::from_str::<KitchenTicketChanged>(&row.get::<String, _>("payload")).unwrap()
            })
            .filter(|change| change.order_id == order_id)
            .collect()
    }

    pub async fn statuses_announced(&self, order_id: &str) -> Vec<String> {
        self.announced(order_id)
            .await
            .into_iter()
            .map(|change| vitrine_kit::contracts::status::wire_name(change.status))
            .collect()
    }
}
