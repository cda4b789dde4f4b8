//! The dispatcher and the schema on a scratch database (SQLite; PostgreSQL when
//! VITRINE_TEST_DATABASE_URL is set). Shops are never asked: tests write where a shop is
//! themselves, and nothing runs on a timer, so each test decides when deliveries are
//! dispatched and couriers move.

/// Couriers' own mutations: their profile and their reports from the road.
mod couriers;
/// Assignment, routes, and couriers driven along them.
mod dispatch;

use crate::dispatch::Dispatcher;
use crate::domain::{DeliveryStatus, Vehicle};
use crate::graphql::{self, DeliverySchema};
use crate::store::{self, Courier, Delivery};
use serde_json::Value;
use std::ops::Deref;
use std::time::Duration;
use vitrine_kit::config::SimulationConfig;
use vitrine_kit::events::{EventBus, Relay};
use vitrine_kit::identity::Identity;
use vitrine_kit::peers::Peers;
use vitrine_kit::testkit::Scratch;
use vitrine_kit::time::now;

/// A dispatcher and the schema over it, whose database lives as long as this value.
pub struct TestDispatcher {
    dispatcher: Dispatcher,
    schema: DeliverySchema,
    _scratch: Scratch,
}

impl Deref for TestDispatcher {
    type Target = Dispatcher;

    fn deref(&self) -> &Dispatcher {
        &self.dispatcher
    }
}

impl TestDispatcher {
    pub async fn new() -> TestDispatcher {
        let scratch = Scratch::new();
        let db = scratch.db(crate::NAME, &crate::MIGRATOR).await;
        let bus = EventBus::new();
        let outbox = Relay::new(db.clone(), bus.clone()).spawn(Duration::from_secs(60));
        let dispatcher = Dispatcher {
            db,
            peers: Peers::in_process("test"),
            outbox,
            sim: SimulationConfig::default(),
            terms: Default::default(),
        };
        TestDispatcher {
            schema: graphql::schema(Some((dispatcher.clone(), bus))),
            dispatcher,
            _scratch: scratch,
        }
    }

    /// `data` as `who`, or the `extensions.code` of the first error.
    pub async fn run(&self, who: &Identity, query: &str, variables: Value) -> Result<Value, String> {
        vitrine_kit::testkit::run_as(&self.schema, who, query, variables).await
    }

    /// An available, simulated courier on a bicycle at `at`.
    pub async fn courier(&self, id: &str, at: (f64, f64), capacity: i64) {
        let courier = Courier {
            courier_id: id.into(),
            name: id.into(),
            vehicle: Vehicle::Bicycle,
            capacity,
            latitude: at.0,
            longitude: at.1,
            available: true,
            simulated: true,
        };
        store::upsert_courier(&self.db, &courier, now()).await.unwrap();
    }

    /// A READY delivery from the shop at `shop` to `door`.
    pub async fn ready(&self, order: &str, shop: (f64, f64), door: (f64, f64)) -> String {
        let mut tx = self.db.begin_write().await.unwrap();
        let shops = ["shp_1".to_string()];
        let id = store::insert_delivery(&mut tx, order, "cus_1", door, &shops, now())
            .await
            .unwrap()
            .unwrap();
        store::locate_shop(&mut *tx, "shp_1", shop).await.unwrap();
        let from = [DeliveryStatus::Waiting];
        assert!(
            store::change_status(&mut *tx, &id, &from, DeliveryStatus::Ready, None, now())
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        id
    }

    pub async fn delivery(&self, id: &str) -> Delivery {
        store::deliveries_by_ids(&self.db, &[id.to_string()])
            .await
            .unwrap()
            .pop()
            .unwrap()
    }
}
