//! Identical subgraph fetches in flight at once run once and share the answer, as Hive's HTTP
//! executor does for its fetches, on the two paths that replace it: in process (embedded) and
//! to registry instances (distributed). Only queries' fetches (Hive marks them `dedupe`),
//! keyed by the subgraph, the signed identity and the request body, so two callers never
//! share. Each map belongs to its embedded system or registry routes, not to the process.
//! Unlike Hive's HTTP executor it does not read `traffic_shaping.all.dedupe_enabled`: query
//! fetches always share.

use bytes::Bytes;
use futures::future::{BoxFuture, FutureExt, Shared, WeakShared};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A fetch's answer (as JSON, unless said otherwise), or why it failed.
pub type Fetch<T = Bytes> = BoxFuture<'static, Result<T, String>>;

/// What makes two fetches the same one. The whole inputs, not a hash of them: two callers
/// must never meet by a collision.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct FetchKey {
    subgraph: std::borrow::Cow<'static, str>,
    identity: Vec<u8>,
    body: Bytes,
}

impl FetchKey {
    /// Takes the body (the caller is done with it, or keeps a cheap clone) rather than copying
    /// a large `_entities` one.
    pub fn new(
        subgraph: impl Into<std::borrow::Cow<'static, str>>,
        identity: &[u8],
        body: impl Into<Bytes>,
    ) -> FetchKey {
        FetchKey {
            subgraph: subgraph.into(),
            identity: identity.to_vec(),
            body: body.into(),
        }
    }
}

/// A fetch in flight, with the generation that inserted it.
type Running<T> = (u64, WeakShared<Fetch<T>>);

pub struct InFlight<T = Bytes> {
    fetches: Mutex<HashMap<FetchKey, Running<T>>>,
    generations: AtomicU64,
}

impl<T> Default for InFlight<T> {
    fn default() -> Self {
        InFlight {
            fetches: Mutex::default(),
            generations: AtomicU64::default(),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> InFlight<T> {
    /// The fetch in flight under `key` (joined: true), or `start`'s, which later callers join
    /// until it ends. A fetch every caller stopped waiting for is dropped, and with it its work.
    pub fn join_or_start(
        self: &Arc<Self>,
        key: FetchKey,
        start: impl FnOnce() -> Fetch<T>,
    ) -> (Shared<Fetch<T>>, bool) {
        if let Some(running) = self.running(&key) {
            return (running, true);
        }
        // Built outside the lock (it is not started until polled).
        let generation = self.generations.fetch_add(1, Ordering::Relaxed);
        let leave = Leave {
            in_flight: self.clone(),
            key: key.clone(),
            generation,
        };
        let work = start();
        let fetch: Fetch<T> = Box::pin(async move {
            let _leave = leave;
            work.await
        });
        let shared = fetch.shared();
        let mut fetches = self.fetches.lock().expect("in-flight lock");
        // Someone may have started the same fetch meanwhile: join theirs, ours never runs.
        if let Some(running) = fetches.get(&key).and_then(|(_, weak)| weak.upgrade()) {
            drop(fetches);
            return (running, true);
        }
        fetches.insert(key, (generation, shared.downgrade().expect("a fresh fetch")));
        (shared, false)
    }

    fn running(&self, key: &FetchKey) -> Option<Shared<Fetch<T>>> {
        let fetches = self.fetches.lock().expect("in-flight lock");
        fetches.get(key).and_then(|(_, weak)| weak.upgrade())
    }
}

/// Takes a fetch out of the map when it ends or is dropped, so later callers start afresh;
/// only its own entry, not a newer fetch's under the same key.
struct Leave<T> {
    in_flight: Arc<InFlight<T>>,
    key: FetchKey,
    generation: u64,
}

impl<T> Drop for Leave<T> {
    fn drop(&mut self) {
        let mut fetches = self.in_flight.fetches.lock().expect("in-flight lock");
        if fetches
            .get(&self.key)
            .is_some_and(|(generation, _)| *generation == self.generation)
        {
            fetches.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    fn counted(started: &Arc<AtomicUsize>, answer: &'static str) -> impl FnOnce() -> Fetch {
        let started = started.clone();
        move || {
            started.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Ok(Bytes::from_static(answer.as_bytes()))
            })
        }
    }

    #[tokio::test]
    async fn identical_fetches_at_once_run_once_and_later_ones_run_again() {
        let in_flight = Arc::new(InFlight::default());
        let started = Arc::new(AtomicUsize::new(0));
        let key = FetchKey::new("catalog", b"alice", b"{ products }".to_vec());
        let (first, joined_first) = in_flight.join_or_start(key.clone(), counted(&started, "a"));
        let (second, joined_second) = in_flight.join_or_start(key.clone(), counted(&started, "b"));
        assert!(!joined_first && joined_second);
        let (first, second) = tokio::join!(first, second);
        assert_eq!(
            (first.unwrap(), second.unwrap()),
            (Bytes::from("a"), Bytes::from("a"))
        );
        assert_eq!(started.load(Ordering::SeqCst), 1);
        // Over: the next one runs anew.
        let (third, joined) = in_flight.join_or_start(key, counted(&started, "c"));
        assert!(!joined);
        assert_eq!(third.await.unwrap(), Bytes::from("c"));
        assert_eq!(started.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn another_caller_or_body_is_another_fetch() {
        let in_flight = Arc::new(InFlight::default());
        let started = Arc::new(AtomicUsize::new(0));
        let alice = FetchKey::new("accounts", b"alice", b"{ me { id } }".to_vec());
        let bob = FetchKey::new("accounts", b"bob", b"{ me { id } }".to_vec());
        let other = FetchKey::new("accounts", b"alice", b"{ me { email } }".to_vec());
        let fetches: Vec<_> = [alice, bob, other]
            .into_iter()
            .map(|key| in_flight.join_or_start(key, counted(&started, "x")))
            .collect();
        assert!(fetches.iter().all(|(_, joined)| !joined));
        futures::future::join_all(fetches.into_iter().map(|(fetch, _)| fetch)).await;
        assert_eq!(started.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn a_fetch_nobody_waits_for_is_gone() {
        let in_flight = Arc::new(InFlight::default());
        let started = Arc::new(AtomicUsize::new(0));
        let key = FetchKey::new("catalog", b"", b"{ products }".to_vec());
        let (abandoned, _) = in_flight.join_or_start(key.clone(), counted(&started, "a"));
        drop(abandoned);
        let (again, joined) = in_flight.join_or_start(key, counted(&started, "b"));
        assert!(!joined, "nobody was waiting for the first one");
        assert_eq!(again.await.unwrap(), Bytes::from("b"));
    }
}
