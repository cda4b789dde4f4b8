//! The accounts subgraph: customers and staff, sign-in with rotating refresh tokens, saved
//! addresses, and the tenge wallet with its append-only ledger.

/// Saving addresses, with the default flag they may take from the others.
mod addresses;
/// Sessions: sign-up, sign-in, refresh-token rotation, sign-out.
mod auth;
/// Customer, Address and wallet values, and the input rules they obey.
pub mod domain;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Batched lookups for entity and list resolution.
mod loaders;
/// argon2id hashing off the async threads.
mod passwords;
/// Changing a customer's profile.
mod profiles;
/// One account per role for the demo.
mod seed;
/// SQL, and nothing else.
mod store;
/// Access tokens (JWT) and refresh tokens.
mod tokens;
/// Moving money: idempotent, transactional, never negative.
mod wallet;

#[cfg(test)]
mod tests;

use tokens::TokenIssuer;
use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::jwt_keys::JwtKeys;
use vitrine_kit::service::SubgraphService;
use vitrine_kit::wiring::Wiring;

pub const NAME: &str = "accounts";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/accounts");

pub use seed::DEMO_ACCOUNTS;

pub async fn start(cfg: &AppConfig, wiring: &Wiring) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&wiring.system, &cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_accounts(&db).await?;
    let keys = JwtKeys::from_config(&cfg.secrets)?;
    let tokens = TokenIssuer::new(keys.clone());
    let service = SubgraphService::new(
        NAME,
        graphql::schema(Some((db, tokens, cfg.accounts.clone()))),
        &cfg.secrets,
    );
    // Routers that fetch verification keys remotely read them here; an HS256 secret is never
    // published.
    Ok(if keys.is_public() {
        let jwks = keys.jwks_json();
        let serve_jwks = move || std::future::ready(([("content-type", "application/json")], jwks.clone()));
        service
            .with_routes(axum::Router::new().route("/.well-known/jwks.json", axum::routing::get(serve_jwks)))
    } else {
        service
    })
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
