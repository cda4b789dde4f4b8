//! Where the subgraph instances of a deployment are: each subgraph process registers itself in
//! a JetStream key-value bucket (`<namespace>_instances`, key `<subgraph>.<instance id>`) and
//! puts its record again every [`HEARTBEAT`]; it deletes its key when it shuts down. Whoever
//! needs an instance (peers, the router) keeps a [`RegistryView`] of the bucket.
//!
//! An instance's SDL (3–10 KB, 70 KB for one instance of each subgraph) does not ride on every
//! heartbeat, which every view receives and decodes each second: it is put under its hash in a
//! second bucket (`<namespace>_schemas`), and a view fetches each hash once.
//!
//! The bucket's `max_age` only collects keys of processes that died without deleting them: the
//! NATS server this runs on (2.9) sends no watch event when a value expires, so liveness is
//! judged by the view from the heartbeats it sees (see [`view`]).

/// The live instances as one process sees them.
pub mod view;

pub use view::{Instance, RegistryView};

use anyhow::Context;
use async_nats::jetstream::{self, kv};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use std::time::Duration;

/// How often an instance puts its record again.
pub const HEARTBEAT: Duration = Duration::from_secs(1);
/// An instance whose heartbeat has not been seen for this long is out: three missed beats, so
/// a dead instance is out within 3 s of its last beat plus the time the view takes to notice.
pub const STALE_AFTER: Duration = Duration::from_secs(3);
/// How long a call waits for an instance of a subgraph none of whose instances is live: two
/// beats, the gap a rolling restart or an instance back from a database outage leaves.
pub const JOIN_WAIT: Duration = Duration::from_secs(2);
/// Keys of crashed processes disappear from the bucket after this (garbage collection only).
const KEEP_FOR: Duration = Duration::from_secs(15);
/// An instance puts its SDL again every this many heartbeats, so that a NATS server that lost
/// its buckets (they are in memory) has it back within half a minute (tests: two seconds).
const SCHEMA_EVERY: u32 = if cfg!(test) { 2 } else { 30 };
/// SDLs no instance has put again for this long go (well past [`SCHEMA_EVERY`] beats).
const KEEP_SCHEMAS_FOR: Duration = Duration::from_secs(300);

/// One running subgraph process, as it registers itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceRecord {
    /// The subgraph (`catalog`, `orders`, …).
    pub name: String,
    /// Unique per process start.
    pub instance_id: String,
    /// Its `/graphql` URL, as others reach it.
    pub url: String,
    /// Its federation SDL, for a router that composes the supergraph itself. Not part of the
    /// heartbeat: a view fills it in from the schemas bucket by `sdl_hash`, and leaves it
    /// empty while the SDL is not to be found there.
    #[serde(default, skip_serializing)]
    pub sdl: Arc<str>,
    /// SHA-256 of `sdl`, hex: an SDL change is seen without comparing whole schemas.
    pub sdl_hash: String,
    /// The `vitrine` version it runs.
    pub version: String,
    /// RFC 3339, UTC.
    pub started_at: String,
}

impl InstanceRecord {
    /// A record for a process starting now, with a fresh instance id.
    pub fn new(name: &str, url: &str, sdl: String, version: &str) -> InstanceRecord {
        InstanceRecord {
            name: name.to_string(),
            instance_id: uuid::Uuid::new_v4().simple().to_string(),
            url: url.to_string(),
            sdl_hash: sdl_hash(&sdl),
            sdl: sdl.into(),
            version: version.to_string(),
            started_at: chrono::Utc::now().to_rfc3339(),
        }
    }

    /// Its key in the bucket.
    pub fn key(&self) -> String {
        format!("{}.{}", self.name, self.instance_id)
    }
}

