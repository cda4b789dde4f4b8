//! One code path for SQLite and PostgreSQL through sqlx's `Any` driver. SQL in the stores uses
//! `$n` placeholders, which both accept, and only portable types (TEXT, BIGINT, DOUBLE
//! PRECISION; flags as BIGINT 0/1, since Any cannot decode SQLite's BOOLEAN). Never bind an
//! `Option<f64>`: sqlx 0.8.6's Any driver sends a null DOUBLE as a float4, and PostgreSQL then
//! refuses later non-null values on the cached statement; write a statement without the column.

use crate::config::{DbTarget, StorageConfig};
use crate::system::System;
use anyhow::Context;
use futures::future::BoxFuture;
use futures::stream::BoxStream;
use prometheus::IntCounter;
use sqlx::any::{AnyPoolOptions, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::migrate::{MigrateDatabase, Migrator};
use sqlx::{Any, AnyPool, Describe, Either, Execute, Executor};
use std::time::Duration;

/// What a store function runs its statement on: `&db` (a counted read outside any
/// transaction), `&mut *tx` (inside one) or a connection. A function that runs several
/// statements takes `&mut AnyConnection` instead, which a transaction derefs to.
pub trait Exec<'e>: Executor<'e, Database = Any> {}
impl<'e, T: Executor<'e, Database = Any>> Exec<'e> for T {}

pub use sqlx::AnyConnection;

/// A write transaction, as the domain modules hold it.
pub type Tx = sqlx::Transaction<'static, Any>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// Whether the pool checks a connection (a ping) each time it hands it out, which sqlx does by
/// default: a round trip before each statement outside a transaction and each transaction. A
/// SQLite connection is a local file that nothing else can close, and its round trip is two
/// thread wake-ups (the connection's worker thread and back), which `perf` showed costing
/// notifications more than SQLite's own work under load: never checked. A PostgreSQL
/// connection may have been closed by the server or the network behind the pool's back, and
/// only the check lets the pool replace it instead of failing a request with it once the
/// database is back (`distributed::postgresql_connection_loss_fails_clearly_and_recovers`
/// failed when busy connections went unchecked): always checked.
fn checked_before_use(options: AnyPoolOptions, dialect: Dialect) -> AnyPoolOptions {
    options.test_before_acquire(dialect == Dialect::Postgres)
}

/// A subgraph's pool. Use `&db` as the executor for reads so every statement is counted.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    dialect: Dialect,
    queries: IntCounter,
    subgraph: std::sync::Arc<str>,
    /// Wakes this database's outbox relay (see `events::Relay`): whoever commits events pokes it.
    outbox: std::sync::Arc<tokio::sync::Notify>,
}

