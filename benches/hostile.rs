//! `cargo bench --bench hostile`: the router under hostile traffic, release build, one run.
//! 1. Each class of hostile request (docs/security.md) sent alone: time to its refusal.
//! 2. Catalog query throughput alone, then with hostile clients sending the whole set beside it.
//! 3. Router process memory before and after all hostile traffic.
//! 4. The cost of the limits: catalog throughput with the shipped config against the same config
//!    without limits, cost analysis and the guard plugin, in interleaved rounds.
//!
//! Rate limits are off here (every client is 127.0.0.1): this measures what the limits cost and
//! what hostile documents cost, not how fast 429s are. Client and servers share this machine's
//! cores, so compare ratios, not absolute numbers.
//! Knobs: BENCH_SECONDS (default 10), BENCH_CONCURRENCY (default 16), BENCH_HOSTILE_CLIENTS (4).

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

use helpers::TestSystem;
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CATALOG_QUERY: &str = "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { id name price { amount currency } category { name } } }";

/// (class, body) for each kind of hostile request the router refuses.
fn hostile_set() -> Vec<(&'static str, String)> {
    let query = |text: String| json!({ "query": text }).to_string();
    let mut deep = String::from("name");
    for _ in 0..8 {
        deep = format!("offers {{ product {{ {deep} }} }}");
    }
    let chain = |links: usize| {
        let mut chain = String::from("query { products(first: 1) { ...F0 } }");
        for i in 0..links {
            chain.push_str(&format!(" fragment F{i} on Product {{ name ...F{} }}", i + 1));
        }
        chain + &format!(" fragment F{links} on Product {{ name }}")
    };
    let nested = |levels: usize| {
        format!(
            r#"{{"query":"query($v: [Int]) {{ __typename }}","variables":{{"v":{}1{}}}}}"#,
            "[".repeat(levels),
            "]".repeat(levels)
        )
    };
    vec![
        ("variables nested 60 levels", nested(60)),
        ("variables nested 100 000 levels", nested(100_000)),
        ("depth 18 (offers/product)", query(format!("{{ products(first: 1) {{ {deep} }} }}"))),
        ("400 chained fragments", query(chain(400))),
        ("100 chained fragments", query(chain(100))),
        (
            "10 000 aliased searches",
            query(format!(
                "{{ {} }}",
                (0..10_000).map(|i| format!("a{i}: searchProducts(query: \"x\") {{ name }} ")).collect::<String>()
            )),
        ),
        ("10 000 × __typename", query(format!("{{ {} }}", "__typename ".repeat(10_000)))),
        ("31 aliases", query(format!("{{ {} }}", (0..31).map(|i| format!("a{i}: __typename ")).collect::<String>()))),
        (
            "cost: lists multiplied",
            query("{ products(first: 100) { offers { product { offers { product { offers { shop { name } } } } } } } }".into()),
        ),
        (
            "introspection lists nested",
            query("{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }".into()),
        ),
        ("1 000 nested braces", query(format!("{}{}", "{ a ".repeat(1000), "}".repeat(1000)))),
        ("several operations, no name", query("query A { __typename } query B { __typename }".into())),
        ("50 000 search tags", json!({ "query": "query($t: [String!]) { searchProducts(tags: $t) { totalCount } }", "variables": { "t": vec!["x"; 50_000] } }).to_string()),
        ("stockMovements(first: 1 000 000)", query("{ stockMovements(offerId: \"x\", first: 1000000) { delta } }".into())),
        ("2 MB body", query(format!("{{ __typename }} # {}", "x".repeat(2_000_000)))),
    ]
}

