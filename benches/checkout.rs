//! `cargo bench --bench checkout`: completed checkouts per second through the router (embedded
//! process; each checkout = add one unit to the cart, then `checkout` with the wallet), on
//! SQLite and on PostgreSQL, each beside the database's own rate of small write transactions
//! (one INSERT + COMMIT through the same pool code, same concurrency) measured in the same run.
//! A checkout is ~12 write transactions over 5 subgraphs plus 2 HTTP round trips, so the ratio
//! says how much of the database's capacity one checkout costs.
//! Then, on PostgreSQL, the same checkouts through a distributed system (a process per
//! subgraph, events through NATS JetStream at VITRINE_TEST_NATS_URL, default the local one)
//! beside the embedded figure of the same run.
//! Knobs: BENCH_SECONDS (default 10), BENCH_CONCURRENCY (default 8), BENCH_POSTGRES_URL
//! (default postgres://postgres@127.0.0.1:5432; PostgreSQL is skipped if unreachable).

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

#[allow(dead_code)]
#[path = "support/process.rs"]
mod process;

#[allow(dead_code)]
#[path = "../tests/e2e/shopping.rs"]
mod shopping;

use helpers::TestSystem;
use process::env_or;
use serde_json::json;
use shopping::{cheapest_offer, Shopper};
use std::time::{Duration, Instant};
use vitrine_kit::config::StorageConfig;
use vitrine_kit::db::Db;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("kit/src/events_test_migrations");

/// The most a wallet takes in one top-up (10 000 000 ₸): thousands of cheap checkouts.
const WALLET_MAX: i64 = 1_000_000_000;

#[derive(Clone, Copy)]
struct Rate {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
}

