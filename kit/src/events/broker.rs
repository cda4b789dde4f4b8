//! NATS JetStream as the event bus between processes.
//!
//! One stream per deployment (`VITRINE_EVENTS_NAMESPACE`, default `vitrine`: stream `VITRINE`,
//! subjects `vitrine.<topic>`, kept seven days on disk). A relay publishes each run of
//! consecutive outbox events on one topic as one message ([`super::envelope`]; a lone event
//! as itself), the next once JetStream stored the last, with the event id (or the run's ids)
//! as `Nats-Msg-Id`, so a republish after a crash is dropped by JetStream's duplicate window,
//! and marks the events published only once JetStream acknowledged them; while NATS is down,
//! events simply wait in the outbox.
//!
//! Each subgraph has one durable pull consumer per publisher it follows
//! (`vitrine-<subgraph>-<publisher>`, shared by its replicas; topics are `<publisher>.<event>`, so
//! its filter is `vitrine.<publisher>.>`), read by one replica at a time, the holder of its lease
//! ([`super::lease`]). The consumer hands over up to [`IN_FLIGHT`] messages ahead; the reader
//! handles their events in order, so the subscribers see each publisher's events in that
//! publisher's outbox order, as in process, and acknowledges a message only after every subscriber
//! of the subgraph handled each of its events (their own transactions committed). Events held
//! together whose subscribers can share a transaction go in one (`super::together`). A failing
//! event is retried in place, ahead of the ones behind it; a redelivery (after a crash or a lost
//! acknowledgement) is made harmless by [`super::handle_once`]. Events of the publisher's other
//! topics are acknowledged at once. Order across publishers was never promised (in process, each
//! outbox's relay runs on its own too). With one event in flight at a time each one waited for the
//! last one's acknowledgement to travel to NATS and the next event back: with 5 000 orders followed
//! live a status change waited 1.7–2.1 s (docs/benchmarks.md, "Live orders").
//! A consumer made by an older version (`vitrine-<subgraph>`, the whole stream) hands over:
//! each new consumer starts after its acknowledgement floor, so an upgrade replays nothing.
//!
//! Live-only topics ([`LIVE_ONLY`]: courier positions) go to subjects of their own in the same
//! stream, `vitrine_live.<topic>`, outside the durable consumers' filter: every consumer
//! receiving and acknowledging thousands of positions a second held up the events it does
//! handle by tens of seconds. Only the live feeds read them,
//! and each process's live feed reads only the topics its live fields follow.

use super::{envelope, Event, PublishStopped, Subscriber};
use crate::config::EventsConfig;
use crate::contracts::LIVE_ONLY;
use anyhow::Context;
use async_nats::jetstream::context::{ConsumerInfoError, ConsumerInfoErrorKind};
use async_nats::jetstream::{self, consumer, stream};
use futures::StreamExt;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long JetStream waits for an acknowledgement before redelivering. Short, so that an
/// acknowledgement lost with a NATS restart holds the stream up only briefly; handlers that
/// take longer, and the events held behind them, are kept with progress signals (see
/// `Broker::read`).
pub(crate) const ACK_WAIT: Duration = Duration::from_secs(4);
/// Messages (an event, or a run of them) a consumer hands over before the first is
/// acknowledged: the next ones are on their way while one is handled (with one, each event
/// waited for the last one's acknowledgement to reach NATS and the next to come back).
pub(crate) const IN_FLIGHT: i64 = 32;
/// How long a pull request waits at the server for events. Short: a reader that stops lets
/// its last request run out, and the next reader may have to wait for an abandoned one.
pub(crate) const PULL_EXPIRES: Duration = Duration::from_secs(2);

pub struct Broker {
    client: async_nats::Client,
    jetstream: jetstream::Context,
    namespace: String,
    /// Who this replica is, in the consumer leases it holds.
    holder: String,
    leases: tokio::sync::OnceCell<jetstream::kv::Store>,
    stopping: tokio::sync::watch::Sender<bool>,
    /// One clone per running consumer task, so that stopping can wait for them.
    reading: Arc<()>,
}

