//! A router that composes its own supergraph (`vitrine router --registry`): the subgraph
//! processes register their SDLs in the NATS registry, [`composer`] composes the newest SDL of
//! each subgraph whenever one changes and writes the result to the file Hive polls, and Hive
//! swaps it in. A composition that fails (or that Hive's planner refuses) is never written, so
//! the last good supergraph keeps serving; what went wrong is kept here for `/readiness`, the
//! metrics and the log ([`plugin`]).

/// The loop that composes from the registry and writes the supergraph file.
pub mod composer;
/// Plugin `vitrine_supergraph`: `/readiness`, `GET /supergraph`, which supergraph Hive loaded.
pub mod plugin;

use prometheus::{IntCounterVec, IntGauge, Opts};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};

/// How many written supergraphs are remembered, to tell which one Hive loaded: Hive loads the
/// newest within a poll interval, so one or two would do.
const REMEMBERED: usize = 4;

/// What the composer and the plugin share.
pub struct CompositionState {
    inner: Mutex<Inner>,
    /// Composition attempts by `result`: `composed`, `failed`, `unchanged` (the inputs changed
    /// but composed to the supergraph already written).
    pub attempts: IntCounterVec,
    /// 1 while the newest SDLs do not compose (the last good supergraph serving), else 0.
    pub failing: IntGauge,
}

struct Written {
    print: String,
    supergraph: Arc<str>,
    sdl_hashes: Arc<BTreeMap<String, String>>,
}

#[derive(Default)]
struct Inner {
    problem: Option<Problem>,
    /// Supergraphs written, newest last, by [`fingerprint`], with each subgraph's SDL hash.
    written: VecDeque<Written>,
    /// The fingerprint of the supergraph Hive loaded last.
    in_use: Option<String>,
}

/// Why the newest SDLs are not what the router serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Problem {
    /// Some subgraph has no live instance yet: nothing to compose.
    Waiting { missing: Vec<String> },
    /// The newest SDLs do not compose; `subgraphs` are those whose SDL changed since the last
    /// good composition (all of them before the first), `error` what composition said.
    Failed { subgraphs: Vec<String>, error: String },
}

/// What `/readiness` tells.
#[derive(Debug, Serialize)]
pub struct Report {
    /// A supergraph is loaded and serving.
    pub serving: bool,
    /// The fingerprint of the supergraph serving.
    pub supergraph: Option<String>,
    pub problem: Option<Problem>,
}

impl Default for CompositionState {
    fn default() -> Self {
        CompositionState {
            inner: Mutex::default(),
            attempts: IntCounterVec::new(
                Opts::new(
                    "vitrine_supergraph_compositions_total",
                    "Supergraph compositions from the registry, by result",
                ),
                &["result"],
            )
            .expect("valid metric definition"),
            failing: IntGauge::new(
                "vitrine_supergraph_composition_failing",
                "1 while the registered SDLs do not compose and the last good supergraph serves",
            )
            .expect("valid metric definition"),
        }
    }
}

impl CompositionState {
    /// Registers the metrics in `metrics` (the router's `/metrics`).
    pub fn register(&self, metrics: &vitrine_kit::metrics::Metrics) {
        metrics.register_counters(&self.attempts);
        metrics.register_gauge(&self.failing);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("composition state lock")
    }

    pub fn report(&self) -> Report {
        let inner = self.lock();
        Report {
            serving: inner.in_use.is_some(),
            supergraph: inner.in_use.clone(),
            problem: inner.problem.clone(),
        }
    }

    /// The supergraph Hive loaded last, as written.
    pub fn in_use(&self) -> Option<Arc<str>> {
        self.lock().loaded().map(|written| written.supergraph.clone())
    }

    /// The SDL hash `subgraph` has in the supergraph Hive loaded last.
    pub fn sdl_hash_in_use(&self, subgraph: &str) -> Option<String> {
        self.lock().loaded()?.sdl_hashes.get(subgraph).cloned()
    }

    fn set_problem(&self, problem: Option<Problem>) {
        self.failing
            .set(matches!(problem, Some(Problem::Failed { .. })) as i64);
        self.lock().problem = problem;
    }

    fn wrote(&self, supergraph: Arc<str>, print: String, sdl_hashes: BTreeMap<String, String>) {
        let mut inner = self.lock();
        inner.written.retain(|written| written.print != print);
        inner.written.push_back(Written {
            print,
            supergraph,
            sdl_hashes: Arc::new(sdl_hashes),
        });
        while inner.written.len() > REMEMBERED {
            inner.written.pop_front();
        }
    }

    /// Hive loaded the supergraph whose parsed document prints with this fingerprint.
    fn loaded(&self, print: String) {
        self.lock().in_use = Some(print);
    }
}

impl Inner {
    fn loaded(&self) -> Option<&Written> {
        let in_use = self.in_use.as_ref()?;
        self.written.iter().find(|written| &written.print == in_use)
    }
}

/// SHA-256 (hex) of a supergraph's parsed-and-printed document: what Hive loads is a parsed
/// document, so both sides print before hashing, whatever the file's whitespace.
pub fn fingerprint(printed: &str) -> String {
    hex::encode(Sha256::digest(printed.as_bytes()))
}
