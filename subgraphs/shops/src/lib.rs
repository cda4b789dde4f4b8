//! The shops subgraph: marketplace sellers (seed 004's ShopService) and their offers, each a
//! shop selling a catalog product at its own price.

/// Shop and Offer as the crate sees them.
pub mod domain;
/// Consumers of other subgraphs' events.
mod events;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Batched lookups.
mod loaders;
/// Changing offers, each with what inventory is told, in one transaction.
mod offers;
/// Demo shops and offers.
mod seed;
/// Opening shops.
mod shops;
/// SQL, and nothing else.
mod store;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "shops";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/shops");

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_shops(&db).await?;
    events::subscribe(&db, wiring.bus());
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((db, outbox))),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