/// Every body of the set refused (no `data` with results), and how long the slowest took.
async fn send_set(
    client: &reqwest::Client,
    url: &str,
    set: &[(&'static str, String)],
) -> Vec<(&'static str, Duration)> {
    let mut times = Vec::new();
    for (class, body) in set {
        let started = Instant::now();
        let response = client
            .post(url)
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("router reachable");
        let text = response.text().await.unwrap();
        assert!(
            text.contains("\"errors\""),
            "{class} was not refused: {}",
            &text[..text.len().min(300)]
        );
        times.push((*class, started.elapsed()));
    }
    times
}

/// Catalog requests per second from `concurrency` clients for `duration`.
async fn throughput(url: &str, concurrency: usize, duration: Duration) -> f64 {
    let client = reqwest::Client::new();
    let bodies: Arc<Vec<String>> = Arc::new(
        (5..21)
            .flat_map(|first| (0..44).map(move |offset| (first, offset)))
            .map(|(first, offset)| {
                json!({ "query": CATALOG_QUERY, "variables": { "first": first, "offset": offset } })
                    .to_string()
            })
            .collect(),
    );
    let done = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + duration;
    let started = Instant::now();
    let clients: Vec<_> = (0..concurrency)
        .map(|index| {
            let (client, url, bodies, done) = (client.clone(), url.to_string(), bodies.clone(), done.clone());
            tokio::spawn(async move {
                let mut page = index * 7919;
                while Instant::now() < deadline {
                    page = (page + 1) % bodies.len();
                    let response = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .body(bodies[page].clone())
                        .send()
                        .await
                        .expect("router reachable");
                    assert!(response.status().is_success());
                    let text = response.text().await.unwrap();
                    assert!(!text.contains("\"errors\""), "catalog query failed: {text}");
                    done.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for client in clients {
        client.await.unwrap();
    }
    done.load(Ordering::Relaxed) as f64 / started.elapsed().as_secs_f64()
}

/// Resident memory of a process, in MiB.
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("process status");
    let kib: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS");
    kib / 1024.0
}

/// The shipped config without operation limits, cost analysis, the introspection rule and the
/// guard plugin: what Vitrine served before they existed.
fn config_without_limits() -> String {
    let shipped = vitrine_router::serve::DEFAULT_CONFIG;
    let start = shipped.find("# Operation limits").expect("limits block");
    let end = shipped.find("query_planner:").expect("planner block");
    let without = format!("{}{}", &shipped[..start], &shipped[end..]);
    let guard = "  vitrine_guard:\n    enabled: true";
    assert!(without.contains(guard));
    without.replace(guard, "  vitrine_guard:\n    enabled: false")
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seconds = env_or("BENCH_SECONDS", 10);
    let concurrency = env_or("BENCH_CONCURRENCY", 16) as usize;
    let hostile_clients = env_or("BENCH_HOSTILE_CLIENTS", 4) as usize;

    let config_dir = tempfile::tempdir().unwrap();
    let off_config = config_dir.path().join("router.config.yaml");
    std::fs::write(&off_config, config_without_limits()).unwrap();
    let keys =
        vitrine_kit::jwt_keys::JwtKeys::from_config(&vitrine_kit::config::SecretsConfig::default()).unwrap();
    std::fs::write(config_dir.path().join("jwks.json"), keys.jwks_json()).unwrap();

    let on = TestSystem::embedded().await;
    let off = TestSystem::embedded_with(&[("VITRINE_ROUTER_CONFIG", off_config.to_str().unwrap())]).await;
    let on_url = format!("{}/graphql", on.router_url);
    let off_url = format!("{}/graphql", off.router_url);
    let pid = on.pids()[0];

    // Warm both (plans, connections, SQLite pages) before the first reading of memory.
    throughput(&on_url, concurrency, Duration::from_secs(2)).await;
    throughput(&off_url, concurrency, Duration::from_secs(2)).await;
    let memory_before = rss_mib(pid);

    println!("## Hostile requests, each alone (release build)\n");
    let client = reqwest::Client::new();
    let set = hostile_set();
    let mut slowest: Vec<(&str, Duration)> = set.iter().map(|(c, _)| (*c, Duration::ZERO)).collect();
    for _ in 0..3 {
        for (i, (_, took)) in send_set(&client, &on_url, &set).await.into_iter().enumerate() {
            slowest[i].1 = slowest[i].1.max(took);
        }
    }
    println!("| class | slowest of 3 (ms) |\n|---|---:|");
    for (class, took) in &slowest {
        println!("| {class} | {:.1} |", took.as_secs_f64() * 1000.0);
    }
    let worst = slowest.iter().map(|(_, t)| *t).max().unwrap();

    println!("\n## Catalog throughput beside hostile traffic ({concurrency} clients, {seconds} s each)\n");
    let duration = Duration::from_secs(seconds);
    let alone = throughput(&on_url, concurrency, duration).await;
    let stop = Arc::new(AtomicBool::new(false));
    let hostile_sent = Arc::new(AtomicU64::new(0));
    let attackers: Vec<_> = (0..hostile_clients)
        .map(|_| {
            let (client, url, set, stop, sent) = (
                client.clone(),
                on_url.clone(),
                set.clone(),
                stop.clone(),
                hostile_sent.clone(),
            );
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    send_set(&client, &url, &set).await;
                    sent.fetch_add(set.len() as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    let beside = throughput(&on_url, concurrency, duration).await;
    stop.store(true, Ordering::Relaxed);
    for attacker in attackers {
        attacker.await.unwrap();
    }
    let hostile_rate = hostile_sent.load(Ordering::Relaxed) as f64 / seconds as f64;
    println!("| catalog alone (req/s) | beside {hostile_clients} hostile clients (req/s) | ratio | hostile requests/s refused |");
    println!("|---:|---:|---:|---:|");
    println!(
        "| {alone:.0} | {beside:.0} | {:.2} | {hostile_rate:.0} |",
        beside / alone
    );

    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_after = rss_mib(pid);
    println!("\n## Router process memory\n");
    println!("| before (MiB) | after all hostile traffic (MiB) | growth (MiB) |\n|---:|---:|---:|");
    println!(
        "| {memory_before:.0} | {memory_after:.0} | {:.0} |",
        memory_after - memory_before
    );

    println!("\n## What the limits cost (interleaved rounds, {seconds} s each)\n");
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..2 {
        with.push(throughput(&on_url, concurrency, duration).await);
        without.push(throughput(&off_url, concurrency, duration).await);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    println!("| limits on (req/s) | limits off (req/s) | on ÷ off |\n|---:|---:|---:|");
    println!(
        "| {:.0} | {:.0} | {:.3} |",
        mean(&with),
        mean(&without),
        mean(&with) / mean(&without)
    );

    println!(
        "\nGoals: every class under 1 s (slowest {:.1} ms); memory within 100 MB (grew {:.0} MiB); \
              catalog keeps ≥ 80 % beside hostile traffic ({:.0} %); limits cost < 5 % ({:.1} %).",
        worst.as_secs_f64() * 1000.0,
        memory_after - memory_before,
        100.0 * beside / alone,
        100.0 * (1.0 - mean(&with) / mean(&without))
    );
}
