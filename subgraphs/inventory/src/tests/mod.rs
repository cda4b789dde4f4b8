//! The subgraph's schema on a scratch database (SQLite; PostgreSQL when
//! VITRINE_TEST_DATABASE_URL is set). Offers are written directly, as shops' events would
//! write them; the outbox relay publishes to a bus of its own that nothing reads.

/// Holding, committing and reading reservations.
mod reservations;

use crate::graphql::{self, InventorySchema};
use crate::store;
use serde_json::Value;
use std::time::Duration;
use vitrine_kit::db::Db;
use vitrine_kit::events::{EventBus, Relay};
use vitrine_kit::identity::Identity;
use vitrine_kit::testkit::Scratch;

pub const SELLER: &str = "cus_seller";

pub struct TestInventory {
    pub db: Db,
    pub schema: InventorySchema,
    _scratch: Scratch,
}

impl TestInventory {
    pub async fn new() -> TestInventory {
        let scratch = Scratch::new();
        let db = scratch.db(crate::NAME, &crate::MIGRATOR).await;
        let bus = EventBus::new();
        let outbox = Relay::new(db.clone(), bus.clone()).spawn(Duration::from_secs(60));
        TestInventory {
            schema: graphql::schema(Some((db.clone(), outbox, bus))),
            db,
            _scratch: scratch,
        }
    }

    /// A sellable offer of [`SELLER`]'s with `on_hand` units.
    pub async fn offer(&self, offer_id: &str, on_hand: i64) {
        let mut tx = self.db.begin_write().await.unwrap();
        store::upsert_offer(&mut tx, offer_id, "prd_1", "shp_1", SELLER, true, Some(on_hand))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }

    /// `data`, or the `extensions.code` of the first error.
    pub async fn run(&self, who: &Identity, query: &str, variables: Value) -> Result<Value, String> {
        vitrine_kit::testkit::run_as(&self.schema, who, query, variables).await
    }
}
