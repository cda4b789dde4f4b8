//! `cargo bench --bench speed`: issue #22's comparison in one run, release build.
//!
//! 1. Paths: the catalog subgraph asked directly (the embedded process's own loopback
//!    endpoint, same SQLite files), the embedded router (`vitrine serve`, SQLite), and the
//!    distributed router (ten `vitrine subgraph` processes and `vitrine router`, PostgreSQL,
//!    NATS JetStream); on a catalog-only query, the README's query and the 50-product query,
//!    each with one body sent by every client ("identical") and with its variables varied.
//!    Req/s, p99, the embedded process's CPU per request, and the ratios the issue sets goals
//!    for: embedded ÷ distributed, embedded router ÷ direct subgraph.
//! 2. With `HIVE_ROUTER_BIN` (a `hive_router` binary: `cargo install hive-router --features
//!    graphiql --ignore-rust-version`): `vitrine router` and `hive_router` on the same
//!    supergraph and the same distributed subgraphs, each with its own default (Vitrine's
//!    shipped config, Hive's defaults) and with inbound deduplication matched on and off.
//!
//! Rounds are interleaved and averaged. Client and servers share the machine's cores, so
//! compare the ratios, not the absolute numbers.
//! Knobs: BENCH_SECONDS (8), BENCH_CONCURRENCY (32), BENCH_ROUNDS (2),
//! BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432), HIVE_ROUTER_BIN.

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

#[allow(dead_code)]
#[path = "support/load.rs"]
mod load;

#[allow(dead_code)]
#[path = "support/process.rs"]
mod process;

use helpers::TestSystem;
use load::{measure_cpu, Stats};
use process::env_or;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A query one subgraph (catalog) answers alone.
const CATALOG_ONLY: &str =
    "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { id name price { amount currency } category { name } } }";
/// The README's first query (catalog and inventory).
const README: &str =
    "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { name price { amount currency } inStock category { name } } }";
/// Issue #22's 50-product query (catalog, shops and inventory; 6 SQL statements).
const FIFTY: &str = "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { name inStock offers { price { amount } stock shop { name } } category { name } } }";

struct Workload {
    label: &'static str,
    query: &'static str,
    /// Whether the catalog subgraph alone can answer it (then it is also sent directly).
    single_subgraph: bool,
    /// The identical body's page; the varied bodies spread around it.
    first: u32,
}

const WORKLOADS: [Workload; 3] = [
    Workload {
        label: "catalog only",
        query: CATALOG_ONLY,
        single_subgraph: true,
        first: 20,
    },
    Workload {
        label: "README query",
        query: README,
        single_subgraph: false,
        first: 5,
    },
    Workload {
        label: "50 products",
        query: FIFTY,
        single_subgraph: false,
        first: 50,
    },
];

impl Workload {
    /// One body (every client sends the same), or 100 (page size `first`-9..=`first`, offsets
    /// 0..10), which the routers' deduplication rarely merges.
    fn bodies(&self, varied: bool) -> Vec<String> {
        let pages: Vec<(u32, u32)> = if varied {
            (self.first.saturating_sub(9).max(1)..=self.first)
                .flat_map(|first| (0..10).map(move |offset| (first, offset)))
                .collect()
        } else {
            vec![(self.first, 0)]
        };
        pages
            .into_iter()
            .map(|(first, offset)| {
                json!({ "query": self.query, "variables": { "first": first, "offset": offset } }).to_string()
            })
            .collect()
    }
}

#[derive(Clone, Copy)]
struct Load {
    concurrency: usize,
    duration: Duration,
    rounds: usize,
}

impl Load {
    /// Every target of a row measured `rounds` times, interleaved; the mean of each.
    async fn interleaved(&self, targets: &[Target<'_>], bodies: &[String]) -> Vec<Stats> {
        let mut sums: Vec<Stats> = targets.iter().map(|_| zero()).collect();
        for _ in 0..self.rounds {
            for (sum, target) in sums.iter_mut().zip(targets) {
                // No processes watched: no ticks, and `measure_cpu` reports no CPU figure.
                let pids = target.pids.clone();
                let ticks = move || pids.iter().map(|&pid| process::cpu_ticks(pid)).sum();
                let stats = measure_cpu(
                    target.url,
                    bodies.to_vec(),
                    self.concurrency,
                    self.duration,
                    ticks,
                )
                .await;
                let share = self.rounds as f64;
                sum.requests_per_second += stats.requests_per_second / share;
                sum.p50_ms += stats.p50_ms / share;
                sum.p99_ms += stats.p99_ms / share;
                sum.cpu_ms_per_request += stats.cpu_ms_per_request / share;
            }
        }
        sums
    }
}

fn zero() -> Stats {
    Stats {
        requests_per_second: 0.0,
        p50_ms: 0.0,
        p99_ms: 0.0,
        cpu_ms_per_request: 0.0,
    }
}

struct Target<'a> {
    url: &'a str,
    /// Processes whose CPU is counted per request (none: not reported).
    pids: Vec<u32>,
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let load = Load {
        concurrency: env_or("BENCH_CONCURRENCY", 32) as usize,
        duration: Duration::from_secs(env_or("BENCH_SECONDS", 8)),
        rounds: env_or("BENCH_ROUNDS", 2) as usize,
    };
    let database =
        std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    let database_url = format!(
        "{}/vitrine_test_{}",
        database.trim_end_matches('/'),
        uuid::Uuid::new_v4().simple()
    );

