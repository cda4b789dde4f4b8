//! The orders subgraph: checkout as a persisted saga across cart, inventory and payments, the
//! order lifecycle with its status history, and order history per customer.

/// The saga's calls to cart, inventory, payments and accounts.
mod calls;
/// Statuses, allowed changes, saga steps.
mod domain;
/// Consumers of payments' events.
mod events;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Status changes with history and events.
mod lifecycle;
/// Batched lookups.
mod loaders;
/// Driving and resuming checkouts.
mod saga;
/// SQL, and nothing else.
mod store;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "orders";

/// Every operation this subgraph sends other subgraphs (a test checks each against the
/// peer's `schema/<peer>.graphql`).
pub const PEER_OPERATIONS: &[vitrine_kit::peers::PeerOperation] = calls::PEER_OPERATIONS;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/orders");

/// How often sagas without a live driver are looked for.
const RECOVER_EVERY: Duration = Duration::from_secs(1);

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    events::subscribe(&db, wiring.bus(), &wiring.system);
    wiring.bus().read_live(graphql::live::LIVE_TOPICS);
    let saga = saga::Saga {
        db,
        peers: wiring.peers.clone(),
        outbox,
        system: wiring.system.clone(),
        crash_after: crash_after_step()?,
    };
    saga.clone().spawn_recovery(RECOVER_EVERY);
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((saga, wiring.bus().clone()))),
        &cfg.secrets,
    )
    .sharing_states(
        wiring.bus(),
        vitrine_kit::contracts::STATE_SUBSCRIPTIONS,
        &cfg.live,
    ))
}

/// `VITRINE_FAULT_CRASH_AFTER_STEP=RESERVE_STOCK` (say) makes the process abort right after
/// that saga step commits: how the tests simulate a crash between steps. Refused in
/// production.
fn crash_after_step() -> anyhow::Result<Option<domain::SagaStep>> {
    let Some(step) = std::env::var("VITRINE_FAULT_CRASH_AFTER_STEP")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        return Ok(None);
    };
    if std::env::var("VITRINE_ENV").is_ok_and(|e| e == "production") {
        anyhow::bail!("VITRINE_FAULT_CRASH_AFTER_STEP is a test hook; unset it in production");
    }
    Ok(Some(domain::SagaStep::parse(&step)?))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
