//! A process's picture of the registry: a task follows the bucket (every key's latest value,
//! then each change) into a map of instances by subgraph, and callers pick from it.
//!
//! Liveness is measured on the NATS server's clock, by the time JetStream stamped each put:
//! an instance is out once the feed carries a put [`STALE_AFTER`] younger than its own last
//! one. No clock of ours is compared with the server's, a replay after the feed broke judges
//! old keys correctly, and while the feed is silent altogether (NATS away, or this process cut
//! off) nothing expires: every instance cannot have died at once, and the last known set, with
//! [`RegistryView::mark_down`] for those that refuse connections, serves better than none.
//! (So the last instance standing in a deployment is never timed out; a caller still marks it
//! down when it refuses connections.)

use super::{sdl_hash, Bucket, InstanceRecord, STALE_AFTER};
use async_nats::jetstream::kv;
use futures::StreamExt;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an instance that refused a connection is passed over.
pub const DOWN_FOR: Duration = Duration::from_secs(5);
/// Pause before following the bucket again after the feed broke.
const REWATCH_AFTER: Duration = Duration::from_secs(1);
/// SDLs a view keeps by hash; past this it forgets them all and fetches again what it sees
/// (every rolling upgrade brings new ones).
const KEEP_SDLS: usize = 256;

/// One instance a caller may send a request to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    pub instance_id: String,
    pub url: String,
}

/// The live instances of every subgraph; the task that follows the bucket ends with it.
pub struct RegistryView {
    shared: Arc<Shared>,
    follow: tokio::task::JoinHandle<()>,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Told each time an instance joins, for callers waiting for one.
    joined: tokio::sync::Notify,
}

#[derive(Default)]
struct State {
    by_subgraph: HashMap<String, Group>,
    /// The server's stamp on the newest message the feed carried, in Unix nanoseconds.
    feed_time: i128,
    /// Instances that refused a connection, until when they are passed over.
    down_until: HashMap<String, Instant>,
    /// Instances whose key was deleted (they left), with when: an instance id is never reused,
    /// so a put of theirs arriving after the delete (a heartbeat racing the shutdown) is stale.
    left: HashMap<String, Instant>,
}

/// How long a departed instance id is remembered: past this, its key has expired anyway.
const REMEMBER_LEFT: Duration = Duration::from_secs(60);

#[derive(Default)]
struct Group {
    /// Sorted by instance id, so round robin visits each in turn.
    instances: Vec<Seen>,
    next: usize,
}

struct Seen {
    record: InstanceRecord,
    /// The server's stamp on its last put, in Unix nanoseconds.
    stamped: i128,
}

impl RegistryView {
    /// Follows `store` from now on. Returns at once; the first picture (every registered key)
    /// arrives within moments, the heartbeats fill in the rest within a [`super::HEARTBEAT`].
    pub fn follow(bucket: Bucket) -> RegistryView {
        let shared = Arc::new(Shared::default());
        let follow = tokio::spawn(follow(bucket, shared.clone()));
        RegistryView { shared, follow }
    }

    /// A view of a fixed set of instances that follows no bucket (tools and tests). Call within
    /// a tokio runtime.
    pub fn of(records: Vec<InstanceRecord>) -> RegistryView {
        let mut state = State::default();
        for record in records {
            state.seen(record, 0);
        }
        RegistryView {
            shared: Arc::new(Shared {
                state: Mutex::new(state),
                joined: Default::default(),
            }),
            follow: tokio::spawn(async {}),
        }
    }

    /// The live instances of `subgraph`, by instance id.
    pub fn instances(&self, subgraph: &str) -> Vec<InstanceRecord> {
        let mut state = self.shared.state.lock().expect("registry lock");
        state.prune();
        state
            .by_subgraph
            .get(subgraph)
            .map(|group| group.instances.iter().map(|seen| seen.record.clone()).collect())
            .unwrap_or_default()
    }

    /// Every subgraph with a live instance, and those instances by instance id.
    pub fn live(&self) -> BTreeMap<String, Vec<InstanceRecord>> {
        let mut state = self.shared.state.lock().expect("registry lock");
        state.prune();
        state
            .by_subgraph
            .iter()
            .filter(|(_, group)| !group.instances.is_empty())
            .map(|(name, group)| {
                let records = group.instances.iter().map(|seen| seen.record.clone()).collect();
                (name.clone(), records)
            })
            .collect()
    }

    /// The next live instance of `subgraph` in round robin, other than `except` (the one that
    /// just failed); instances marked down only when nothing else is left.
    pub fn pick(&self, subgraph: &str, except: Option<&str>) -> Option<Instance> {
        self.pick_serving(subgraph, except, None)
    }

