//! The system handle: what one running Vitrine shares between its subgraphs (one per process in
//! distributed mode, one for the whole embedded process). It owns the metrics registry, the
//! event bus (and through it the NATS connection and the live feed) and the list of databases
//! readiness pings. Nothing of it lives in a `static`, so tests can build several systems in
//! one process without their counts or connections mixing.

use crate::db::Db;
use crate::events::EventBus;
use crate::metrics::Metrics;
use anyhow::Context;
use sqlx::AnyPool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone)]
pub struct System {
    inner: Arc<Inner>,
}

struct Inner {
    metrics: Metrics,
    bus: Arc<EventBus>,
    databases: Mutex<Vec<(String, AnyPool)>>,
}

impl System {
    pub fn new() -> System {
        let metrics = Metrics::new();
        let bus = EventBus::new();
        metrics.register_gauge(bus.live_gauge());
        metrics.register_counters(bus.live_reads());
        metrics.register_collector(Box::new(bus.live_joined().clone()));
        metrics.register_collector(Box::new(bus.live_replaced().clone()));
        System {
            inner: Arc::new(Inner {
                metrics,
                bus,
                databases: Mutex::default(),
            }),
        }
    }

    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    pub fn bus(&self) -> &Arc<EventBus> {
        &self.inner.bus
    }

    /// Lists `db` among the databases readiness pings.
    pub(crate) fn adopt(&self, subgraph: &str, db: &Db) {
        self.inner
            .databases
            .lock()
            .expect("databases lock")
            .push((subgraph.to_string(), db.pool().clone()));
    }

    /// Every database of the system answers within `limit`, and the NATS connection (if any)
    /// is up; otherwise what is not.
    pub async fn check_ready(&self, limit: Duration) -> anyhow::Result<()> {
        let databases = self.inner.databases.lock().expect("databases lock").clone();
        for (subgraph, pool) in databases {
            tokio::time::timeout(limit, sqlx::query("SELECT 1").execute(&pool))
                .await
                .map_err(|_| anyhow::anyhow!("the {subgraph} database did not answer"))?
                .with_context(|| format!("the {subgraph} database"))?;
        }
        anyhow::ensure!(self.inner.bus.broker_connected(), "NATS is not connected");
        Ok(())
    }
}

impl Default for System {
    fn default() -> Self {
        System::new()
    }
}