    let embedded = TestSystem::embedded().await;
    let mut distributed =
        TestSystem::split_on(&helpers::checked_in_supergraph(), Some(database_url), &[]).await;
    let embedded_url = format!("{}/graphql", embedded.router_url);
    let distributed_url = format!("{}/graphql", distributed.router_url);
    let direct_url = embedded_subgraph_url(embedded.data_path(), "catalog");

    println!(
        "{} clients, {} s per measurement, {} rounds interleaved (means)\n",
        load.concurrency,
        load.duration.as_secs(),
        load.rounds
    );
    paths(&load, &embedded, &direct_url, &embedded_url, &distributed_url).await;

    match std::env::var("HIVE_ROUTER_BIN") {
        Ok(hive) => against_hive(&load, &mut distributed, Path::new(&hive)).await,
        Err(_) => println!("\nHIVE_ROUTER_BIN not set: no comparison with hive_router."),
    }
}

/// Direct subgraph, embedded router and distributed router on every workload.
async fn paths(load: &Load, embedded: &TestSystem, direct: &str, embedded_url: &str, distributed: &str) {
    let pids = embedded.pids();
    println!("| query | variables | direct subgraph req/s | embedded req/s | distributed req/s | embedded ÷ distributed | embedded ÷ direct | embedded p99 ms | distributed p99 ms | embedded CPU ms/request |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for workload in &WORKLOADS {
        for varied in [false, true] {
            let mut targets = vec![
                Target {
                    url: embedded_url,
                    pids: pids.clone(),
                },
                Target {
                    url: distributed,
                    pids: Vec::new(),
                },
            ];
            if workload.single_subgraph {
                targets.push(Target {
                    url: direct,
                    pids: Vec::new(),
                });
            }
            let stats = load.interleaved(&targets, &workload.bodies(varied)).await;
            let (emb, dist) = (&stats[0], &stats[1]);
            let (direct_rate, over_direct) = match stats.get(2) {
                Some(direct) => (
                    format!("{:.0}", direct.requests_per_second),
                    format!("{:.2}", emb.requests_per_second / direct.requests_per_second),
                ),
                None => ("".into(), "".into()),
            };
            println!(
                "| {} | {} | {direct_rate} | {:.0} | {:.0} | {:.2} | {over_direct} | {:.1} | {:.1} | {:.2} |",
                workload.label,
                if varied { "varied" } else { "identical" },
                emb.requests_per_second,
                dist.requests_per_second,
                emb.requests_per_second / dist.requests_per_second,
                emb.p99_ms,
                dist.p99_ms,
                emb.cpu_ms_per_request,
            );
        }
    }
    // With 32 clients even varied bodies sometimes meet in flight and share one execution.
    // One client at a time shares nothing, but each request then also pays for waking the
    // idle worker threads: an upper bound of what a request costs.
    println!("\n| query, variables varied, one client | embedded req/s | embedded CPU ms/request |");
    println!("|---|---:|---:|");
    let alone = Load {
        concurrency: 1,
        ..*load
    };
    for workload in &WORKLOADS {
        let target = Target {
            url: embedded_url,
            pids: pids.clone(),
        };
        let stats = alone.interleaved(&[target], &workload.bodies(true)).await;
        println!(
            "| {} | {:.0} | {:.2} |",
            workload.label, stats[0].requests_per_second, stats[0].cpu_ms_per_request
        );
    }
}

