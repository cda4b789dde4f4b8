//! The load generator the HTTP benchmarks share: concurrent clients posting GraphQL bodies in
//! turn for a while, and what came of it (req/s, latency percentiles).

use serde_json::json;
use std::time::{Duration, Instant};

pub struct Stats {
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// CPU the watched processes spent per request, ms ([`measure_cpu`]; NaN otherwise).
    pub cpu_ms_per_request: f64,
}

/// One body per page size and offset of a `$first`/`$offset` query.
pub fn page_bodies(query: &str) -> Vec<String> {
    (5..21)
        .flat_map(|first| (0..44).map(move |offset| (first, offset)))
        .map(|(first, offset)| {
            json!({ "query": query, "variables": { "first": first, "offset": offset } }).to_string()
        })
        .collect()
}

pub async fn measure(url: &str, bodies: Vec<String>, concurrency: usize, duration: Duration) -> Stats {
    measure_cpu(url, bodies, concurrency, duration, || 0).await
}

/// [`measure`], and the CPU spent per request by what `cpu_ticks` reads (user plus system
/// clock ticks of the processes under test, 100 a second), after the warm-up.
pub async fn measure_cpu(
    url: &str,
    bodies: Vec<String>,
    concurrency: usize,
    duration: Duration,
    cpu_ticks: impl Fn() -> u64,
) -> Stats {
    let client = reqwest::Client::new();
    // Warm-up: connections, plan cache, SQLite page cache.
    run_clients(&client, url, &bodies, concurrency, Duration::from_secs(1)).await;
    let (started, ticks_before) = (Instant::now(), cpu_ticks());
    let mut latencies = run_clients(&client, url, &bodies, concurrency, duration).await;
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_ms = (cpu_ticks() - ticks_before) as f64 * 10.0;
    latencies.sort_unstable();
    let percentile = |p: f64| {
        let index = ((latencies.len() as f64 * p).ceil() as usize).saturating_sub(1);
        latencies[index].as_secs_f64() * 1000.0
    };
    Stats {
        requests_per_second: latencies.len() as f64 / elapsed,
        p50_ms: percentile(0.50),
        p99_ms: percentile(0.99),
        cpu_ms_per_request: if cpu_ms > 0.0 {
            cpu_ms / latencies.len() as f64
        } else {
            f64::NAN
        },
    }
}

async fn run_clients(
    client: &reqwest::Client,
    url: &str,
    bodies: &[String],
    concurrency: usize,
    duration: Duration,
) -> Vec<Duration> {
    let deadline = Instant::now() + duration;
    let clients = (0..concurrency).map(|client_index| {
        let (client, url, bodies) = (client.clone(), url.to_string(), bodies.to_vec());
        tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut page = client_index * 7919;
            while Instant::now() < deadline {
                page = (page + 1) % bodies.len();
                let sent = Instant::now();
                let response = client
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(bodies[page].clone())
                    .send()
                    .await
                    .expect("server reachable");
                assert!(response.status().is_success());
                let text = response.text().await.unwrap();
                assert!(!text.contains("\"errors\""), "query failed: {text}");
                latencies.push(sent.elapsed());
            }
            latencies
        })
    });
    futures::future::join_all(clients)
        .await
        .into_iter()
        .flat_map(|r| r.unwrap())
        .collect()
}
