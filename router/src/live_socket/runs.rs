//! Subscription runs and who follows each. A run is one subscription executed by Hive (its subgraph
//! subscription, its per-event entity fetches, its projection), or after its start by the router
//! itself (`handover.rs`); its results go to every member, each a subscription id on some client
//! connection. Identical subscriptions of a state field share one run: whoever joins late first
//! gets the run's latest result, which is the whole current state. Everything else runs alone.
//!
//! A member's results go through its connection's outbound queue, since a connection is served
//! by one ntex worker thread and a run's results arrive on another.

use bytes::Bytes;
use futures::channel::mpsc::UnboundedSender;
use futures::stream::BoxStream;
use futures::StreamExt;
use hive_router::executor::executors::graphql_transport_ws::CloseCode;
use hive_router::executor::response::graphql_error::GraphQLError;
use prometheus::{IntCounter, IntGauge};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::Notify;

/// What a connection's writer sends its client.
pub enum Outbound {
    /// A result: `{"id":…,"type":"next","payload":<result>}`.
    Next { id: Arc<str>, result: Bytes },
    /// The subscription failed; nothing follows for it.
    Error { id: Arc<str>, errors: Vec<GraphQLError> },
    /// The subscription ended.
    Complete { id: Arc<str> },
    /// The connection closes, after everything queued before.
    Close(CloseCode),
}

/// What makes two subscriptions give the same results: the supergraph, the document (by its
/// hash: the trusted-documents check reads the text, and a joiner is not checked again) and the
/// operation run from it (by Hive's hash), its variables and extensions, and every header the
/// client's connection and operation carry (the caller's token among them). Kept as the
/// SHA-256 of all of them, as a subgraph keys its shared runs (`kit::subscription_socket`):
/// every run of a state field is listed under its key, and the parts themselves (a token,
/// twice) cost each unshared subscription about 1 KiB more.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct RunKey([u8; 32]);

impl RunKey {
    pub fn new(
        supergraph: u64,
        document: &str,
        operation: u64,
        variables: &str,
        extensions: &str,
        headers: &[(&str, &[u8])],
    ) -> RunKey {
        let mut digest = Sha256::new();
        digest.update(supergraph.to_le_bytes());
        digest.update(operation.to_le_bytes());
        // Each part behind its length, so that no two lists of parts write the same bytes.
        let mut part = |bytes: &[u8]| {
            digest.update((bytes.len() as u64).to_le_bytes());
            digest.update(bytes);
        };
        part(document.as_bytes());
        part(variables.as_bytes());
        part(extensions.as_bytes());
        for (name, value) in headers {
            part(name.as_bytes());
            part(value);
        }
        RunKey(digest.finalize().into())
    }
}

/// The runs that others may join, by what they run.
pub struct Runs {
    shared: Mutex<HashMap<RunKey, Arc<Run>>>,
    /// How many there are, and how many subscriptions joined one.
    shared_gauge: IntGauge,
    joined: IntCounter,
}

/// How a subscription found its run.
pub enum Found {
    /// It joined a run in progress (started, or still starting).
    Joined(Membership),
    /// It leads a new run: execute the operation and hand the run its outcome
    /// ([`Run::pump`], [`Run::answer`] or [`Run::refuse`]; a [`Leading`] does the last if the
    /// leader is dropped first).
    Leads(Membership),
}

impl Runs {
    pub fn new(shared_gauge: IntGauge, joined: IntCounter) -> Runs {
        Runs {
            shared: Mutex::default(),
            shared_gauge,
            joined,
        }
    }

