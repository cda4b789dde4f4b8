//! The payments subgraph: one payment per order, held on the accounts wallet or authorized on a
//! card through a simulated gateway, captured on delivery, voided or refunded on cancellation;
//! customers' saved cards (brand, last four, expiry and a token only).

/// Payments' calls to accounts' wallet.
mod accounts;
/// Card number, expiry and CVC rules; brands.
mod cards;
/// Statuses and the rules that move them.
mod domain;
/// Consumers of orders' events.
mod events;
/// A SIMULATED card gateway: tokens, authorizations, captures, voids, refunds.
mod gateway;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Batched payment and history lookups.
mod loaders;
/// Authorize, capture, void, refund, saving cards: calls out, then one transaction each.
mod processor;
/// SQL, and nothing else.
mod store;
/// Payments with accounts in process, on scratch databases.
#[cfg(test)]
mod tests;

use std::time::Duration;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::events::Relay;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "payments";

/// Every operation this subgraph sends other subgraphs (a test checks each against the
/// peer's `schema/<peer>.graphql`).
pub const PEER_OPERATIONS: &[vitrine_kit::peers::PeerOperation] =
    &[accounts::HOLD, accounts::SETTLE, accounts::CREDIT];

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/payments");

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    let outbox = Relay::new(db.clone(), wiring.bus().clone()).spawn(Duration::from_millis(500));
    let processor = processor::Processor::new(db, wiring.peers.clone(), outbox);
    events::subscribe(&processor, wiring.bus());
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some(processor)),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
