//! The kitchen subgraph: an automated kitchen that turns confirmed orders into tickets, cooks
//! their items at stations of limited capacity in a simulation loop, and reports each ticket's
//! progress (QUEUED, PREPARING, READY…) to the rest of the system through its outbox.

/// Statuses, stations, default recipes and the ready-by estimate. Pure rules, no I/O.
mod domain;
/// Consumers of orders' events.
mod events;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Batched ticket and item lookups.
mod loaders;
/// The demo recipes and stations, written on start.
mod seed;
/// The clock-driven loop that starts and finishes items.
mod simulation;
/// SQL, and nothing else.
mod store;
/// A kitchen on a scratch database, for the tests.
#[cfg(test)]
mod tests;
/// Ticket changes, each in one transaction with its event.
mod tickets;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "kitchen";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/kitchen");

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed(&db).await?;
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    let kitchen = tickets::Kitchen {
        db,
        outbox,
        sim: cfg.simulation.clone(),
    };
    events::subscribe(&kitchen, wiring.bus());
    wiring.bus().read_live(graphql::live::LIVE_TOPICS);
    simulation::spawn(kitchen.clone());
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((kitchen, wiring.bus().clone()))),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
