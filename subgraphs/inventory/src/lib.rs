//! The inventory subgraph: units on hand per offer (shop × product), reservations that hold
//! them for orders without ever overselling, and the audit trail of every change.

/// Reservation statuses and limits.
mod domain;
/// Consumers of shops' events.
mod events;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Batched stock lookups.
mod loaders;
/// Reserve, commit, release, expire, restock: the transactional rules.
mod reservations;
/// Demo stock, written on first start.
mod seed;
/// SQL, and nothing else.
mod store;

#[cfg(test)]
mod tests;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "inventory";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/inventory");

/// How often expired holds are looked for.
const SWEEP_EVERY: Duration = Duration::from_millis(500);

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_stock(&db).await?;
    events::subscribe(&db, wiring.bus());
    wiring.bus().read_live(graphql::live::LIVE_TOPICS);
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    reservations::spawn_sweeper(db.clone(), outbox.clone(), SWEEP_EVERY);
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((db, outbox, wiring.bus().clone()))),
        &cfg.secrets,
    )
    .sharing_states(
        wiring.bus(),
        vitrine_kit::contracts::STATE_SUBSCRIPTIONS,
        &cfg.live,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