/// SHA-256 of an SDL, lowercase hex.
pub fn sdl_hash(sdl: &str) -> String {
    Sha256::digest(sdl.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A namespace's registry: the instances' heartbeats and, by hash, their SDLs.
#[derive(Clone)]
pub struct Bucket {
    instances: kv::Store,
    schemas: kv::Store,
}

/// The name of a namespace's bucket (namespaces are already restricted to letters, digits,
/// `_` and `-`, which bucket names accept).
pub fn bucket_name(namespace: &str) -> String {
    format!("{namespace}_instances")
}

/// The name of the bucket of a namespace's SDLs, keyed by hash.
pub fn schemas_bucket_name(namespace: &str) -> String {
    format!("{namespace}_schemas")
}

/// Opens the namespace's buckets, creating them if needed. In memory: the heartbeats rebuild
/// the registry within a second (the SDLs within [`SCHEMA_EVERY`] beats), so a NATS restart
/// loses nothing worth a disk write a second.
pub async fn open_bucket(jetstream: &jetstream::Context, namespace: &str) -> anyhow::Result<Bucket> {
    let instances = crate::kv::BucketSpec {
        name: &bucket_name(namespace),
        description: "Vitrine subgraph instances (heartbeats)",
        storage: jetstream::stream::StorageType::Memory,
        keep_for: Some(KEEP_FOR),
    };
    let schemas = crate::kv::BucketSpec {
        name: &schemas_bucket_name(namespace),
        description: "Vitrine subgraph SDLs by SHA-256",
        storage: jetstream::stream::StorageType::Memory,
        keep_for: Some(KEEP_SCHEMAS_FOR),
    };
    Ok(Bucket {
        instances: crate::kv::open(jetstream, instances).await?,
        schemas: crate::kv::open(jetstream, schemas).await?,
    })
}

/// Connects to NATS at `url` and opens `namespace`'s bucket, for a process without an event
/// broker of its own (tools, tests). The JetStream context comes along, e.g. to delete the
/// bucket after a test.
pub async fn connect(url: &str, namespace: &str) -> anyhow::Result<(jetstream::Context, Bucket)> {
    let jetstream = crate::kv::connect(url).await?;
    let bucket = open_bucket(&jetstream, namespace).await?;
    Ok((jetstream, bucket))
}

/// This process's entry in the registry, kept alive by a heartbeat task that ends with it.
pub struct Registration {
    store: Bucket,
    key: String,
    heartbeat: tokio::task::JoinHandle<()>,
}

/// Whether this process can serve (its databases answer): asked before each heartbeat.
pub type Health = std::sync::Arc<dyn Fn() -> futures::future::BoxFuture<'static, bool> + Send + Sync>;

impl Registration {
    /// Puts `record` (an error here means NATS refused it: the caller decides whether to run
    /// unregistered) and keeps putting it every [`HEARTBEAT`].
    pub async fn start(store: Bucket, record: &InstanceRecord) -> anyhow::Result<Registration> {
        Registration::start_checked(store, record, std::sync::Arc::new(|| Box::pin(async { true }))).await
    }

    /// [`Registration::start`], beating only while `healthy` says so: an instance that cannot
    /// serve (say its database is unreachable) stops beating and is out of every view within
    /// [`STALE_AFTER`], and back at its first beat once it can serve again.
    pub async fn start_checked(
        store: Bucket,
        record: &InstanceRecord,
        healthy: Health,
    ) -> anyhow::Result<Registration> {
        let key = record.key();
        let value: bytes::Bytes = serde_json::to_vec(record)?.into();
        // The SDL first: a view that sees the record looks it up.
        let (hash, sdl) = (
            record.sdl_hash.clone(),
            bytes::Bytes::from(record.sdl.to_string()),
        );
        store
            .schemas
            .put(&hash, sdl.clone())
            .await
            .with_context(|| format!("registering the SDL of {key}"))?;
        store
            .instances
            .put(&key, value.clone())
            .await
            .with_context(|| format!("registering {key}"))?;
        let heartbeat = {
            let (store, key) = (store.clone(), key.clone());
            tokio::spawn(async move {
                let mut ticker = tokio::time::interval(HEARTBEAT);
                ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                ticker.tick().await;
                let mut was_healthy = true;
                let mut schema = SchemaPuts::default();
                loop {
                    ticker.tick().await;
                    let is_healthy = healthy().await;
                    if is_healthy != was_healthy {
                        if is_healthy {
                            tracing::info!(key, "healthy again: back in the registry");
                        } else {
                            tracing::warn!(key, "not healthy: heartbeats stop until it is");
                        }
                        was_healthy = is_healthy;
                    }
                    if !is_healthy {
                        schema.pause();
                        continue;
                    }
                    if schema.due() {
                        match store.schemas.put(&hash, sdl.clone()).await {
                            Ok(_) => schema.put(),
                            Err(err) => {
                                tracing::warn!(key, error = %err, "putting the SDL again failed; will retry");
                            }
                        }
                    }
                    // A missed beat or two while NATS is away is fine: views keep what they
                    // know while their feed is silent (see `view`).
                    if let Err(err) = store.instances.put(&key, value.clone()).await {
                        tracing::warn!(key, error = %err, "registry heartbeat failed; will retry");
                        // NATS may be back without its buckets (they are in memory).
                        schema.pause();
                    }
                }
            })
        };
        Ok(Registration {
            store,
            key,
            heartbeat,
        })
    }

    /// Stops the heartbeat and deletes the key, so views drop this instance at once rather
    /// than after [`STALE_AFTER`].
    pub async fn stop(mut self) -> anyhow::Result<()> {
        // Wait for the heartbeat to be gone: a put it had already sent then reaches NATS before
        // the delete, not after it (which would bring this instance back to life for 3 s).
        self.heartbeat.abort();
        let _ = (&mut self.heartbeat).await;
        self.store
            .instances
            .delete(&self.key)
            .await
            .with_context(|| format!("deregistering {}", self.key))
    }
}

/// When a heartbeat puts the SDL again before its record: every [`SCHEMA_EVERY`] beats; at the
/// first beat after a pause (the instance was unhealthy, maybe for longer than the schemas
/// bucket keeps an SDL, and views that started meanwhile have never seen it, or its heartbeat
/// failed, NATS maybe restarting without its buckets); and at every beat after a put that
/// failed, until one succeeds.
#[derive(Debug, Default)]
struct SchemaPuts {
    /// Beats since the last put that succeeded (the first is the registration's own).
    since_put: u32,
}

impl SchemaPuts {
    /// Whether this beat puts the SDL (counts the beat).
    fn due(&mut self) -> bool {
        self.since_put = self.since_put.saturating_add(1);
        self.since_put >= SCHEMA_EVERY
    }

    fn put(&mut self) {
        self.since_put = 0;
    }

    /// The instance stopped beating: its next beat puts the SDL.
    fn pause(&mut self) {
        self.since_put = SCHEMA_EVERY;
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        self.heartbeat.abort();
    }
}

#[cfg(test)]
mod tests;