    /// [`RegistryView::pick`] among the instances that registered `sdl_hash` when any of them
    /// is live: during a rolling upgrade, the router sends a fetch planned on the new schema to
    /// an instance that has it, as long as one is there.
    pub fn pick_serving(
        &self,
        subgraph: &str,
        except: Option<&str>,
        sdl_hash: Option<&str>,
    ) -> Option<Instance> {
        let now = Instant::now();
        let mut state = self.shared.state.lock().expect("registry lock");
        state.prune();
        let State {
            by_subgraph,
            down_until,
            ..
        } = &mut *state;
        down_until.retain(|_, until| *until > now);
        let group = by_subgraph.get_mut(subgraph)?;
        let candidates: Vec<&InstanceRecord> = group
            .instances
            .iter()
            .map(|seen| &seen.record)
            .filter(|record| Some(record.instance_id.as_str()) != except)
            .collect();
        let serving = |record: &&InstanceRecord| sdl_hash.is_none_or(|hash| record.sdl_hash == hash);
        let candidates = if candidates.iter().any(serving) {
            candidates.into_iter().filter(serving).collect()
        } else {
            candidates
        };
        let up: Vec<&InstanceRecord> = candidates
            .iter()
            .copied()
            .filter(|record| !down_until.contains_key(&record.instance_id))
            .collect();
        let choice = if up.is_empty() { candidates } else { up };
        let record = choice.get(group.next % choice.len().max(1))?;
        group.next = group.next.wrapping_add(1);
        Some(Instance {
            instance_id: record.instance_id.clone(),
            url: record.url.clone(),
        })
    }

    /// [`RegistryView::pick_serving`], waiting up to `wait` for an instance to join when none
    /// is live: between one instance leaving and its successor's first beat (a rolling
    /// restart, or an instance back from a database outage), a caller gets it a moment later
    /// instead of an error.
    pub async fn pick_within(
        &self,
        subgraph: &str,
        except: Option<&str>,
        sdl_hash: Option<&str>,
        wait: Duration,
    ) -> Option<Instance> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            // Listening before looking, so a join between the two is not missed.
            let joined = self.shared.joined.notified();
            tokio::pin!(joined);
            joined.as_mut().enable();
            if let Some(instance) = self.pick_serving(subgraph, except, sdl_hash) {
                return Some(instance);
            }
            tokio::time::timeout_at(deadline, joined).await.ok()?;
        }
    }

    /// Passes `instance_id` over for [`DOWN_FOR`]: it refused a connection, and its heartbeat
    /// may take seconds to be missed.
    pub fn mark_down(&self, instance_id: &str) {
        let mut state = self.shared.state.lock().expect("registry lock");
        state
            .down_until
            .insert(instance_id.to_string(), Instant::now() + DOWN_FOR);
    }
}

impl Drop for RegistryView {
    fn drop(&mut self) {
        self.follow.abort();
    }
}