impl Db {
    /// Opens (creating if needed) the database for `subgraph` and applies its migrations; its
    /// statements count in `system`'s metrics, and readiness pings it.
    pub async fn open(
        system: &System,
        cfg: &StorageConfig,
        subgraph: &str,
        migrator: &Migrator,
    ) -> anyhow::Result<Db> {
        sqlx::any::install_default_drivers();
        let target = cfg.target_for(subgraph);
        if matches!(target, DbTarget::Sqlite { .. }) {
            crate::sqlite_memory::configure();
        }
        let (url, dialect) = match &target {
            DbTarget::Sqlite { path } => {
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir)
                        .with_context(|| format!("creating data dir {}", dir.display()))?;
                }
                (format!("sqlite://{}?mode=rwc", path.display()), Dialect::Sqlite)
            }
            DbTarget::Postgres { url, schema } => {
                ensure_postgres_database(url).await?;
                let url = match schema {
                    Some(schema) => {
                        create_schema(url, schema).await?;
                        with_search_path(url, schema)
                    }
                    None => url.clone(),
                };
                (url, Dialect::Postgres)
            }
        };
        let pool = checked_before_use(AnyPoolOptions::new(), dialect)
            .max_connections(cfg.pool_size)
            // Under the router's 10 s deadline (router.config.yaml), so an unreachable
            // database answers with its own clear, retryable error instead of a gateway timeout;
            // as long as that allows, so a burst waiting for a connection is not taken for one.
            .acquire_timeout(Duration::from_secs(8))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if dialect == Dialect::Sqlite {
                        // WAL lets readers run beside the one writer; busy_timeout makes writers
                        // queue instead of failing with SQLITE_BUSY under concurrency.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .with_context(|| format!("connecting to the {subgraph} database"))?;
        migrator
            .run(&pool)
            .await
            .with_context(|| format!("migrating the {subgraph} database"))?;
        ensure_dead_letter_table(&pool).await?;
        let db = Db {
            pool,
            dialect,
            queries: system.metrics().sql_queries.with_label_values(&[subgraph]),
            subgraph: subgraph.into(),
            outbox: Default::default(),
        };
        system.adopt(subgraph, &db);
        Ok(db)
    }

    fn count(&self) {
        self.queries.inc();
        crate::sql_tally::count(&self.subgraph);
    }

    /// Whether `other` is this same database (a clone of one opening).
    pub fn same_as(&self, other: &Db) -> bool {
        std::sync::Arc::ptr_eq(&self.outbox, &other.outbox)
    }

    /// The notifier of this database's outbox relay.
    pub fn outbox_notifier(&self) -> std::sync::Arc<tokio::sync::Notify> {
        self.outbox.clone()
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The raw pool, for transactions. Statements run through it are not counted.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction that will write. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes fails with
    /// SQLITE_BUSY at once when another writer went first, instead of waiting its turn.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Any>, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.pool.begin().await,
        }
    }

    /// A write transaction that also holds `key`'s lock until it ends, so writers of one thing
    /// (an order's payment, an owner's webhooks) take turns. PostgreSQL would otherwise let two
    /// transactions both pass a check ("no payment yet", "under the limit"), neither seeing the
    /// other's uncommitted row; a transaction-scoped advisory lock on the key orders them.
    /// SQLite needs nothing more: `BEGIN IMMEDIATE` already holds its only write lock.
    pub async fn begin_write_locked(
        &self,
        key: &str,
    ) -> Result<sqlx::Transaction<'static, Any>, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        if self.dialect == Dialect::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
        Ok(tx)
    }

    /// Runs `{head} ($1, …, $n) {tail}` with `ids` bound to the list: the portable form of
    /// `= ANY($1)` that every batch loader uses. No ids, no query.
    pub async fn fetch_in(&self, head: &str, ids: &[String], tail: &str) -> Result<Vec<AnyRow>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("{head} ({}) {tail}", Db::placeholders(1, ids.len()));
        let mut query = sqlx::query(&sql);
        for id in ids {
            query = query.bind(id);
        }
        query.fetch_all(self).await
    }

    /// `$1, $2, … $n` starting at `first`, for portable `IN (…)` lists.
    pub fn placeholders(first: usize, n: usize) -> String {
        (first..first + n)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Kit's `dead_letter` table (see `events::dead_letter`). Processes starting together may race
/// to create it; losing that race on PostgreSQL is a unique violation, and the table exists.
async fn ensure_dead_letter_table(pool: &AnyPool) -> anyhow::Result<()> {
    match sqlx::query(crate::events::DEAD_LETTER_TABLE).execute(pool).await {
        Ok(_) => Ok(()),
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("23505") => Ok(()),
        Err(e) => Err(e).context("creating the dead_letter table"),
    }
}

async fn ensure_postgres_database(url: &str) -> anyhow::Result<()> {
    if Any::database_exists(url)
        .await
        .context("checking the PostgreSQL database")?
    {
        return Ok(());
    }
    // Several processes may race to create it; losing the race is fine.
    if let Err(err) = Any::create_database(url).await {
        if !Any::database_exists(url).await.unwrap_or(false) {
            return Err(err).context("creating the PostgreSQL database");
        }
    }
    Ok(())
}

async fn create_schema(url: &str, schema: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        schema.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
        "invalid schema name {schema}"
    );
    let pool = AnyPoolOptions::new().max_connections(1).connect(url).await?;
    let result = sqlx::query(&format!("CREATE SCHEMA IF NOT EXISTS {schema}"))
        .execute(&pool)
        .await;
    pool.close().await;
    match result {
        Ok(_) => Ok(()),
        // Concurrent CREATE SCHEMA IF NOT EXISTS can still hit the unique index; it exists now.
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("23505") => Ok(()),
        Err(e) => Err(e).context("creating the subgraph schema"),
    }
}

fn with_search_path(url: &str, schema: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}options=-c%20search_path%3D{schema}")
}

impl<'c> Executor<'c> for &'c Db {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        self.count();
        self.pool.fetch_many(query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(self, query: E) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        'c: 'e,
        E: 'q + Execute<'q, Any>,
    {
        self.count();
        self.pool.fetch_optional(query)
    }

    fn prepare_with<'e, 'q: 'e>(
        self,
        sql: &'q str,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement<'q>, sqlx::Error>>
    where
        'c: 'e,
    {
        self.pool.prepare_with(sql, parameters)
    }

    fn describe<'e, 'q: 'e>(self, sql: &'q str) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
    where
        'c: 'e,
    {
        self.pool.describe(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_path_is_appended_to_the_url() {
        assert_eq!(
            with_search_path("postgres://h/db", "catalog"),
            "postgres://h/db?options=-c%20search_path%3Dcatalog"
        );
        assert_eq!(
            with_search_path("postgres://h/db?sslmode=disable", "cart"),
            "postgres://h/db?sslmode=disable&options=-c%20search_path%3Dcart"
        );
    }

    /// A PostgreSQL connection the server closed while it sat in the pool is replaced, not
    /// handed out to fail a request.
    #[tokio::test]
    async fn a_closed_postgres_connection_is_replaced_not_used() {
        let Ok(server) = std::env::var("VITRINE_TEST_DATABASE_URL") else {
            return;
        };
        sqlx::any::install_default_drivers();
        let url = format!("{}/postgres", server.trim_end_matches('/'));
        let pool = checked_before_use(AnyPoolOptions::new(), Dialect::Postgres)
            .max_connections(1)
            .connect(&url)
            .await
            .expect("the test server");
        let (backend,): (i32,) = sqlx::query_as("SELECT pg_backend_pid()")
            .fetch_one(&pool)
            .await
            .unwrap();
        let mut other = <AnyConnection as sqlx::Connection>::connect(&url).await.unwrap();
        // Waits (up to 5 s) until the backend is gone, so the pool's next use meets it closed.
        sqlx::query("SELECT pg_terminate_backend($1, 5000)")
            .bind(backend)
            .execute(&mut other)
            .await
            .unwrap();
        let (one,): (i32,) = sqlx::query_as("SELECT 1").fetch_one(&pool).await.unwrap();
        assert_eq!(one, 1);
    }

    #[test]
    fn placeholders_are_numbered() {
        assert_eq!(Db::placeholders(2, 3), "$2, $3, $4");
    }
}
