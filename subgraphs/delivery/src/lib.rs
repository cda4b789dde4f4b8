//! The delivery subgraph: couriers, assignment of ready orders to the courier that gets them
//! to the door soonest, routes (nearest neighbour, then 2-opt) with ETAs, a time-scaled
//! simulation that drives the demo fleet, what couriers report from the road, and the record
//! of every delivery.

/// A courier's own profile: registering, duty, location.
mod couriers;
/// Locating shops, choosing couriers, replanning routes, announcing changes.
mod dispatch;
/// Statuses, vehicles, stop kinds: pure rules.
mod domain;
/// Consumers of orders' events.
mod events;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Pickups, handovers and failed attempts; couriers' reports from the road.
mod handover;
/// Batched lookups.
mod loaders;
/// A courier's route from its deliveries.
mod planning;
/// Delivery terms for an order not yet placed.
mod quoting;
/// Great-circle distances and the route planner (public for the benchmark).
pub mod route;
/// The demo fleet.
mod seed;
/// The dispatcher's clock and the courier simulation.
mod simulation;
/// SQL, and nothing else.
mod store;
/// The fee and the promised time before there is an order: pure rules.
mod terms;

#[cfg(test)]
mod tests;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "delivery";

/// Every operation this subgraph sends other subgraphs (a test checks each against the
/// peer's `schema/<peer>.graphql`).
pub const PEER_OPERATIONS: &[vitrine_kit::peers::PeerOperation] = &[dispatch::SHOP_LOCATIONS];

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/delivery");

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_couriers(&db).await?;
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    let dispatcher = dispatch::Dispatcher {
        db,
        peers: wiring.peers.clone(),
        outbox,
        sim: cfg.simulation.clone(),
        terms: cfg.delivery_terms.clone(),
    };
    events::subscribe(&dispatcher, wiring.bus());
    wiring.bus().read_live(graphql::live::LIVE_TOPICS);
    simulation::spawn(dispatcher.clone());
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((dispatcher, wiring.bus().clone()))),
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
