//! `cargo bench --bench hostile`: the router under hostile traffic, release build, one run.
//! 1. Each class of hostile request (docs/security.md) sent alone: time to its refusal.
//! 2. Catalog query throughput alone, then with hostile clients sending the whole set in a loop
//!    beside it, in interleaved rounds (medians): once as shipped (rate limits on; the shoppers
//!    come from many addresses, each attacker from one) and once with rate limits off (the
//!    operation limits alone).
//! 3. Router process memory before and after all hostile traffic.
//! 4. The cost of the limits: catalog throughput and CPU per request of a fresh system as
//!    shipped against one without limits, cost analysis and the guard plugin, in interleaved
//!    rounds (`scripts/bench-limits-instructions` counts the same in instructions).
//!
//! Addresses come from `X-Forwarded-For` (`VITRINE_TRUST_FORWARDED_FOR=true`, as behind a
//! proxy), since every client here is 127.0.0.1. Client and servers share this machine's cores,
//! so compare ratios, not absolute numbers.
//! Knobs: BENCH_SECONDS (default 10), BENCH_CONCURRENCY (default 16), BENCH_HOSTILE_CLIENTS (4),
//! BENCH_ROUNDS (5).

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

#[allow(dead_code)]
#[path = "support/process.rs"]
mod process;

use helpers::TestSystem;
use process::env_or;
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CATALOG_QUERY: &str = "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { id name price { amount currency } category { name } } }";

fn aliased_searches(n: usize) -> String {
    let aliases: String = (0..n)
        .map(|i| format!("a{i}: searchProducts(query: \"x\") {{ name }} "))
        .collect();
    format!("{{ {aliases} }}")
}

fn tags(n: usize) -> String {
    let search = "query($t: [String!]) { searchProducts(tags: $t) { totalCount } }";
    json!({ "query": search, "variables": { "t": vec!["x"; n] } }).to_string()
}

/// (class, body) for each kind of hostile request the router refuses.
fn hostile_set() -> Vec<(&'static str, &'static str)> {
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
    let set: Vec<(&'static str, String)> = vec![
        ("variables nested 60 levels", nested(60)),
        ("variables nested 100 000 levels", nested(100_000)),
        ("depth 18 (offers/product)", query(format!("{{ products(first: 1) {{ {deep} }} }}"))),
        ("400 chained fragments", query(chain(400))),
        ("100 chained fragments", query(chain(100))),
        ("10 000 aliased searches (over the body size)", query(aliased_searches(10_000))),
        ("2 000 aliased searches", query(aliased_searches(2_000))),
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
        ("50 000 search tags (over the body size)", tags(50_000)),
        ("5 000 search tags", tags(5_000)),
        ("stockMovements(first: 1 000 000)", query("{ stockMovements(offerId: \"x\", first: 1000000) { delta } }".into())),
        ("2 MB body", query(format!("{{ __typename }} # {}", "x".repeat(2_000_000)))),
    ];
    // Leaked once so that every send shares the bytes instead of copying megabytes per loop.
    set.into_iter()
        .map(|(class, body)| (class, &*Box::leak(body.into_boxed_str())))
        .collect()
}

/// The longest any hostile request may go unanswered.
const ANSWER_WITHIN: Duration = Duration::from_secs(10);

/// Every body of the set refused (an answer with errors, or a closed connection), and how
/// long each took.
async fn send_set(
    client: &reqwest::Client,
    url: &str,
    set: &[(&'static str, &'static str)],
    address: &str,
) -> Vec<(&'static str, Duration)> {
    let mut times = Vec::new();
    for (class, body) in set {
        let started = Instant::now();
        let sent = client
            .post(url)
            .header("content-type", "application/json")
            .header("x-forwarded-for", address)
            .body(*body)
            .send()
            .await;
        // A closed connection (an error here) is a refusal too: Hive answers 413 and closes
        // before reading the rest of an oversized body, and a 429 goes out before the body is
        // read; for the same reason the answer's body may be cut off. A request that is not
        // answered at all is a failure of the router.
        if let Err(error) = &sent {
            assert!(!error.is_timeout(), "{class}: no answer within {ANSWER_WITHIN:?}");
        }
        if let Ok(response) = sent {
            let status = response.status();
            if let Ok(text) = response.text().await {
                assert!(
                    status.is_client_error() || text.contains("\"errors\""),
                    "{class} was not refused: {}",
                    &text[..text.len().min(300)]
                );
            }
        }
        times.push((*class, started.elapsed()));
    }
    times
}