    fn shared(&self) -> MutexGuard<'_, HashMap<RunKey, Arc<Run>>> {
        // As for a run's state: a panic while holding it leaves plain data behind.
        self.shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The run of `key` with `member` in it: an identical one already running, or else a new
    /// one for the caller to start. `key` `None`: a run of its own, never shared.
    pub fn join_or_lead(self: &Arc<Runs>, key: Option<RunKey>, member: Member) -> Found {
        let Some(key) = key else {
            let run = Run::new(None, Arc::downgrade(self));
            return Found::Leads(run.admit(member).expect("a new run admits"));
        };
        let mut shared = self.shared();
        if let Some(run) = shared.get(&key) {
            if let Some(membership) = run.admit(member.clone()) {
                self.joined.inc();
                return Found::Joined(membership);
            }
        }
        let run = Run::new(Some(key), Arc::downgrade(self));
        shared.insert(key, run.clone());
        self.shared_gauge.set(shared.len() as i64);
        Found::Leads(run.admit(member).expect("a new run admits"))
    }
}

/// A leader's run until the leader hands it its outcome: if the leader is dropped first (its
/// connection's task cancelled mid-operation), whoever joined meanwhile is told the run ended
/// rather than left waiting.
pub struct Leading(Option<Arc<Run>>);

impl Leading {
    pub fn new(run: Arc<Run>) -> Leading {
        Leading(Some(run))
    }

    /// The run, now that the leader hands it its outcome.
    pub fn run(mut self) -> Arc<Run> {
        self.0.take().expect("a leading run is taken once")
    }
}

impl Drop for Leading {
    fn drop(&mut self) {
        if let Some(run) = self.0.take() {
            run.refuse(vec![GraphQLError::from_message_and_code(
                "the subscription this one joined was abandoned before it started; subscribe again",
                "SERVICE_UNAVAILABLE",
            )]);
        }
    }
}

/// One subscription id on one connection.
#[derive(Clone)]
pub struct Member {
    pub id: Arc<str>,
    pub outbound: UnboundedSender<Outbound>,
}

/// A member's place in a run; leaving when dropped (the client completed the subscription, or
/// its connection closed). The run stops once nobody is left in it.
pub struct Membership {
    run: Arc<Run>,
    seat: u64,
}

impl Membership {
    pub fn run(&self) -> &Arc<Run> {
        &self.run
    }
}

impl Drop for Membership {
    fn drop(&mut self) {
        self.run.leave(self.seat);
    }
}

pub struct Run {
    key: Option<RunKey>,
    runs: std::sync::Weak<Runs>,
    state: Mutex<RunState>,
    /// Wakes the run's pump when its last member leaves.
    deserted: Notify,
}

#[derive(Default)]
struct RunState {
    members: HashMap<u64, Member>,
    next_seat: u64,
    /// The latest result, for whoever joins a shared run.
    latest: Option<Bytes>,
    /// Nobody may join: the run failed, ended or lost its last member.
    over: bool,
}

impl Run {
    fn new(key: Option<RunKey>, runs: std::sync::Weak<Runs>) -> Arc<Run> {
        Arc::new(Run {
            key,
            runs,
            state: Mutex::default(),
            deserted: Notify::new(),
        })
    }

    fn state(&self) -> MutexGuard<'_, RunState> {
        // A panic while holding this lock leaves plain data behind, still consistent.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Adds `member`, who first gets the latest result if there is one; `None` once the run
    /// is over. Under the same lock as each result's delivery, so a joiner misses none and
    /// gets none twice.
    fn admit(self: &Arc<Run>, member: Member) -> Option<Membership> {
        let mut state = self.state();
        if state.over {
            return None;
        }
        if let Some(latest) = &state.latest {
            let _ = member.outbound.unbounded_send(Outbound::Next {
                id: member.id.clone(),
                result: latest.clone(),
            });
        }
        let seat = state.next_seat;
        state.next_seat += 1;
        state.members.insert(seat, member);
        Some(Membership {
            run: self.clone(),
            seat,
        })
    }

    fn leave(&self, seat: u64) {
        let mut state = self.state();
        state.members.remove(&seat);
        if state.members.is_empty() && !state.over {
            state.over = true;
            drop(state);
            self.unlist();
            self.deserted.notify_one();
        }
    }

