//! Storage settings shared by every process. Environment variables (documented in the README):
//! - `VITRINE_DATA_DIR` (default `./data`): SQLite files, one per subgraph.
//! - `DATABASE_URL` (unset → SQLite): a PostgreSQL server; each subgraph gets its own schema.
//! - `VITRINE_<SUBGRAPH>_DATABASE_URL`: one subgraph's own database, overriding `DATABASE_URL`.
//! - `VITRINE_DB_POOL_SIZE` (default 5): connections per subgraph pool.

use std::path::PathBuf;

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
