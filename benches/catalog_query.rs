//! `cargo bench --bench catalog_query`: one catalog query, three ways, in one run:
//! straight to the catalog subgraph, through the router with in-process subgraphs (embedded),
//! and through the router with subgraphs as separate HTTP processes (split). Reports req/s and
//! latency percentiles, and each as a ratio to the direct figure. Client and servers share this
//! machine's cores, so compare ratios, not absolute numbers. Then many clients sending one body:
//! the router's inbound deduplication on and off, embedded and with HTTP subgraphs.
//! Knobs: BENCH_SECONDS (default 10), BENCH_CONCURRENCY (default 32).

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
use load::{measure, page_bodies, Stats};
use process::env_or;
use serde_json::json;
use std::time::Duration;

// Requests vary page size and offset (704 combinations, clients spread over them), so the
// router's in-flight request deduplication rarely merges two requests: identical concurrent
// requests would otherwise be executed once and make the router look faster than the subgraph.
const CATALOG_QUERY: &str = "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { id name price { amount currency } category { name } } }";
const CROSS_SUBGRAPH_QUERY: &str = "query Page($first: Int!, $offset: Int!) { products(first: $first, offset: $offset) { id name price { amount currency } inStock stock category { name } } }";

/// The README's first query and the 50-product query of issue #22, sent as identical bodies.
const README_QUERY: &str =
    "{ products(first: 5) { name price { amount currency } inStock category { name } } }";
const FIFTY_QUERY: &str = "{ products(first: 50) { name inStock offers { price { amount } stock shop { name } } category { name } } }";

const SEARCH_QUERY: &str = "query Search($q: String, $sort: ProductSort, $stock: Boolean) { searchProducts(query: $q, sort: $sort, inStockOnly: $stock, first: 20) { totalCount edges { node { id name price { amount currency } } } } }";

/// Searches for 12 words, 3 orders, with and without the in-stock filter: 72 distinct bodies.
fn search_bodies() -> Vec<String> {
    let words = [
        "pizza", "samsung", "apple", "phone", "wireless", "oled", "burger", "roll", "salad", "console",
        "speaker", "cheese",
    ];
    let mut bodies = Vec::new();
    for word in words {
        for sort in ["RELEVANCE", "PRICE_ASC", "NEWEST"] {
            for stock in [false, true] {
                bodies.push(json!({ "query": SEARCH_QUERY, "variables": { "q": word, "sort": sort, "stock": stock } }).to_string());
            }
        }
    }
    bodies
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` would pass nothing else useful.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let duration = Duration::from_secs(env_or("BENCH_SECONDS", 10));
    let concurrency = env_or("BENCH_CONCURRENCY", 32) as usize;
    let embedded = TestSystem::embedded().await;
    let split = TestSystem::split().await;
    let direct_url = split.subgraph_urls["catalog"].clone();
    let embedded_url = format!("{}/graphql", embedded.router_url);
    let split_url = format!("{}/graphql", split.router_url);

    println!(
        "catalog query, {concurrency} concurrent clients, {}s each",
        duration.as_secs()
    );
    let scenarios = [
        ("catalog subgraph, direct", direct_url.as_str(), CATALOG_QUERY),
        (
            "router, in-process subgraphs",
            embedded_url.as_str(),
            CATALOG_QUERY,
        ),
        ("router, HTTP subgraphs", split_url.as_str(), CATALOG_QUERY),
        (
            "router, in-process, + inventory",
            embedded_url.as_str(),
            CROSS_SUBGRAPH_QUERY,
        ),
        (
            "router, HTTP, + inventory",
            split_url.as_str(),
            CROSS_SUBGRAPH_QUERY,
        ),
    ];
    let mut results = Vec::new();
    for (name, url, query) in scenarios {
        results.push((
            name,
            measure(url, page_bodies(query), concurrency, duration).await,
        ));
    }
    print_table(&results);

    let search_concurrency = env_or("BENCH_SEARCH_CONCURRENCY", 50) as usize;
    println!(
        "\nsearchProducts, {search_concurrency} concurrent clients, {}s each",
        duration.as_secs()
    );
    let mut results = Vec::new();
    for (name, url) in [
        ("catalog subgraph, direct", direct_url.as_str()),
        ("router, in-process subgraphs", embedded_url.as_str()),
    ] {
        results.push((
            name,
            measure(url, search_bodies(), search_concurrency, duration).await,
        ));
    }
    print_table(&results);

    identical_requests(&embedded, &split, concurrency, duration).await;
}

/// Many clients sending one body: what the router's inbound deduplication (`vitrine_dedupe`)
/// buys, on and off in the same binary, rounds interleaved; and embedded against HTTP
/// subgraphs, both with it on.
async fn identical_requests(
    embedded: &TestSystem,
    split: &TestSystem,
    concurrency: usize,
    duration: Duration,
) {
    let (_config_dir, config) = helpers::router_config(&helpers::shipped_config_without_dedupe());
    let config = config.to_str().expect("a UTF-8 path").to_string();
    let undeduplicated = TestSystem::embedded_with(&[("VITRINE_ROUTER_CONFIG", &config)]).await;
    let paths = [
        ("embedded, dedupe on", format!("{}/graphql", embedded.router_url)),
        (
            "embedded, dedupe off",
            format!("{}/graphql", undeduplicated.router_url),
        ),
        (
            "HTTP subgraphs, dedupe on",
            format!("{}/graphql", split.router_url),
        ),
    ];
    const ROUNDS: usize = 2;
    println!(
        "\nidentical requests, {concurrency} concurrent clients, {}s each, {ROUNDS} rounds interleaved (mean req/s)",
        duration.as_secs()
    );
    println!("| query | embedded on | embedded off | HTTP on | on ÷ off | embedded ÷ HTTP |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (label, query) in [("README query", README_QUERY), ("50 products", FIFTY_QUERY)] {
        let body = vec![json!({ "query": query }).to_string()];
        let mut rates = [0.0; 3];
        for _ in 0..ROUNDS {
            for (rate, (_, url)) in rates.iter_mut().zip(&paths) {
                *rate += measure(url, body.clone(), concurrency, duration)
                    .await
                    .requests_per_second
                    / ROUNDS as f64;
            }
        }
        let [on, off, http] = rates;
        println!(
            "| {label} | {on:.0} | {off:.0} | {http:.0} | {:.2} | {:.2} |",
            on / off,
            on / http
        );
    }
}

fn print_table(results: &[(&str, Stats)]) {
    let base = &results[0].1;
    println!("| path | req/s | p50 ms | p99 ms | req/s ÷ direct | p99 ÷ direct |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, s) in results {
        println!(
            "| {name} | {:.0} | {:.2} | {:.2} | {:.2} | {:.2} |",
            s.requests_per_second,
            s.p50_ms,
            s.p99_ms,
            s.requests_per_second / base.requests_per_second,
            s.p99_ms / base.p99_ms
        );
    }
}
