//! Process-wide Prometheus registry. Each subgraph process (and the embedded process) serves it
//! at `/metrics`; tests read `vitrine_sql_queries_total` from there to prove batching.

use prometheus::{Encoder, IntCounterVec, Opts, Registry, TextEncoder};
use std::sync::LazyLock;

pub static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::new);

pub static SQL_QUERIES: LazyLock<IntCounterVec> = LazyLock::new(|| {
    let counter = IntCounterVec::new(
        Opts::new("vitrine_sql_queries_total", "SQL statements sent to the database"),
        &["subgraph"],
    )
    .expect("valid metric definition");
    REGISTRY
        .register(Box::new(counter.clone()))
        .expect("metric registered once");
    counter
});

fn counter(name: &str, help: &str, label: &str) -> IntCounterVec {
    let counter = IntCounterVec::new(Opts::new(name, help), &[label]).expect("valid metric definition");
    REGISTRY
        .register(Box::new(counter.clone()))
        .expect("metric registered once");
    counter
}

/// GraphQL requests a subgraph received over HTTP (WebSocket upgrades included).
pub static SUBGRAPH_HTTP_REQUESTS: LazyLock<IntCounterVec> = LazyLock::new(|| {
    counter(
        "vitrine_subgraph_http_requests_total",
        "GraphQL requests received over HTTP",
        "subgraph",
    )
});

/// Subgraph fetches the embedded router ran in process, without HTTP.
pub static IN_PROCESS_FETCHES: LazyLock<IntCounterVec> = LazyLock::new(|| {
    counter(
        "vitrine_in_process_fetches_total",
        "Subgraph fetches executed in process",
        "subgraph",
    )
});

/// The registry in Prometheus' text format.
pub fn render() -> String {
    LazyLock::force(&SQL_QUERIES);
    LazyLock::force(&SUBGRAPH_HTTP_REQUESTS);
    LazyLock::force(&IN_PROCESS_FETCHES);
    LazyLock::force(&crate::live::LIVE_SUBSCRIPTIONS);
    let mut buf = Vec::new();
    let _ = TextEncoder::new().encode(&REGISTRY.gather(), &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}
