//! NATS JetStream as the event bus between processes.
//!
//! One stream per deployment (`VITRINE_EVENTS_NAMESPACE`, default `vitrine`: stream `VITRINE`,
//! subjects `vitrine.<topic>`, kept seven days on disk). A relay publishes each outbox event
//! with its event id as `Nats-Msg-Id`, so a republish after a crash is dropped by JetStream's
//! duplicate window, and marks it published only once JetStream acknowledged it; while NATS is
//! down, events simply wait in the outbox.
//!
//! Each subgraph has one durable pull consumer per publisher it follows
//! (`vitrine-<subgraph>-<publisher>`, shared by its replicas; topics are `<publisher>.<event>`,
//! so its filter is `vitrine.<publisher>.>`), with one unacknowledged message at a time: its
//! subscribers see each publisher's events in that publisher's outbox order, as in process,
//! and an event is acknowledged only after every subscriber of the subgraph handled it (their
//! own transactions committed). A failure is negatively acknowledged and redelivered;
//! [`super::handle_once`] makes the redelivery harmless. Events of the publisher's other
//! topics are acknowledged at once. Order across publishers was never promised (in process,
//! each outbox's relay runs on its own too), and one consumer over the whole stream made every
//! subgraph receive and acknowledge every event of every publisher one by one: with 5 000
//! orders followed live, a status change waited 12–16 s behind events nobody there handled
//! (3–5 s since; docs/benchmarks.md, "Live orders").
//! A consumer made by an older version (`vitrine-<subgraph>`, the whole stream) hands over:
//! each new consumer starts after its acknowledgement floor, so an upgrade replays nothing.
//!
//! Live-only topics ([`LIVE_ONLY`]: courier positions) go to subjects of their own in the same
//! stream, `vitrine_live.<topic>`, outside the durable consumers' filter: with one message in
//! flight at a time, every consumer receiving and acknowledging thousands of positions a
//! second held up the events it does handle by tens of seconds. Only the live feeds read them,
//! and each process's live feed reads only the topics its live fields follow.

use super::{Event, Subscriber};
use crate::config::EventsConfig;
use crate::contracts::LIVE_ONLY;
use anyhow::Context;
use async_nats::jetstream::context::{ConsumerInfoError, ConsumerInfoErrorKind};
use async_nats::jetstream::{self, consumer, stream, AckKind};
use futures::StreamExt;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long JetStream waits for an acknowledgement before redelivering. Short, so that an
/// acknowledgement lost with a NATS restart holds the stream up only briefly; handlers that
/// take longer keep their event with progress signals (see `handle`).
const ACK_WAIT: Duration = Duration::from_secs(4);
/// Delay before a failed event is delivered again.
const RETRY_AFTER: Duration = Duration::from_millis(500);

pub struct Broker {
    client: async_nats::Client,
    jetstream: jetstream::Context,
    namespace: String,
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
        let mut headers = async_nats::HeaderMap::new();
        headers.insert("Nats-Msg-Id", event.id.as_str());
        let payload = serde_json::to_vec(event)?;
        let stored = self
            .jetstream
            .publish_with_headers(self.subject(&event.topic), headers, payload.into())
            .await
            .map_err(|e| anyhow::anyhow!("publishing {} to NATS: {e}", event.id))?;
        stored
            .await
            .map_err(|e| anyhow::anyhow!("NATS did not store {}: {e}", event.id))?;
        Ok(())
    }

    /// Starts one durable consumer per subgraph and publisher among `subscribers` (topic →
    /// subscribers).
    pub fn consume(self: Arc<Self>, subscribers: HashMap<String, Vec<Subscriber>>) {
        for ((group, publisher), topics) in consumers_by_group_and_publisher(subscribers) {
            let broker = self.clone();
            tokio::spawn(async move {
                loop {
                    if let Err(err) = broker.run_consumer(&group, &publisher, &topics).await {
                        tracing::warn!(group, publisher, error = %err, "event consumer stopped; restarting");
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            });
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
            if let Ok(event) = serde_json::from_slice::<Event>(&message.payload) {
                let _ = live.send(event);
            }
        }
        Ok(())
    }

    async fn run_consumer(
        &self,
        group: &str,
        publisher: &str,
        topics: &ConsumerTopics,
    ) -> anyhow::Result<()> {
        let stream = self.ensure_stream().await?;
        let durable = format!("{}-{group}-{publisher}", self.namespace);
        let consumer = self.durable_consumer(&stream, &durable, group, publisher).await?;
        // Short pulls with a heartbeat: after NATS restarts, a pull it forgot is noticed (a
        // missed heartbeat ends the stream and the loop pulls again) within seconds.
        let mut messages = consumer
            .stream()
            .max_messages_per_batch(10)
            .expires(Duration::from_secs(4))
            .heartbeat(Duration::from_secs(1))
            .messages()
            .await
            .map_err(|e| anyhow::anyhow!("pulling for {durable}: {e}"))?;
        let prefix = format!("{}.", self.namespace);
        while let Some(message) = messages.next().await {
            let message = message.map_err(|e| anyhow::anyhow!("receiving for {durable}: {e}"))?;
            let topic = message.subject.as_str().strip_prefix(&prefix).unwrap_or_default();
            let Some(subscribers) = topics.get(topic) else {
                ack(&message, AckKind::Ack).await;
                continue;
            };
            let event: Event = match serde_json::from_slice(&message.payload) {
                Ok(event) => event,
                Err(err) => {
                    // Retrying cannot fix it; terminate it rather than block the stream.
                    tracing::error!(group, topic, error = %err, "undecodable event dropped");
                    ack(&message, AckKind::Term).await;
                    continue;
                }
            };
            match handle(&message, subscribers, &event).await {
                Ok(()) => ack(&message, AckKind::Ack).await,
                Err(err) => {
                    tracing::warn!(group, event_id = %event.id, error = %err, "event handler failed; redelivering");
                    ack(&message, AckKind::Nak(Some(RETRY_AFTER))).await;
                }
            }
        }
        Ok(())
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
        if let Some(existing) = existing_consumer(stream, durable).await? {
            return Ok(existing);
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
            // In order, one at a time: the next event waits until this one is handled.
            max_ack_pending: 1,
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
        crate::settings::bucket_name(namespace),
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

/// Runs the subscribers in order, telling JetStream "still working" meanwhile so a slow
/// handler is not raced by a redelivery of its own event.
async fn handle(
    message: &jetstream::Message,
    subscribers: &[Subscriber],
    event: &Event,
) -> anyhow::Result<()> {
    let run = async {
        for subscriber in subscribers {
            (subscriber.handler)(event.clone()).await?;
        }
        anyhow::Ok(())
    };
    tokio::pin!(run);
    let mut progress = tokio::time::interval(ACK_WAIT / 2);
    progress.tick().await;
    loop {
        tokio::select! {
            outcome = &mut run => return outcome,
            _ = progress.tick() => ack(message, AckKind::Progress).await,
        }
    }
}

/// An acknowledgement that does not arrive (NATS just went away) means redelivery after
/// `ACK_WAIT`, which the handlers' idempotency absorbs.
async fn ack(message: &jetstream::Message, kind: AckKind) {
    if let Err(err) = message.ack_with(kind).await {
        tracing::warn!(error = %err, "acknowledging an event failed; it will come again");
    }
}

#[cfg(test)]
#[path = "broker_tests.rs"]
mod tests;
