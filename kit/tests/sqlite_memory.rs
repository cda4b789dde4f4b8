//! Its own test binary (its own process): how SQLite allocates can only be set before the
//! process's first connection, which other tests in one binary would race
//! (`kit::sqlite_memory`).

use vitrine_kit::config::StorageConfig;
use vitrine_kit::db::Db;
use vitrine_kit::system::System;

extern "C" {
    /// mimalloc's: whether `p` lies in memory mimalloc manages.
    fn mi_is_in_heap_region(p: *const std::ffi::c_void) -> bool;
}

async fn open_catalog(dir: &std::path::Path) -> Db {
    let config = StorageConfig {
        data_dir: dir.to_path_buf(),
        ..StorageConfig::default()
    };
    let migrator = sqlx::migrate::Migrator::DEFAULT;
    Db::open(&System::new(), &config, "catalog", &migrator)
        .await
        .unwrap()
}

/// Both settings of `kit::sqlite_memory`, seen from SQLite after a database opened through
/// `Db::open` answered a query with a large value and a small one.
#[tokio::test]
async fn sqlite_allocates_through_mimalloc_and_keeps_no_memory_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let db = open_catalog(dir.path()).await;
    let rows = sqlx::query("SELECT hex(randomblob(3000)) AS big UNION ALL SELECT 'small'")
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(rows.len(), 2);
    // SAFETY: SQLite's documented allocation API, on memory it returned.
    unsafe {
        // With statistics on, this is the bytes SQLite holds (a connection's cache at least).
        assert_eq!(libsqlite3_sys::sqlite3_memory_used(), 0);
        let p = libsqlite3_sys::sqlite3_malloc(100);
        assert!(!p.is_null());
        assert!(mi_is_in_heap_region(p), "SQLite's memory is mimalloc's");
        assert!(libsqlite3_sys::sqlite3_msize(p) >= 100);
        let p = libsqlite3_sys::sqlite3_realloc(p, 5000);
        assert!(mi_is_in_heap_region(p));
        assert!(libsqlite3_sys::sqlite3_msize(p) >= 5000);
        libsqlite3_sys::sqlite3_free(p);
    }
}