/// Follows the bucket until aborted, starting over (with every key's latest value) whenever
/// the feed breaks.
async fn follow(bucket: Bucket, shared: Arc<Shared>) {
    let mut sdls = HashMap::new();
    loop {
        match bucket.instances.watch_with_history(">").await {
            Ok(mut entries) => {
                while let Some(entry) = entries.next().await {
                    match entry {
                        Ok(entry) => {
                            let record = put_record(&entry, &bucket.schemas, &mut sdls).await;
                            shared.apply(&entry, record);
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "registry feed broke; following it again");
                            break;
                        }
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "cannot follow the registry; retrying"),
        }
        tokio::time::sleep(REWATCH_AFTER).await;
    }
}

/// The record a put carries (None for a deleted key), with its SDL from the schemas bucket
/// (`sdls` keeps those fetched, by hash); its SDL stays empty while the bucket does not have it.
async fn put_record(
    entry: &kv::Entry,
    schemas: &kv::Store,
    sdls: &mut HashMap<String, Arc<str>>,
) -> Option<InstanceRecord> {
    if entry.operation != kv::Operation::Put {
        return None;
    }
    let mut record = match serde_json::from_slice::<InstanceRecord>(&entry.value) {
        Ok(record) => record,
        Err(err) => {
            tracing::warn!(key = entry.key, error = %err, "unreadable registry record ignored");
            return None;
        }
    };
    if !record.sdl.is_empty() {
        return Some(record);
    }
    if !sdls.contains_key(&record.sdl_hash) {
        if let Some(sdl) = fetch_sdl(schemas, &record.sdl_hash, &entry.key).await {
            if sdls.len() >= KEEP_SDLS {
                sdls.clear();
            }
            sdls.insert(record.sdl_hash.clone(), sdl);
        }
    }
    if let Some(sdl) = sdls.get(&record.sdl_hash) {
        record.sdl = sdl.clone();
    }
    Some(record)
}

/// The SDL the schemas bucket holds under `hash`, if it is there and matches the hash. When it
/// is not there yet, the instance's next heartbeat looks again; it is routable meanwhile.
async fn fetch_sdl(schemas: &kv::Store, hash: &str, key: &str) -> Option<Arc<str>> {
    match schemas.get(hash).await {
        Ok(Some(value)) => match String::from_utf8(value.to_vec()) {
            Ok(sdl) if sdl_hash(&sdl) == hash => Some(sdl.into()),
            _ => {
                tracing::warn!(key, "an SDL in the registry does not match its hash");
                None
            }
        },
        Ok(None) => {
            tracing::debug!(key, "its SDL is not in the registry yet");
            None
        }
        Err(err) => {
            tracing::warn!(key, error = %err, "cannot read an SDL from the registry");
            None
        }
    }
}

impl Shared {
    /// A message of the feed: a put's record (already read), or a deleted key.
    fn apply(&self, entry: &kv::Entry, record: Option<InstanceRecord>) {
        let stamped = entry.created.unix_timestamp_nanos();
        if matches!(entry.operation, kv::Operation::Delete | kv::Operation::Purge) {
            self.state.lock().expect("registry lock").remove(&entry.key);
        }
        self.heard(stamped, record);
    }

    /// The feed carried a message stamped `stamped`, putting `record` if any.
    fn heard(&self, stamped: i128, record: Option<InstanceRecord>) {
        let joined = {
            let mut state = self.state.lock().expect("registry lock");
            state.feed_time = state.feed_time.max(stamped);
            record.is_some_and(|record| state.seen(record, stamped))
        };
        if joined {
            self.joined.notify_waiters();
        }
    }
}

impl State {
    /// Records a put; true when it is a new instance's first.
    fn seen(&mut self, record: InstanceRecord, stamped: i128) -> bool {
        if self.left.contains_key(&record.instance_id) {
            return false;
        }
        let group = self.by_subgraph.entry(record.name.clone()).or_default();
        match group
            .instances
            .binary_search_by(|seen| seen.record.instance_id.cmp(&record.instance_id))
        {
            Ok(at) => {
                group.instances[at] = Seen { record, stamped };
                false
            }
            Err(at) => {
                tracing::info!(subgraph = record.name, url = record.url, "instance joined");
                group.instances.insert(at, Seen { record, stamped });
                true
            }
        }
    }

    /// A deleted key: `<subgraph>.<instance id>`.
    fn remove(&mut self, key: &str) {
        let Some((subgraph, instance_id)) = key.split_once('.') else {
            return;
        };
        let now = Instant::now();
        self.left
            .retain(|_, when| now.duration_since(*when) < REMEMBER_LEFT);
        self.left.insert(instance_id.to_string(), now);
        if let Some(group) = self.by_subgraph.get_mut(subgraph) {
            group.instances.retain(|seen| {
                let keep = seen.record.instance_id != instance_id;
                if !keep {
                    tracing::info!(subgraph, url = seen.record.url, "instance left");
                }
                keep
            });
        }
    }

    /// Drops instances whose last put is [`STALE_AFTER`] older than the newest the feed
    /// carried.
    fn prune(&mut self) {
        let stale_after = STALE_AFTER.as_nanos() as i128;
        let feed_time = self.feed_time;
        for (subgraph, group) in &mut self.by_subgraph {
            group.instances.retain(|seen| {
                let live = feed_time - seen.stamped < stale_after;
                if !live {
                    tracing::info!(
                        subgraph,
                        url = seen.record.url,
                        "instance missed its heartbeats; out"
                    );
                }
                live
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: i128 = 1_000_000_000;

    fn record(name: &str, id: &str) -> InstanceRecord {
        InstanceRecord {
            instance_id: id.to_string(),
            ..InstanceRecord::new(name, &format!("http://{id}/graphql"), String::new(), "0")
        }
    }

    fn view_of(state: State) -> RegistryView {
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            joined: Default::default(),
        });
        RegistryView {
            shared,
            follow: tokio::spawn(async {}),
        }
    }

    fn put(state: &mut State, name: &str, id: &str, at: i128) {
        state.feed_time = state.feed_time.max(at);
        state.seen(record(name, id), at);
    }

    #[tokio::test(start_paused = true)]
    async fn a_caller_waits_a_moment_for_an_instance_to_join_and_no_longer() {
        let view = Arc::new(view_of(State::default()));
        let waiting = tokio::spawn({
            let view = view.clone();
            async move {
                let started = tokio::time::Instant::now();
                let picked = view.pick_within("cart", None, None, Duration::from_secs(2)).await;
                (picked.map(|i| i.instance_id), started.elapsed())
            }
        });
        tokio::time::sleep(Duration::from_millis(300)).await;
        // Another subgraph joining does not end the wait.
        view.shared.heard(SECOND, Some(record("orders", "o")));
        tokio::time::sleep(Duration::from_millis(300)).await;
        view.shared.heard(SECOND, Some(record("cart", "c")));
        let (picked, waited) = waiting.await.unwrap();
        assert_eq!(picked.as_deref(), Some("c"));
        assert_eq!(waited, Duration::from_millis(600));
        // Nobody joins: no instance after the wait, not before.
        let started = tokio::time::Instant::now();
        let none = view
            .pick_within("shops", None, None, Duration::from_secs(2))
            .await;
        assert_eq!((none, started.elapsed()), (None, Duration::from_secs(2)));
        // One is there: no wait at all.
        let started = tokio::time::Instant::now();
        assert!(view
            .pick_within("cart", None, None, Duration::from_secs(2))
            .await
            .is_some());
        assert_eq!(started.elapsed(), Duration::ZERO);
    }

    #[tokio::test]
    async fn picks_take_turns_and_skip_the_failed_and_the_down() {
        let mut state = State::default();
        put(&mut state, "catalog", "b", SECOND);
        put(&mut state, "catalog", "a", SECOND);
        let view = view_of(state);
        let ids: Vec<String> = (0..4)
            .map(|_| view.pick("catalog", None).unwrap().instance_id)
            .collect();
        assert_eq!(ids, ["a", "b", "a", "b"]);
        assert_eq!(view.pick("catalog", Some("a")).unwrap().instance_id, "b");
        assert_eq!(view.pick("catalog", Some("b")).unwrap().instance_id, "a");
        view.mark_down("a");
        assert_eq!(view.pick("catalog", None).unwrap().instance_id, "b");
        assert_eq!(view.pick("catalog", None).unwrap().instance_id, "b");
        // Down, but the only one left besides the failed one: still worth a try.
        assert_eq!(view.pick("catalog", Some("b")).unwrap().instance_id, "a");
        assert_eq!(view.pick("orders", None), None);
    }

    #[tokio::test]
    async fn an_instance_is_out_once_the_feed_runs_three_seconds_past_its_last_beat() {
        let mut state = State::default();
        put(&mut state, "catalog", "dead", 10 * SECOND);
        put(&mut state, "orders", "alive", 10 * SECOND);
        // Silence: nothing expires, however long it lasts.
        let view = view_of(state);
        assert_eq!(view.instances("catalog").len(), 1);
        {
            let mut state = view.shared.state.lock().unwrap();
            put(&mut state, "orders", "alive", 12 * SECOND);
        }
        assert_eq!(view.instances("catalog").len(), 1, "2 s without a beat");
        {
            let mut state = view.shared.state.lock().unwrap();
            put(&mut state, "orders", "alive", 13 * SECOND);
        }
        assert!(view.instances("catalog").is_empty(), "3 s without a beat");
        assert_eq!(view.instances("orders").len(), 1);
    }

    #[tokio::test]
    async fn picks_prefer_instances_of_the_schema_in_use_while_one_is_live() {
        let with_hash = |id: &str, hash: &str| InstanceRecord {
            sdl_hash: hash.to_string(),
            ..record("catalog", id)
        };
        let view = RegistryView::of(vec![with_hash("old", "h1"), with_hash("new", "h2")]);
        for _ in 0..3 {
            let picked = view.pick_serving("catalog", None, Some("h2")).unwrap();
            assert_eq!(picked.instance_id, "new");
        }
        // Not live, or not known: any instance will do.
        assert_eq!(
            view.pick_serving("catalog", Some("new"), Some("h2"))
                .unwrap()
                .instance_id,
            "old"
        );
        let ids: Vec<String> = (0..2)
            .map(|_| {
                view.pick_serving("catalog", None, Some("h9"))
                    .unwrap()
                    .instance_id
            })
            .collect();
        assert_eq!(ids.len(), 2);
        assert_ne!(ids[0], ids[1]);
    }

    #[tokio::test]
    async fn a_heartbeat_arriving_after_the_delete_does_not_bring_the_instance_back() {
        let mut state = State::default();
        put(&mut state, "shops", "old", SECOND);
        put(&mut state, "shops", "new", SECOND);
        state.remove("shops.old");
        put(&mut state, "shops", "old", 2 * SECOND);
        let view = view_of(state);
        let live: Vec<String> = view
            .instances("shops")
            .into_iter()
            .map(|r| r.instance_id)
            .collect();
        assert_eq!(live, ["new"]);
    }

    #[tokio::test]
    async fn a_deleted_key_is_out_at_once() {
        let mut state = State::default();
        put(&mut state, "catalog", "a", SECOND);
        put(&mut state, "catalog", "b", SECOND);
        state.remove("catalog.a");
        let view = view_of(state);
        let left: Vec<String> = view
            .instances("catalog")
            .into_iter()
            .map(|r| r.instance_id)
            .collect();
        assert_eq!(left, ["b"]);
    }
}
