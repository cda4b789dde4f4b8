//! `cargo bench --bench registry`: distributed mode through the NATS registry (every subgraph
//! its own process, the router composing its supergraph from the registry).
//! 1. Catalog query throughput through the router with one and with two catalog instances,
//!    alternating (1, 2, 1, 2 … BENCH_ROUNDS times each), medians and their ratio.
//! 2. BENCH_KILLS (default 10) times: a second catalog joins, takes traffic, and is killed
//!    (SIGKILL) under a steady query load; how long until the registry has it out (p50, max),
//!    and how many queries failed meanwhile (the router passes over a refusing instance at its
//!    first refused connection, so the figure to watch is failures, expected 0).
//!
//! Client, router and eleven subgraph processes share this machine's cores: with two cores, a
//! second instance adds no CPU, so read the throughput ratio as what the spreading costs, not
//! as capacity. Knobs: BENCH_SECONDS (default 5), BENCH_CONCURRENCY (default 32),
//! BENCH_ROUNDS (default 3), BENCH_KILLS (default 10).

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

#[allow(dead_code)]
#[path = "support/load.rs"]
mod load;

#[allow(dead_code)]
#[path = "support/process.rs"]
mod process;

use helpers::{send_signal, test_database_url, test_nats_url, TestSystem};
use load::{measure, page_bodies};
use process::env_or;
use std::time::{Duration, Instant};
use vitrine_kit::registry::{self, RegistryView};

const CATALOG_QUERY: &str = "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { id name price { amount currency } category { name } } }";

async fn until(view: &RegistryView, catalogs: usize) -> Duration {
    let started = Instant::now();
    while view.instances("catalog").len() != catalogs {
        assert!(started.elapsed() < Duration::from_secs(15), "{catalogs} catalogs");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    started.elapsed()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seconds = Duration::from_secs(env_or("BENCH_SECONDS", 5));
    let concurrency = env_or("BENCH_CONCURRENCY", 32) as usize;
    let rounds = env_or("BENCH_ROUNDS", 3);
    let kills = env_or("BENCH_KILLS", 10);
    let system = TestSystem::split_through_registry(test_database_url()).await;
    let namespace = system.namespace.clone().unwrap();
    let (_, bucket) = registry::connect(&test_nats_url(), &namespace).await.unwrap();
    let view = RegistryView::follow(bucket);
    until(&view, 1).await;
    let url = format!("{}/graphql", system.router_url);

    println!(
        "catalog query through the router, {concurrency} clients, {}s per measurement",
        seconds.as_secs()
    );
    let (mut one, mut two) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        one.push(
            measure(&url, page_bodies(CATALOG_QUERY), concurrency, seconds)
                .await
                .requests_per_second,
        );
        let replica = system.spawn_subgraph_replica("catalog").await;
        until(&view, 2).await;
        two.push(
            measure(&url, page_bodies(CATALOG_QUERY), concurrency, seconds)
                .await
                .requests_per_second,
        );
        send_signal(replica.child.id(), "TERM");
        until(&view, 1).await;
        drop(replica);
    }
    let (one, two) = (median(&mut one), median(&mut two));
    println!(
        "| catalog instances | req/s (median of {rounds}) |\n|---|---:|\n| 1 | {one:.0} |\n| 2 | {two:.0} |"
    );
    println!("two ÷ one: {:.2}", two / one);

    println!("\n{kills} kills of one of two catalogs under a steady query load");
    let mut outs = Vec::new();
    let (mut answered, mut failed) = (0, 0);
    let client = reqwest::Client::new();
    let body = serde_json::json!({ "query": "{ products(first: 3) { id name } }" }).to_string();
    for _ in 0..kills {
        let replica = system.spawn_subgraph_replica("catalog").await;
        until(&view, 2).await;
        let stop = std::sync::atomic::AtomicBool::new(false);
        let load = async {
            let (mut ok, mut bad) = (0, 0);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let reply = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(body.clone())
                    .send()
                    .await
                    .expect("router reachable")
                    .text()
                    .await
                    .unwrap();
                if reply.contains("\"errors\"") {
                    bad += 1;
                } else {
                    ok += 1;
                }
            }
            (ok, bad)
        };
        let kill = async {
            tokio::time::sleep(Duration::from_millis(500)).await;
            send_signal(replica.child.id(), "KILL");
            let out = until(&view, 1).await;
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            out
        };
        let ((ok, bad), out) = tokio::join!(load, kill);
        answered += ok;
        failed += bad;
        outs.push(out.as_secs_f64() * 1000.0);
        drop(replica);
    }
    let max = outs.iter().copied().fold(0.0, f64::max);
    let p50 = median(&mut outs);
    println!("out of the registry after a SIGKILL: p50 {p50:.0} ms, max {max:.0} ms");
    println!("queries meanwhile: {answered} answered, {failed} failed");
}
