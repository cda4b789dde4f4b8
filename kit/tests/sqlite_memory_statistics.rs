//! Its own test binary (its own process): SQLite's memory statistics can only be turned off
//! before the process's first connection, which other tests in one binary would race.

use vitrine_kit::config::StorageConfig;
use vitrine_kit::db::Db;
use vitrine_kit::system::System;

#[tokio::test]
async fn sqlite_keeps_no_memory_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let config = StorageConfig {
        data_dir: dir.path().to_path_buf(),
        ..StorageConfig::default()
    };
    let migrator = sqlx::migrate::Migrator::DEFAULT;
    let db = Db::open(&System::new(), &config, "catalog", &migrator)
        .await
        .unwrap();
    let rows = sqlx::query("SELECT 1 AS one UNION ALL SELECT 2")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    // With statistics on, this is the bytes SQLite holds (a connection's cache at least).
    assert_eq!(unsafe { libsqlite3_sys::sqlite3_memory_used() }, 0);
}
