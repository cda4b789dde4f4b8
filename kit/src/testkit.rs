//! What every subgraph's `src/tests/` harness starts from: a scratch configuration (SQLite in
//! a temporary directory, or a fresh PostgreSQL database when `VITRINE_TEST_DATABASE_URL` is
//! set, as in CI) and a system handle of its own, so tests run side by side in one process
//! without sharing metrics, events or databases.

use crate::config::{AppConfig, SecretsConfig, StorageConfig};
use crate::db::Db;
use crate::system::System;
use sqlx::migrate::Migrator;

/// A configuration whose storage lives as long as this value.
pub struct Scratch {
    pub config: AppConfig,
    pub system: System,
    dir: tempfile::TempDir,
}

impl Scratch {
    /// Default settings (development secrets) on scratch storage.
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let config = AppConfig {
            storage: StorageConfig::for_tests(dir.path()),
            secrets: SecretsConfig::default(),
            ..AppConfig::default()
        };
        Scratch {
            config,
            system: System::new(),
            dir,
        }
    }

    /// The subgraph's database on this storage, migrated.
    pub async fn db(&self, subgraph: &str, migrator: &Migrator) -> Db {
        Db::open(&self.system, &self.config.storage, subgraph, migrator)
            .await
            .expect("opening a scratch database")
    }

    /// The temporary directory (SQLite files, development mail).
    pub fn path(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

/// Runs `query` on `schema` as `who`: its `data`, or the `extensions.code` of its first error
/// (an error without a code fails the test: every error a client sees carries one).
pub async fn run_as<Q, M, S>(
    schema: &async_graphql::Schema<Q, M, S>,
    who: &crate::identity::Identity,
    query: &str,
    variables: serde_json::Value,
) -> Result<serde_json::Value, String>
where
    Q: async_graphql::ObjectType + 'static,
    M: async_graphql::ObjectType + 'static,
    S: async_graphql::SubscriptionType + 'static,
{
    let request = async_graphql::Request::new(query)
        .variables(async_graphql::Variables::from_json(variables))
        .data(who.clone());
    let response = schema.execute(request).await;
    match response.errors.first() {
        None => Ok(response.data.into_json().expect("data as JSON")),
        Some(error) => Err(match error.extensions.as_ref().and_then(|e| e.get("code")) {
            Some(async_graphql::Value::String(code)) => code.clone(),
            other => panic!("no code on {error:?}: {other:?}"),
        }),
    }
}
