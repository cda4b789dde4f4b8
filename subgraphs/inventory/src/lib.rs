//! The inventory subgraph: how many of each product can still be sold.

/// GraphQL types and root fields.
pub mod graphql;
/// Batched stock lookups.
mod loaders;
/// Demo stock, written on first start.
mod seed;
/// SQL, and nothing else.
mod store;

use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::service::SubgraphService;

pub const NAME: &str = "inventory";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/inventory");

pub async fn start(cfg: &AppConfig) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_stock(&db).await?;
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some(db)),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
