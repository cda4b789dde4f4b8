//! JetStream key-value buckets as Vitrine keeps them (the registry, the shared settings).
//!
//! A bucket's stream is created here rather than by async-nats's `create_key_value`, which
//! first asks for the account's limits in a form NATS 2.9 does not answer ("data did not match
//! any variant"); the settings are those async-nats gives a bucket.

use anyhow::Context;
use async_nats::jetstream::{self, kv};
use std::time::Duration;

/// What a bucket is for and how long it keeps what it is given.
pub struct BucketSpec<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub storage: jetstream::stream::StorageType,
    /// Values older than this go (garbage collection); `None`: kept.
    pub keep_for: Option<Duration>,
}

/// The JetStream stream that holds `bucket`.
pub fn stream_name(bucket: &str) -> String {
    format!("KV_{bucket}")
}

/// Opens the bucket, creating it if needed.
pub async fn open(jetstream: &jetstream::Context, spec: BucketSpec<'_>) -> anyhow::Result<kv::Store> {
    let bucket = spec.name;
    let keep_for = spec.keep_for.unwrap_or_default();
    jetstream
        .get_or_create_stream(jetstream::stream::Config {
            name: stream_name(bucket),
            description: Some(spec.description.into()),
            subjects: vec![format!("$KV.{bucket}.>")],
            max_messages_per_subject: 1,
            max_age: keep_for,
            duplicate_window: keep_for,
            storage: spec.storage,
            allow_rollup: true,
            deny_delete: true,
            allow_direct: true,
            discard: jetstream::stream::DiscardPolicy::New,
            num_replicas: 1,
            ..Default::default()
        })
        .await
        .map_err(|e| anyhow::anyhow!("creating the bucket {bucket}: {e}"))?;
    jetstream
        .get_key_value(bucket)
        .await
        .with_context(|| format!("opening the bucket {bucket}"))
}

/// A JetStream context on NATS at `url`, for a process without an event broker of its own
/// (tools, tests).
pub async fn connect(url: &str) -> anyhow::Result<jetstream::Context> {
    let client = async_nats::connect(url)
        .await
        .with_context(|| format!("connecting to NATS at {url}"))?;
    Ok(jetstream::new(client))
}
