//! The catalog subgraph: products and their category tree.

/// Product and Category as the rest of the crate sees them.
pub mod domain;
/// Consumers of inventory's events.
mod events;
/// GraphQL types and root fields.
pub mod graphql;
/// Batched lookups for entity and list resolution.
mod loaders;
/// The demo catalog's bundled pictures.
mod pictures;
/// Changing products: each save with its announcement, in one transaction.
mod products;
/// The demo catalog, written on first start.
mod seed;
/// SQL, and nothing else.
mod store;
/// Pictures sellers upload: checked, with sized variants.
mod uploads;

use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "catalog";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/catalog");

pub type CatalogSchema = graphql::CatalogSchema;

/// Opens the database, migrates, seeds the demo data when empty, and builds the service.
pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_data(&db).await?;
    let media = vitrine_kit::media::MediaStore::from_env(&cfg.storage)?;
    let pictured = pictures::seed_demo_pictures(&db, &media).await?;
    if pictured > 0 {
        tracing::info!(pictured, "demo products got their pictures");
    }
    events::subscribe(&db, wiring.bus());
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(std::time::Duration::from_millis(500));
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((db, outbox, media))),
        &cfg.secrets,
    ))
}

/// The schema without storage, for SDL export and composition.
pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
