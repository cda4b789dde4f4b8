//! The accounts subgraph: customers and staff, sign-in with rotating refresh tokens, saved
//! addresses, and the tenge wallet with its append-only ledger.

/// Customer, Address and wallet values, and the input rules they obey.
pub mod domain;
/// GraphQL types, queries and mutations.
pub mod graphql;
/// Batched lookups for entity and list resolution.
mod loaders;
/// argon2id hashing off the async threads.
mod passwords;
/// One account per role for the demo.
mod seed;
/// SQL, and nothing else.
mod store;
/// Access tokens (JWT) and refresh tokens.
mod tokens;
/// Moving money: idempotent, transactional, never negative.
mod wallet;

use vitrine_kit::config::{AppConfig, SecretsConfig};
use vitrine_kit::db::Db;
use vitrine_kit::service::SubgraphService;

pub const NAME: &str = "accounts";

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/accounts");

pub use seed::DEMO_ACCOUNTS;

pub async fn start(cfg: &AppConfig) -> anyhow::Result<SubgraphService> {
    let db = Db::open(&cfg.storage, NAME, &MIGRATOR).await?;
    seed::seed_demo_accounts(&db).await?;
    let tokens = tokens::TokenIssuer::new(&cfg.secrets.jwt_secret);
    Ok(SubgraphService::new(
        NAME,
        graphql::schema(Some((db, tokens))),
        &cfg.secrets,
    ))
}

pub fn sdl() -> String {
    SubgraphService::new(NAME, graphql::schema(None), &SecretsConfig::default())
        .sdl()
        .to_string()
}
