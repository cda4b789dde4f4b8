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

/// The registry in Prometheus' text format.
pub fn render() -> String {
    LazyLock::force(&SQL_QUERIES);
    let mut buf = Vec::new();
    let _ = TextEncoder::new().encode(&REGISTRY.gather(), &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}