    /// Ends the run before it started (Hive refused the operation): every member gets
    /// `errors`, or `complete` when there are none.
    pub fn refuse(&self, errors: Vec<GraphQLError>) {
        self.finish(|id| {
            [if errors.is_empty() {
                Outbound::Complete { id }
            } else {
                Outbound::Error {
                    id,
                    errors: errors.clone(),
                }
            }]
        });
    }

    /// As [`Run::refuse`], and then every member's connection closes with `close()`'s code:
    /// Hive refused the leader's token, which each member carries (headers are part of the
    /// key), and a connection whose token was refused is closed, as Hive's server does.
    pub fn refuse_and_close(&self, errors: Vec<GraphQLError>, close: impl Fn() -> CloseCode) {
        self.finish(|id| {
            [
                Outbound::Error {
                    id,
                    errors: errors.clone(),
                },
                Outbound::Close(close()),
            ]
        });
    }

    /// Gives every member a single result, then `complete` (a query or mutation, or a
    /// subscription Hive answered at once).
    pub fn answer(&self, result: Bytes) {
        self.deliver(result);
        self.finish(|id| [Outbound::Complete { id }]);
    }

    /// Follows Hive's results (its plan run for each subgraph event) until they end, the
    /// supergraph is `replaced` (as Hive ends its own subscriptions then), or nobody is left
    /// (every member left, or every member's connection is gone); dropping `results` ends the
    /// subscription at its subgraph.
    pub async fn pump(
        self: Arc<Run>,
        mut results: BoxStream<'static, Vec<u8>>,
        replaced: impl Future<Output = ()>,
    ) {
        let mut replaced = std::pin::pin!(replaced);
        loop {
            tokio::select! {
                result = results.next() => match result {
                    Some(result) => {
                        if !self.deliver(Bytes::from(result)) {
                            return;
                        }
                    }
                    None => {
                        self.finish(|id| [Outbound::Complete { id }]);
                        return;
                    }
                },
                _ = &mut replaced => {
                    let errors = vec![GraphQLError::from_message_and_code(
                        "subscription has been closed due to a schema reload",
                        "SUBSCRIPTION_SCHEMA_RELOAD",
                    )];
                    self.finish(|id| [Outbound::Error { id, errors: errors.clone() }]);
                    return;
                }
                _ = self.deserted.notified() => return,
            }
        }
    }

    /// Hands `result` to every member, keeping it for joiners of a shared run; false once
    /// nobody is left to take it.
    fn deliver(&self, result: Bytes) -> bool {
        let mut state = self.state();
        if state.over {
            return false;
        }
        state.members.retain(|_, member| {
            member
                .outbound
                .unbounded_send(Outbound::Next {
                    id: member.id.clone(),
                    result: result.clone(),
                })
                .is_ok()
        });
        if self.key.is_some() {
            state.latest = Some(result);
        }
        if !state.members.is_empty() {
            return true;
        }
        // Every member's connection is gone: nobody may join a run nobody reads.
        state.over = true;
        drop(state);
        self.unlist();
        false
    }

    /// Ends the run: each member is sent what `last` gives for its id.
    fn finish<Last: IntoIterator<Item = Outbound>>(&self, last: impl Fn(Arc<str>) -> Last) {
        let mut state = self.state();
        state.over = true;
        for member in state.members.values() {
            for outbound in last(member.id.clone()) {
                let _ = member.outbound.unbounded_send(outbound);
            }
        }
        state.members.clear();
        drop(state);
        self.unlist();
    }

    fn unlist(self: &Run) {
        if let (Some(key), Some(runs)) = (&self.key, self.runs.upgrade()) {
            let mut shared = runs.shared();
            if shared
                .get(key)
                .is_some_and(|kept| std::ptr::eq(Arc::as_ptr(kept), self))
            {
                shared.remove(key);
                runs.shared_gauge.set(shared.len() as i64);
            }
        }
    }
}

#[cfg(test)]
#[path = "runs_tests.rs"]
mod tests;