fn rate(mut latencies: Vec<Duration>, elapsed: f64) -> Rate {
    latencies.sort_unstable();
    let percentile = |p: f64| {
        let index = ((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        latencies
            .get(index)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };
    Rate {
        per_second: latencies.len() as f64 / elapsed,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
    }
}

/// `concurrency` customers, each checking out one unit after another for `duration`.
async fn checkouts(system: &TestSystem, concurrency: usize, duration: Duration) -> Rate {
    let (offer, _) = cheapest_offer();
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    system
        .graphql_as(
            &seller,
            "mutation($o: ID!) { updateOffer(offerId: $o, count: 1000000) { id } }",
            json!({ "o": offer }),
        )
        .await;
    let shoppers = futures::future::join_all(
        (0..concurrency)
            .map(|i| async move { Shopper::new(system, &format!("bench-{i}"), WALLET_MAX).await }),
    )
    .await;
    // Warm-up: one checkout each (plans cached, connections open, the stock event settled).
    for (i, shopper) in shoppers.iter().enumerate() {
        shopper.add(system, &offer, 1).await;
        let placed = shopper.checkout_wallet(system, &format!("warm-{i}")).await;
        shopping::assert_placed(&placed);
    }
    let started = Instant::now();
    let deadline = started + duration;
    let runs = shoppers.iter().map(|shopper| {
        let offer = offer.clone();
        async move {
            let mut latencies = Vec::new();
            let mut n = 0;
            while Instant::now() < deadline {
                n += 1;
                let sent = Instant::now();
                shopper.add(system, &offer, 1).await;
                let placed = shopper.checkout_wallet(system, &format!("run-{n}")).await;
                shopping::assert_placed(&placed);
                latencies.push(sent.elapsed());
            }
            latencies
        }
    });
    let latencies = futures::future::join_all(runs).await.concat();
    rate(latencies, started.elapsed().as_secs_f64())
}

/// The database's own rate of one-row write transactions, through kit's pool and `begin_write`.
async fn transactions(database_url: Option<String>, concurrency: usize, duration: Duration) -> Rate {
    let dir = tempfile::tempdir().unwrap();
    let storage = StorageConfig {
        data_dir: dir.path().to_path_buf(),
        database_url,
        pool_size: 5,
    };
    let db = Db::open(&vitrine_kit::system::System::new(), &storage, "bench", &MIGRATOR)
        .await
        .expect("bench database");
    let started = Instant::now();
    let deadline = started + duration;
    let runs = (0..concurrency).map(|_| {
        let db = db.clone();
        async move {
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let sent = Instant::now();
                let mut tx = db.begin_write().await.unwrap();
                vitrine_kit::events::enqueue(&mut tx, "bench", &json!({ "n": 1 }))
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                latencies.push(sent.elapsed());
            }
            latencies
        }
    });
    let latencies = futures::future::join_all(runs).await.concat();
    rate(latencies, started.elapsed().as_secs_f64())
}

async fn postgres_reachable(base: &str) -> bool {
    sqlx::any::install_default_drivers();
    let url = format!("{}/postgres", base.trim_end_matches('/'));
    matches!(
        tokio::time::timeout(Duration::from_secs(3), sqlx::AnyPool::connect(&url)).await,
        Ok(Ok(_))
    )
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let duration = Duration::from_secs(env_or("BENCH_SECONDS", 10));
    let concurrency = env_or("BENCH_CONCURRENCY", 8) as usize;
    let postgres = std::env::var("BENCH_POSTGRES_URL").unwrap_or("postgres://postgres@127.0.0.1:5432".into());

    println!(
        "checkout, {concurrency} concurrent customers, {}s each",
        duration.as_secs()
    );
    println!("| database | checkouts/s | p50 ms | p99 ms | write tx/s | checkouts/s ÷ tx/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut databases = vec![("SQLite", None)];
    if postgres_reachable(&postgres).await {
        databases.push(("PostgreSQL", Some(postgres)));
    } else {
        println!("(PostgreSQL at {postgres} unreachable: skipped)");
    }
    let mut embedded_on_postgres = None;
    for (name, base) in databases {
        // The test harness gives each system a fresh PostgreSQL database under this URL.
        match &base {
            Some(url) => std::env::set_var("VITRINE_TEST_DATABASE_URL", url),
            None => std::env::remove_var("VITRINE_TEST_DATABASE_URL"),
        }
        // BENCH_CONCURRENCY customers sign up from 127.0.0.1: no per-address sign-up limit.
        let system = TestSystem::embedded_with(&[("VITRINE_SIGNUP_LIMIT_PER_HOUR", "0")]).await;
        let checkout = checkouts(&system, concurrency, duration).await;
        drop(system);
        if base.is_some() {
            embedded_on_postgres = Some(checkout);
        }
        let db_url = base.map(|b| {
            format!(
                "{}/vitrine_bench_{}",
                b.trim_end_matches('/'),
                uuid::Uuid::new_v4().simple()
            )
        });
        let tx = transactions(db_url, concurrency, duration).await;
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} | {:.0} | {:.4} |",
            checkout.per_second,
            checkout.p50_ms,
            checkout.p99_ms,
            tx.per_second,
            checkout.per_second / tx.per_second
        );
        println!(
            "|  (write tx latency) | | {:.2} | {:.2} | | |",
            tx.p50_ms, tx.p99_ms
        );
    }
    // Distributed (a process per subgraph, PostgreSQL, NATS JetStream, HTTP between router and
    // subgraphs and between subgraphs) against embedded on the same PostgreSQL, same run.
    let Some(embedded) = embedded_on_postgres else {
        return;
    };
    let system = TestSystem::split_with(
        &helpers::checked_in_supergraph(),
        &[("VITRINE_SIGNUP_LIMIT_PER_HOUR", "0")],
    )
    .await;
    let distributed = checkouts(&system, concurrency, duration).await;
    drop(system);
    println!();
    println!("| PostgreSQL | checkouts/s | p50 ms | p99 ms | ÷ embedded |");
    println!("|---|---:|---:|---:|---:|");
    for (name, run) in [
        ("embedded (one process)", &embedded),
        ("distributed (11 processes, NATS)", &distributed),
    ] {
        println!(
            "| {name} | {:.1} | {:.1} | {:.1} | {:.2} |",
            run.per_second,
            run.p50_ms,
            run.p99_ms,
            run.per_second / embedded.per_second
        );
    }
}
