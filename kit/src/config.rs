//! Storage settings shared by every process. Environment variables (documented in the README):
//! - `VITRINE_DATA_DIR` (default `./data`): SQLite files, one per subgraph.
//! - `DATABASE_URL` (unset → SQLite): a PostgreSQL server; each subgraph gets its own schema.
//! - `VITRINE_<SUBGRAPH>_DATABASE_URL`: one subgraph's own database, overriding `DATABASE_URL`.
//! - `VITRINE_DB_POOL_SIZE` (default 5): connections per subgraph pool.

use crate::identity::DEV_INTERNAL_SECRET;
use std::path::PathBuf;

/// Everything a subgraph process needs from its environment.
#[derive(Debug, Clone)]
pub struct AppConfig {
    pub storage: StorageConfig,
    pub secrets: SecretsConfig,
}

impl AppConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        Ok(AppConfig {
            storage: StorageConfig::from_env()?,
            secrets: SecretsConfig::from_env()?,
        })
    }
}

/// The development JWT secret; production refuses it.
pub const DEV_JWT_SECRET: &str = "vitrine-dev-jwt-secret-change-me-0123456789";

/// Secrets and the trust between router and subgraphs. Environment:
/// - `VITRINE_ENV` (default `development`): `production` refuses the development defaults below.
/// - `VITRINE_JWT_SECRET`: HS256 key the accounts subgraph signs access tokens with and the
///   router verifies them with (32+ bytes; e.g. `openssl rand -base64 48`).
/// - `VITRINE_JWT_PRIVATE_KEY_FILE`: an Ed25519 or RSA private key (PEM); when set, access
///   tokens are EdDSA/RS256 and the router gets only the public key (preferred in production).
/// - `VITRINE_INTERNAL_SECRET`: HMAC key for the identity the router passes to subgraphs.
/// - `VITRINE_REQUIRE_ROUTER_SIGNATURE` (default: true in production): subgraphs refuse requests
///   that carry no router-signed identity at all, i.e. direct calls.
#[derive(Clone)]
pub struct SecretsConfig {
    pub jwt_secret: String,
    pub jwt_private_key_file: Option<PathBuf>,
    pub internal_secret: String,
    pub require_router_signature: bool,
}

impl std::fmt::Debug for SecretsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecretsConfig")
            .field("require_router_signature", &self.require_router_signature)
            .finish_non_exhaustive()
    }
}

impl Default for SecretsConfig {
    fn default() -> Self {
        SecretsConfig {
            jwt_secret: DEV_JWT_SECRET.to_string(),
            jwt_private_key_file: None,
            internal_secret: DEV_INTERNAL_SECRET.to_string(),
            require_router_signature: false,
        }
    }
}

impl SecretsConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let production = std::env::var("VITRINE_ENV").is_ok_and(|v| v == "production");
        let var = |name: &str| std::env::var(name).ok().filter(|s| !s.is_empty());
        let defaults = SecretsConfig::default();
        let cfg = SecretsConfig {
            jwt_secret: var("VITRINE_JWT_SECRET").unwrap_or(defaults.jwt_secret),
            jwt_private_key_file: var("VITRINE_JWT_PRIVATE_KEY_FILE").map(PathBuf::from),
            internal_secret: var("VITRINE_INTERNAL_SECRET").unwrap_or(defaults.internal_secret),
            require_router_signature: match var("VITRINE_REQUIRE_ROUTER_SIGNATURE") {
                Some(v) => v == "true" || v == "1",
                None => production,
            },
        };
        if production {
            let mut required = vec![(
                "VITRINE_INTERNAL_SECRET",
                &cfg.internal_secret,
                DEV_INTERNAL_SECRET,
            )];
            // With a private key the HS256 secret is unused.
            if cfg.jwt_private_key_file.is_none() {
                required.push(("VITRINE_JWT_SECRET", &cfg.jwt_secret, DEV_JWT_SECRET));
            }
            let missing: Vec<&str> = required
                .into_iter()
                .filter(|(_, value, default)| value.as_str() == *default || value.len() < 32)
                .map(|(name, _, _)| name)
                .collect();
            anyhow::ensure!(
                missing.is_empty(),
                "in production, set {} to secrets of at least 32 characters \
                 (for example: export VITRINE_INTERNAL_SECRET=\"$(openssl rand -base64 48)\"); \
                 VITRINE_JWT_PRIVATE_KEY_FILE (an Ed25519 or RSA PEM) replaces VITRINE_JWT_SECRET",
                missing.join(" and ")
            );
        }
        Ok(cfg)
    }
}

#[derive(Debug, Clone)]
pub struct StorageConfig {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub pool_size: u32,
}

impl Default for StorageConfig {
    fn default() -> Self {
        StorageConfig {
            data_dir: PathBuf::from("data"),
            database_url: None,
            pool_size: 5,
        }
    }
}

impl StorageConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let mut cfg = StorageConfig::default();
        if let Ok(dir) = std::env::var("VITRINE_DATA_DIR") {
            cfg.data_dir = PathBuf::from(dir);
        }
        cfg.database_url = std::env::var("DATABASE_URL").ok().filter(|s| !s.is_empty());
        if let Ok(size) = std::env::var("VITRINE_DB_POOL_SIZE") {
            cfg.pool_size = size
                .parse()
                .map_err(|_| anyhow::anyhow!("VITRINE_DB_POOL_SIZE must be a positive integer"))?;
        }
        Ok(cfg)
    }

    /// Where one subgraph's data lives.
    pub fn target_for(&self, subgraph: &str) -> DbTarget {
        let own = format!("VITRINE_{}_DATABASE_URL", subgraph.to_ascii_uppercase());
        if let Some(url) = std::env::var(own).ok().filter(|s| !s.is_empty()) {
            return DbTarget::Postgres { url, schema: None };
        }
        match &self.database_url {
            Some(url) => DbTarget::Postgres {
                url: url.clone(),
                schema: Some(subgraph.to_string()),
            },
            None => DbTarget::Sqlite {
                path: self.data_dir.join(format!("{subgraph}.db")),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbTarget {
    Sqlite {
        path: PathBuf,
    },
    /// `schema` set: share one database, one schema per subgraph (search_path).
    Postgres {
        url: String,
        schema: Option<String>,
    },
}