impl Broker {
    /// Connects (trying for up to 30 s, as processes often start beside their broker) and
    /// makes sure the stream exists.
    pub async fn connect(cfg: &EventsConfig) -> anyhow::Result<Broker> {
        let url = cfg.nats_url.as_deref().context("VITRINE_NATS_URL is not set")?;
        let mut attempt = 0;
        let client = loop {
            let options = async_nats::ConnectOptions::new()
                .name("vitrine")
                .connection_timeout(Duration::from_secs(5));
            match options.connect(url).await {
                Ok(client) => break client,
                Err(err) if attempt < 30 => {
                    attempt += 1;
                    tracing::warn!(url, error = %err, "NATS not reachable yet; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(err) => return Err(err).with_context(|| format!("connecting to NATS at {url}")),
            }
        };
        let broker = Broker {
            jetstream: jetstream::new(client.clone()),
            client,
            namespace: cfg.namespace.clone(),
            holder: crate::ids::new_id("reader"),
            leases: tokio::sync::OnceCell::new(),
            stopping: tokio::sync::watch::Sender::new(false),
            reading: Arc::new(()),
        };
        broker.ensure_stream().await?;
        Ok(broker)
    }

    /// The JetStream context, for the registry's bucket beside the stream.
    pub fn jetstream(&self) -> &jetstream::Context {
        &self.jetstream
    }

    /// The deployment's namespace (`VITRINE_EVENTS_NAMESPACE`).
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    fn stream_name(&self) -> String {
        stream_name(&self.namespace)
    }

    /// Events the deployment's durable consumers have yet to receive or acknowledge, summed:
    /// zero when every subgraph has handled everything published so far.
    pub async fn backlog(&self) -> anyhow::Result<u64> {
        let stream = self.ensure_stream().await?;
        let mut consumers = stream.consumers();
        let mut backlog = 0;
        while let Some(info) = consumers.next().await {
            let info = info.map_err(|e| anyhow::anyhow!("listing the event consumers: {e}"))?;
            if info.config.durable_name.is_some() {
                backlog += info.num_pending + info.num_ack_pending as u64;
            }
        }
        Ok(backlog)
    }

    fn subject(&self, topic: &str) -> String {
        if LIVE_ONLY.contains(&topic) {
            format!("{}.{topic}", self.live_prefix())
        } else {
            format!("{}.{topic}", self.namespace)
        }
    }

    /// Where live-only topics go: beside the durable consumers' `<namespace>.<publisher>.>` (and
    /// an older version's `<namespace>.>`), not under them.
    fn live_prefix(&self) -> String {
        format!("{}_live", self.namespace)
    }

    async fn ensure_stream(&self) -> anyhow::Result<stream::Stream> {
        let subjects = vec![
            format!("{}.>", self.namespace),
            format!("{}.>", self.live_prefix()),
        ];
        let mut stream = self
            .jetstream
            .get_or_create_stream(stream::Config {
                name: self.stream_name(),
                subjects: subjects.clone(),
                storage: stream::StorageType::File,
                max_age: Duration::from_secs(7 * 24 * 3600),
                duplicate_window: Duration::from_secs(120),
                ..Default::default()
            })
            .await
            .map_err(|e| anyhow::anyhow!("creating the JetStream stream {}: {e}", self.stream_name()))?;
        // A stream made before live-only subjects existed gains them.
        let mut config = stream.cached_info().config.clone();
        if subjects.iter().any(|s| !config.subjects.contains(s)) {
            config.subjects = subjects;
            self.jetstream
                .update_stream(&config)
                .await
                .map_err(|e| anyhow::anyhow!("updating the JetStream stream {}: {e}", self.stream_name()))?;
            stream =
                self.jetstream.get_stream(self.stream_name()).await.map_err(|e| {
                    anyhow::anyhow!("reading the JetStream stream {}: {e}", self.stream_name())
                })?;
        }
        Ok(stream)
    }

    /// Whether the connection to NATS is up (for readiness).
    pub fn is_connected(&self) -> bool {
        self.client.connection_state() == async_nats::connection::State::Connected
    }

    /// Publishes `event` and waits for JetStream to store it.
    pub async fn publish(&self, event: &Event) -> anyhow::Result<()> {
        self.publish_all(std::slice::from_ref(event))
            .await
            .map_err(|stopped| stopped.error)
    }

    /// Publishes `events` in order, each run of consecutive events on one topic in one message
    /// ([`super::envelope`]), each message once JetStream stored the one before.
    pub async fn publish_all(&self, events: &[Event]) -> Result<(), PublishStopped> {
        // Half the server's limit, with room to spare for the headers.
        let most_bytes = self.client.server_info().max_payload / 2;
        let envelopes =
            envelope::pack(events, most_bytes).map_err(|error| PublishStopped { published: 0, error })?;
        let mut published = 0;
        for envelope in envelopes {
            if let Err(error) = self.publish_envelope(&envelope).await {
                return Err(PublishStopped { published, error });
            }
            published += envelope.events;
        }
        Ok(())
    }

    async fn publish_envelope(&self, envelope: &envelope::Envelope) -> anyhow::Result<()> {
        let mut headers = async_nats::HeaderMap::new();
        headers.insert("Nats-Msg-Id", envelope.message_id.as_str());
        if envelope.events > 1 {
            headers.insert(envelope::EVENTS_HEADER, envelope.events.to_string().as_str());
        }
        let id = &envelope.message_id;
        let stored = self
            .jetstream
            .publish_with_headers(self.subject(&envelope.topic), headers, envelope.payload.clone())
            .await
            .map_err(|e| anyhow::anyhow!("publishing {id} to NATS: {e}"))?;
        stored
            .await
            .map_err(|e| anyhow::anyhow!("NATS did not store {id}: {e}"))?;
        Ok(())
    }

    /// Starts one durable consumer per subgraph and publisher among `subscribers` (topic →
    /// subscribers). Each reads while this replica holds its lease (see [`super::lease`]).
    pub fn consume(self: Arc<Self>, subscribers: HashMap<String, Vec<Subscriber>>) {
        for ((group, publisher), topics) in consumers_by_group_and_publisher(subscribers) {
            let broker = self.clone();
            let reading = self.reading.clone();
            tokio::spawn(async move {
                let _reading = reading;
                broker.follow(&group, &publisher, &topics).await;
            });
        }
    }

    /// Stops reading events and hands each consumer's lease on, so that another replica reads
    /// at once rather than after the lease expires: each consumer finishes the event in hand,
    /// lets its last pull request run out (up to [`PULL_EXPIRES`]), gives the rest back for
    /// redelivery, and releases. Returns once all have (or after `limit`).
    pub async fn stop_consuming(&self, limit: Duration) {
        self.stopping.send_replace(true);
        let all_done = async {
            while Arc::strong_count(&self.reading) > 1 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        };
        if tokio::time::timeout(limit, all_done).await.is_err() {
            tracing::warn!("event consumers still busy at exit; their leases will expire");
        }
    }

    /// Forwards each new event of `topics` to this process's live subscribers, through
    /// consumers of its own (ordered, not durable: a live feed starts from now). Only the
    /// topics the process's live fields read (see [`super::EventBus::read_live`]): every
    /// process reading every event made NATS copy each courier position to ten processes, most
    /// of which decoded it only to drop it. One consumer per topic, as NATS 2.9 filters on one
    /// subject; live hubs read state afresh after each event, so no order across topics is
    /// needed.
    pub fn feed_live(self: Arc<Self>, live: tokio::sync::broadcast::Sender<Event>, topics: Vec<String>) {
        for topic in topics {
            let (broker, live, subject) = (self.clone(), live.clone(), self.subject(&topic));
            tokio::spawn(async move {
                loop {
                    if let Err(err) = broker.run_live(&live, &subject).await {
                        tracing::warn!(subject, error = %err, "live event feed stopped; restarting");
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            });
        }
    }

    async fn run_live(
        &self,
        live: &tokio::sync::broadcast::Sender<Event>,
        subject: &str,
    ) -> anyhow::Result<()> {
        let stream = self.ensure_stream().await?;
        let consumer = stream
            .create_consumer(consumer::pull::OrderedConfig {
                filter_subject: subject.to_string(),
                deliver_policy: consumer::DeliverPolicy::New,
                ..Default::default()
            })
            .await
            .map_err(|e| anyhow::anyhow!("creating the live feed of {subject}: {e}"))?;
        let mut messages = consumer
            .messages()
            .await
            .map_err(|e| anyhow::anyhow!("pulling the live feed of {subject}: {e}"))?;
        while let Some(message) = messages.next().await {
            let message = message.map_err(|e| anyhow::anyhow!("live feed of {subject}: {e}"))?;
            for event in envelope::open(message.headers.as_ref(), &message.payload).unwrap_or_default() {
                let _ = live.send(event);
            }
        }
        Ok(())
    }

    /// The name of `group`'s durable consumer of `publisher`.
    pub(super) fn durable_name(&self, group: &str, publisher: &str) -> String {
        format!("{}-{group}-{publisher}", self.namespace)
    }

    /// The durable consumer `durable` of `publisher`'s subjects, made if missing. A new one
    /// starts where `group`'s consumer of an older version (the whole stream) had
    /// acknowledged up to, or at the stream's start when there is none. Replicas starting
    /// together may race to make it: the loser takes the winner's.
    async fn durable_consumer(
        &self,
        stream: &stream::Stream,
        durable: &str,
        group: &str,
        publisher: &str,
    ) -> anyhow::Result<consumer::PullConsumer> {
        if let Some(mut existing) = existing_consumer(stream, durable).await? {
            let info = existing
                .info()
                .await
                .map_err(|e| anyhow::anyhow!("reading consumer {durable}: {e}"))?;
            if info.config.max_ack_pending == IN_FLIGHT {
                return Ok(existing);
            }
            // Made by a version that handed over one event at a time.
            let mut config = info.config.clone();
            config.max_ack_pending = IN_FLIGHT;
            stream
                .create_consumer(config)
                .await
                .map_err(|e| anyhow::anyhow!("updating consumer {durable}: {e}"))?;
            return existing_consumer(stream, durable)
                .await?
                .ok_or_else(|| anyhow::anyhow!("consumer {durable} vanished"));
        }
        let superseded = format!("{}-{group}", self.namespace);
        let deliver_policy = match stream.consumer_info(&superseded).await {
            Ok(old) => consumer::DeliverPolicy::ByStartSequence {
                start_sequence: old.ack_floor.stream_sequence + 1,
            },
            Err(err) if err.kind() == ConsumerInfoErrorKind::NotFound => consumer::DeliverPolicy::All,
            Err(err) => return Err(anyhow::anyhow!("reading consumer {superseded}: {err}")),
        };
        let config = consumer::pull::Config {
            durable_name: Some(durable.to_string()),
            filter_subject: publisher_subjects(&self.namespace, publisher),
            ack_policy: consumer::AckPolicy::Explicit,
            deliver_policy,
            ack_wait: ACK_WAIT,
            max_ack_pending: IN_FLIGHT,
            ..Default::default()
        };
        match stream.create_consumer(config).await {
            Ok(made) => Ok(made),
            Err(err) => existing_consumer(stream, durable)
                .await?
                .ok_or_else(|| anyhow::anyhow!("creating consumer {durable}: {err}")),
        }
    }
}

/// Deletes what `namespace` keeps on the NATS server: its stream and its buckets. Tests and
/// benchmarks, each on a namespace of its own, clean up with it; otherwise every run would
/// leave its stream on the server's disk. Returns how many there were.
pub async fn forget_namespace(jetstream: &jetstream::Context, namespace: &str) -> anyhow::Result<usize> {
    let buckets = [
        crate::registry::bucket_name(namespace),
        crate::registry::schemas_bucket_name(namespace),
        crate::settings::bucket_name(namespace),
        super::lease::bucket_name(namespace),
    ];
    let mut streams = vec![stream_name(namespace)];
    streams.extend(buckets.iter().map(|bucket| crate::kv::stream_name(bucket)));
    let mut deleted = 0;
    for name in streams {
        match jetstream.delete_stream(&name).await {
            Ok(_) => deleted += 1,
            // Not there (say, the registry was never used).
            Err(err)
                if matches!(
                    err.kind(),
                    jetstream::context::DeleteStreamErrorKind::JetStream(_)
                ) => {}
            Err(err) => return Err(anyhow::anyhow!("deleting the stream {name}: {err}")),
        }
    }
    Ok(deleted)
}

/// The stream of `namespace`'s events.
fn stream_name(namespace: &str) -> String {
    namespace.to_ascii_uppercase().replace('-', "_")
}

/// The durable consumer `durable` of `stream`, if it exists.
async fn existing_consumer(
    stream: &stream::Stream,
    durable: &str,
) -> anyhow::Result<Option<consumer::PullConsumer>> {
    match stream.get_consumer(durable).await {
        Ok(existing) => Ok(Some(existing)),
        Err(err)
            if err
                .downcast_ref::<ConsumerInfoError>()
                .is_some_and(|e| e.kind() == ConsumerInfoErrorKind::NotFound) =>
        {
            Ok(None)
        }
        Err(err) => Err(anyhow::anyhow!("reading consumer {durable}: {err}")),
    }
}

/// What one durable consumer serves: topic → the subgraph's subscribers of it.
type ConsumerTopics = HashMap<String, Vec<Subscriber>>;

/// `subscribers` (topic → subscribers) as (subgraph, publisher) → what that consumer serves.
fn consumers_by_group_and_publisher(
    subscribers: HashMap<String, Vec<Subscriber>>,
) -> HashMap<(String, String), ConsumerTopics> {
    let mut consumers: HashMap<(String, String), ConsumerTopics> = HashMap::new();
    for (topic, list) in subscribers {
        for subscriber in list {
            consumers
                .entry((subscriber.group().to_string(), publisher_of(&topic).to_string()))
                .or_default()
                .entry(topic.clone())
                .or_default()
                .push(subscriber);
        }
    }
    consumers
}

/// Who publishes `topic`: topics are named `<publisher>.<event>` (see `contracts`).
fn publisher_of(topic: &str) -> &str {
    topic.split_once('.').map_or(topic, |(publisher, _)| publisher)
}

/// The stream subjects of `publisher`'s events.
fn publisher_subjects(namespace: &str, publisher: &str) -> String {
    format!("{namespace}.{publisher}.>")
}

/// Reading a durable consumer while holding its lease.
#[path = "reader.rs"]
mod reader;

#[cfg(test)]
#[path = "broker_tests.rs"]
mod tests;