/// `vitrine router` against `hive_router` on the distributed system's supergraph and subgraphs.
async fn against_hive(load: &Load, distributed: &mut TestSystem, hive: &Path) {
    // A config of one's own replaces the default one and the URL overrides written into it.
    let overrides: Vec<(String, String)> = distributed
        .subgraph_urls
        .iter()
        .map(|(name, url)| (name.clone(), url.clone()))
        .collect();
    let config =
        vitrine_router::serve::with_url_overrides(&helpers::shipped_config_without_dedupe(), &overrides);
    let (_vitrine_off_dir, vitrine_off_config) = helpers::router_config(&config);
    let vitrine_off = distributed
        .start_router_replica_with(&[("VITRINE_ROUTER_CONFIG", vitrine_off_config.to_str().unwrap())])
        .await;
    let supergraph = distributed.data_path().join("hive-supergraph.graphql");
    std::fs::write(&supergraph, supergraph_at(&distributed.subgraph_urls)).unwrap();
    let hive_default = HiveRouter::start(hive, &supergraph, None).await;
    let hive_on = HiveRouter::start(hive, &supergraph, Some(true)).await;
    let vitrine_on = format!("{}/graphql", distributed.router_url);
    let vitrine_off = format!("{vitrine_off}/graphql");
    let routers = [
        vitrine_on.as_str(),
        vitrine_off.as_str(),
        hive_default.url.as_str(),
        hive_on.url.as_str(),
    ];
    println!("\n`vitrine router` (shipped config: deduplication on) and `hive_router` (default: off), same supergraph and subgraphs (PostgreSQL), req/s:\n");
    println!("| query | variables | vitrine shipped | vitrine dedupe off | hive default | hive dedupe on | vitrine shipped ÷ hive default | vitrine ÷ hive, both on | vitrine ÷ hive, both off |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for workload in WORKLOADS.iter().skip(1) {
        for varied in [false, true] {
            let targets: Vec<Target> = routers
                .iter()
                .map(|url| Target {
                    url,
                    pids: Vec::new(),
                })
                .collect();
            let stats = load.interleaved(&targets, &workload.bodies(varied)).await;
            let rate: Vec<f64> = stats.iter().map(|s| s.requests_per_second).collect();
            println!(
                "| {} | {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} | {:.2} | {:.2} |",
                workload.label,
                if varied { "varied" } else { "identical" },
                rate[0],
                rate[1],
                rate[2],
                rate[3],
                rate[0] / rate[2],
                rate[0] / rate[3],
                rate[1] / rate[2],
            );
        }
    }
}

/// The checked-in supergraph with each subgraph's URL replaced by where it runs now.
fn supergraph_at(urls: &std::collections::HashMap<String, String>) -> String {
    let mut text = std::fs::read_to_string(helpers::checked_in_supergraph()).unwrap();
    for (name, url) in urls {
        let at = join_graph_url(&text, name);
        text.replace_range(at, url);
    }
    text
}

/// Where the embedded process serves subgraph `name` over loopback: its composed supergraph
/// (written to the data directory at start) says.
fn embedded_subgraph_url(data_dir: &Path, name: &str) -> String {
    let supergraph = std::fs::read_to_string(data_dir.join("supergraph.graphql")).unwrap();
    supergraph[join_graph_url(&supergraph, name)].to_string()
}

/// Where subgraph `name`'s URL is in a supergraph's `@join__graph(name: …, url: "…")`.
fn join_graph_url(supergraph: &str, name: &str) -> std::ops::Range<usize> {
    let marker = format!("@join__graph(name: \"{name}\", url: \"");
    let start = supergraph
        .find(&marker)
        .unwrap_or_else(|| panic!("{name} in the supergraph"))
        + marker.len();
    let end = supergraph[start..].find('"').unwrap() + start;
    start..end
}

/// A `hive_router` process; killed when dropped.
struct HiveRouter {
    child: Child,
    url: String,
    _config_dir: tempfile::TempDir,
}

impl HiveRouter {
    /// Hive's defaults, or with inbound deduplication set (`traffic_shaping.router.dedupe`).
    async fn start(binary: &Path, supergraph: &Path, dedupe: Option<bool>) -> HiveRouter {
        let port = helpers::free_port();
        let config_dir = tempfile::tempdir().unwrap();
        let config: PathBuf = config_dir.path().join("router.config.yaml");
        let mut text = format!(
            "supergraph:\n  source: file\n  path: {}\nhttp:\n  host: 127.0.0.1\n  port: {port}\nlog:\n  level: error\n",
            supergraph.display()
        );
        if let Some(enabled) = dedupe {
            text += &format!("traffic_shaping:\n  router:\n    dedupe:\n      enabled: {enabled}\n");
        }
        std::fs::write(&config, text).unwrap();
        let child = Command::new(binary)
            .env("ROUTER_CONFIG_FILE_PATH", &config)
            .current_dir(config_dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("hive_router starts");
        // Owned at once, so a router that never answers is killed (on drop) by the panic too.
        let router = HiveRouter {
            child,
            url: format!("http://127.0.0.1:{port}/graphql"),
            _config_dir: config_dir,
        };
        let http = reqwest::Client::new();
        let probe = json!({ "query": "{ products(first: 1) { name } }" });
        for _ in 0..600 {
            let answered = http.post(&router.url).json(&probe).send().await;
            if answered.is_ok_and(|r| r.status().is_success()) {
                return router;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("hive_router did not answer on {}", router.url);
    }
}

impl Drop for HiveRouter {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
