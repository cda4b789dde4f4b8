//! The cart subgraph: one open cart per customer and guest carts by token, priced live from
//! shops and inventory, promo codes, and the claim that hands a cart to the orders saga.

/// Changing carts: the transactional rules.
mod carts;
/// Claim, release, complete: the cart's part in checkout.
mod checkout;
/// Cart, line, promo code.
mod domain;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Guest cart tokens.
mod guest;
/// Batched lookups.
mod loaders;
/// Offer facts from shops and inventory.
mod offers;
/// Totals, discounts and warnings: pure rules.
mod pricing;
/// Promo codes: the pure rules, and creating one.
mod promo;
/// Demo promo codes, written on start.
mod seed;
/// SQL, and nothing else.
mod store;

#[cfg(test)]
mod tests;

use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "cart";

/// Every operation this subgraph sends other subgraphs (a test checks each against the
/// peer's `schema/<peer>.graphql`).
pub const PEER_OPERATIONS: &[vitrine_kit::peers::PeerOperation] = &[offers::OFFER_FACTS, offers::OFFER_STOCK];

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/cart");

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_promos(&db).await?;
    carts::spawn_guest_sweeper(db.clone(), std::time::Duration::from_secs(3600));
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((db, wiring.peers.clone()))),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