/// Catalog requests per second from `concurrency` clients for `duration`, each request from
/// one of a thousand shoppers' addresses.
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
                    let shopper = format!("10.0.{}.{}", page % 4, page % 250);
                    let response = client
                        .post(&url)
                        .header("content-type", "application/json")
                        .header("x-forwarded-for", shopper)
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

/// CPU seconds a process (`self`, or a pid) has used, user and system, from /proc.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("process stat");
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .expect("stat format")
        .1
        .split_whitespace()
        .collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
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

struct Mixed {
    alone: f64,
    beside: f64,
    /// Median over the rounds of beside ÷ alone, each pair measured back to back.
    ratio: f64,
    refused_per_second: f64,
    /// Router CPU ms per catalog request, alone and beside (hostile work included).
    router_ms_alone: f64,
    router_ms_beside: f64,
    /// Share of the two cores the benchmark's own clients used beside the hostile traffic.
    clients_share: f64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One throughput run and what the measured process spent on it.
struct Reading {
    per_second: f64,
    /// CPU ms of the process `pid` per catalog request (whatever else it did meanwhile included).
    cpu_ms_per_request: f64,
    seconds: f64,
}

async fn measured(url: &str, pid: &str, concurrency: usize, duration: Duration) -> Reading {
    let (cpu_before, started) = (cpu_seconds(pid), Instant::now());
    let per_second = throughput(url, concurrency, duration).await;
    let seconds = started.elapsed().as_secs_f64();
    Reading {
        per_second,
        cpu_ms_per_request: (cpu_seconds(pid) - cpu_before) * 1000.0 / (per_second * seconds),
        seconds,
    }
}

/// Catalog throughput alone, then beside `attackers` clients each looping over the hostile
/// set from its own address, in `rounds` interleaved pairs; medians over the rounds.
async fn beside_hostile(
    url: &str,
    router: u32,
    concurrency: usize,
    duration: Duration,
    attackers: usize,
    rounds: u64,
) -> Mixed {
    let router = router.to_string();
    let mut each_round = Vec::new();
    for _ in 0..rounds {
        let alone = measured(url, &router, concurrency, duration).await;
        let stop = Arc::new(AtomicBool::new(false));
        let refused = Arc::new(AtomicU64::new(0));
        let set = Arc::new(hostile_set());
        let tasks: Vec<_> = (0..attackers)
            .map(|n| {
                let (url, set, stop, refused) = (url.to_string(), set.clone(), stop.clone(), refused.clone());
                tokio::spawn(async move {
                    let client = reqwest::Client::builder().timeout(ANSWER_WITHIN).build().unwrap();
                    let address = format!("203.0.113.{n}");
                    while !stop.load(Ordering::Relaxed) {
                        send_set(&client, &url, &set, &address).await;
                        refused.fetch_add(set.len() as u64, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        let clients_before = cpu_seconds("self");
        let beside = measured(url, &router, concurrency, duration).await;
        let clients_share = (cpu_seconds("self") - clients_before) / beside.seconds / 2.0;
        stop.store(true, Ordering::Relaxed);
        for task in tasks {
            task.await.unwrap();
        }
        each_round.push(Mixed {
            alone: alone.per_second,
            beside: beside.per_second,
            ratio: beside.per_second / alone.per_second,
            refused_per_second: refused.load(Ordering::Relaxed) as f64 / beside.seconds,
            router_ms_alone: alone.cpu_ms_per_request,
            router_ms_beside: beside.cpu_ms_per_request,
            clients_share,
        });
    }
    let middle = |field: fn(&Mixed) -> f64| median(each_round.iter().map(field).collect());
    Mixed {
        alone: middle(|m| m.alone),
        beside: middle(|m| m.beside),
        ratio: middle(|m| m.ratio),
        refused_per_second: middle(|m| m.refused_per_second),
        router_ms_alone: middle(|m| m.router_ms_alone),
        router_ms_beside: middle(|m| m.router_ms_beside),
        clients_share: middle(|m| m.clients_share),
    }
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seconds = env_or("BENCH_SECONDS", 10);
    let concurrency = env_or("BENCH_CONCURRENCY", 16) as usize;
    let attackers = env_or("BENCH_HOSTILE_CLIENTS", 4) as usize;
    let duration = Duration::from_secs(seconds);

    let (_config_dir, off_config) = helpers::router_config(&config_without_limits());

    let forwarded = ("VITRINE_TRUST_FORWARDED_FOR", "true");
    // The simulations at the pace `cargo run` ships with, not the test harness's 1000× speed:
    // three idle systems ticking every 50 ms would take CPU from whichever one is measured.
    let shipped_pace = [("VITRINE_TIME_SCALE", "10"), ("VITRINE_SIM_TICK_MS", "200")];
    let base = [forwarded, shipped_pace[0], shipped_pace[1]];
    // As shipped; the test harness turns rate limits off, so they are set back to the defaults.
    let rate_limits = [
        ("VITRINE_RATE_LIMIT_PER_ADDRESS", "20:100"),
        ("VITRINE_RATE_LIMIT_PER_CALLER", "20:100"),
    ];
    let shipped = TestSystem::embedded_with(&[&base[..], &rate_limits].concat()).await;
    let no_rate_limits = TestSystem::embedded_with(&base).await;
    let [shipped_url, no_rate_limits_url] =
        [&shipped, &no_rate_limits].map(|s| format!("{}/graphql", s.router_url));
    let pid = no_rate_limits.pids()[0];

    // Warm all (plans, connections, SQLite pages) before the first reading of memory.
    for url in [&shipped_url, &no_rate_limits_url] {
        throughput(url, concurrency, Duration::from_secs(2)).await;
    }
    let memory_before = rss_mib(pid);

    println!("## Hostile requests, each alone (release build, rate limits off)\n");
    let client = reqwest::Client::builder().timeout(ANSWER_WITHIN).build().unwrap();
    let set = hostile_set();
    let mut slowest: Vec<(&str, Duration)> = set.iter().map(|(c, _)| (*c, Duration::ZERO)).collect();
    for round in 0..3 {
        let address = format!("192.0.2.{round}");
        for (i, (_, took)) in send_set(&client, &no_rate_limits_url, &set, &address)
            .await
            .into_iter()
            .enumerate()
        {
            slowest[i].1 = slowest[i].1.max(took);
        }
    }
    println!("| class | slowest of 3 (ms) |\n|---|---:|");
    for (class, took) in &slowest {
        println!("| {class} | {:.1} |", took.as_secs_f64() * 1000.0);
    }
    let worst = slowest.iter().map(|(_, t)| *t).max().unwrap();

    let rounds = env_or("BENCH_ROUNDS", 5);
    println!(
        "\n## Catalog throughput beside {attackers} hostile clients ({concurrency} shoppers, {seconds} s each, \
         medians of {rounds} interleaved rounds)\n"
    );
    println!(
        "| router | catalog alone (req/s) | beside hostile (req/s) | ratio | hostile refused (req/s) | \
         router CPU ms per catalog request, alone → beside | benchmark clients' share of the 2 cores |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    let mut shipped_ratio = 0.0;
    for (name, url, router) in [
        ("as shipped (rate limits on)", &shipped_url, shipped.pids()[0]),
        (
            "operation limits alone (rate limits off)",
            &no_rate_limits_url,
            no_rate_limits.pids()[0],
        ),
    ] {
        let m = beside_hostile(url, router, concurrency, duration, attackers, rounds).await;
        if shipped_ratio == 0.0 {
            shipped_ratio = m.ratio;
        }
        println!(
            "| {name} | {:.0} | {:.0} | {:.2} | {:.0} | {:.2} → {:.2} | {:.0} % |",
            m.alone,
            m.beside,
            m.ratio,
            m.refused_per_second,
            m.router_ms_alone,
            m.router_ms_beside,
            100.0 * m.clients_share
        );
    }

    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_after = rss_mib(pid);
    println!("\n## Router process memory (rate limits off, so every hostile request was parsed)\n");
    println!("| before (MiB) | after all hostile traffic (MiB) | growth (MiB) |\n|---:|---:|---:|");
    println!(
        "| {memory_before:.0} | {memory_after:.0} | {:.0} |",
        memory_after - memory_before
    );

    // The cost of the limits is read on two systems started together that saw no hostile
    // traffic: a flooded one carries caches full of hostile documents and a fragmented heap, and
    // a younger one still does its start-up work, either of which would count as the limits'.
    drop(no_rate_limits);
    drop(shipped);
    let without_limits = [("VITRINE_ROUTER_CONFIG", off_config.to_str().unwrap())];
    let (on_env, off_env) = (
        [&base[..], &rate_limits].concat(),
        [&base[..], &without_limits].concat(),
    );
    let (limits_on, no_limits) = tokio::join!(
        TestSystem::embedded_with(&on_env),
        TestSystem::embedded_with(&off_env)
    );
    let [limits_on_url, no_limits_url] =
        [&limits_on, &no_limits].map(|s| format!("{}/graphql", s.router_url));
    for url in [&limits_on_url, &no_limits_url] {
        throughput(url, concurrency, Duration::from_secs(5)).await;
    }
    // Twice the rounds at half the length: the machine drifts over seconds, and a finer
    // interleaving lets the median see past it.
    let (rounds, duration) = (2 * rounds + 1, duration / 2);
    println!(
        "\n## What the limits cost ({rounds} interleaved rounds, {:.0} s each, as shipped against no limits)\n",
        duration.as_secs_f64()
    );
    println!(
        "Throughput moves with whatever else the two cores do; the CPU the embedded process \
         (router and subgraphs) spends per request is the steadier reading of the same rounds.\n"
    );
    println!(
        "| round | limits on (req/s) | limits off (req/s) | on ÷ off | process CPU µs per request, on | off | on ÷ off |\n\
         |---:|---:|---:|---:|---:|---:|---:|"
    );
    let (with_pid, without_pid) = (limits_on.pids()[0].to_string(), no_limits.pids()[0].to_string());
    let (mut ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        // Alternating which goes first cancels a drift of the machine within a pair.
        let on = || measured(&limits_on_url, &with_pid, concurrency, duration);
        let off = || measured(&no_limits_url, &without_pid, concurrency, duration);
        let (with, without) = if round % 2 == 1 {
            let with = on().await;
            (with, off().await)
        } else {
            let without = off().await;
            (on().await, without)
        };
        let (with_us, without_us) = (
            1000.0 * with.cpu_ms_per_request,
            1000.0 * without.cpu_ms_per_request,
        );
        ratios.push(with.per_second / without.per_second);
        cpu_ratios.push(with_us / without_us);
        println!(
            "| {round} | {:.0} | {:.0} | {:.3} | {with_us:.0} | {without_us:.0} | {:.3} |",
            with.per_second,
            without.per_second,
            with.per_second / without.per_second,
            with_us / without_us
        );
    }
    let limits_ratio = median(ratios);
    let cpu_ratio = median(cpu_ratios);
    println!(
        "\nMedians: throughput on ÷ off {limits_ratio:.3}; process CPU per request on ÷ off {cpu_ratio:.3}"
    );

    println!(
        "\nGoals: every class under 1 s (slowest {:.1} ms); memory within 100 MB (grew {:.0} MiB); \
         catalog keeps ≥ 80 % beside hostile traffic as shipped ({:.0} %); limits cost < 5 % \
         (throughput {:.1} %, CPU per request {:.1} %).",
        worst.as_secs_f64() * 1000.0,
        memory_after - memory_before,
        100.0 * shipped_ratio,
        100.0 * (1.0 - limits_ratio),
        100.0 * (cpu_ratio - 1.0)
    );
}
