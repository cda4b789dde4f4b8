//! Domain events through a transactional outbox. A subgraph writes its events into its own
//! `outbox` table in the same transaction as the state change ([`enqueue`]); a relay publishes
//! them in order and marks them published only once every subscriber has handled them; a
//! subscriber records each event id it handled in `processed_event` in the same transaction as
//! its own changes ([`handle_once`]), so redelivery after a crash is harmless. A crash therefore
//! loses nothing: unpublished rows are picked up again when the relay restarts.
//!
//! Without a broker, [`EventBus`] delivers in process: the relay calls the subscribers
//! directly. With one (`VITRINE_NATS_URL`, see [`broker`]) the relay publishes to NATS
//! JetStream and each subgraph's durable consumers (one per publisher it follows) feed its
//! subscribers, so events cross processes and machines. Every subgraph that publishes or
//! consumes needs the `outbox` and `processed_event` tables (see `migrations/*/…_events.sql`).

/// NATS JetStream as the bus between processes.
pub mod broker;
/// How events travel in JetStream messages: a run of them in one.
mod envelope;
/// One reader at a time for each durable consumer.
mod lease;
/// A run of events in one transaction.
mod together;

use crate::db::Db;
use crate::ids::new_id;
use anyhow::Context;
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::Notify;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub topic: String,
    pub payload: serde_json::Value,
}

impl Event {
    /// The payload as `T` if the event is on `topic` and reads as one; None otherwise (a live
    /// field's routing: not its event, nothing to route).
    pub fn decode_on<T: serde::de::DeserializeOwned>(&self, topic: &str) -> Option<T> {
        (self.topic == topic).then(|| self.decode().ok()).flatten()
    }

    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> anyhow::Result<T> {
        serde_json::from_value(self.payload.clone()).with_context(|| format!("decoding {} event", self.topic))
    }
}

/// Adds an event to the outbox inside the caller's transaction; it is published after commit.
pub async fn enqueue(
    tx: &mut Transaction<'static, Any>,
    topic: &str,
    payload: &impl Serialize,
) -> anyhow::Result<String> {
    let id = new_id("evt");
    sqlx::query("INSERT INTO outbox (event_id, topic, payload, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(topic)
        .bind(serde_json::to_string(payload)?)
        .bind(crate::time::to_db(crate::time::now()))
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

pub type Handler = Arc<dyn Fn(Event) -> BoxFuture<'static, anyhow::Result<()>> + Send + Sync>;

use together::mark_handled;
pub use together::{InTransaction, Step};

/// A subscriber: its consumer name (`<subgraph>.<what>`; the subgraph part groups a
/// subgraph's subscribers into one durable broker consumer per publisher), its handler, and,
/// if it can, the same work as a step of a transaction it shares with other events (see
/// [`together`]).
#[derive(Clone)]
pub struct Subscriber {
    pub consumer: String,
    pub handler: Handler,
    pub in_transaction: Option<InTransaction>,
}

impl Subscriber {
    /// The subgraph a consumer name belongs to.
    pub fn group(&self) -> &str {
        self.consumer.split('.').next().unwrap_or(&self.consumer)
    }
}

/// The event bus of a process. In process (no broker), `publish` returns once each subscriber
/// of the topic handled the event, or the first error (the relay then retries the whole event;
/// subscribers that already handled it skip it through [`handle_once`]). With a broker,
/// `publish` hands the event to JetStream and the broker's consumers call the subscribers.
///
/// Relays wait until the bus is opened, so that no event is published before every subgraph
/// of the process has subscribed (it would otherwise be marked published and never reach them).
pub struct EventBus {
    subscribers: RwLock<HashMap<String, Vec<Subscriber>>>,
    open: tokio::sync::watch::Sender<bool>,
    first_drains_pending: std::sync::atomic::AtomicUsize,
    broker: std::sync::OnceLock<Arc<broker::Broker>>,
    /// Every event this process learns of, as it happens, for live subscriptions (see
    /// [`EventBus::live`]).
    live: tokio::sync::broadcast::Sender<Event>,
    /// Who holds live subscriptions fed by this bus (see [`crate::live`]).
    seats: crate::live::Seats,
    /// One hub per live field: the shared reading of this bus for its subscribers.
    hubs: crate::live::Hubs,
    /// The topics this process's live fields follow (see [`EventBus::read_live`]).
    live_topics: RwLock<std::collections::BTreeSet<&'static str>>,
}

/// Events a live field's hub may fall behind by before it misses some (its subscribers are
/// told, and their subscriptions end: the clients resubscribe and read the current state).
/// One hub reads for all of a field's subscribers, so this bounds the feed, not each of them.
pub const LIVE_BUFFER: usize = 8192;

impl EventBus {
    pub fn new() -> Arc<Self> {
        Arc::new(EventBus {
            subscribers: RwLock::default(),
            open: tokio::sync::watch::Sender::new(false),
            first_drains_pending: Default::default(),
            broker: Default::default(),
            live: tokio::sync::broadcast::Sender::new(LIVE_BUFFER),
            seats: crate::live::Seats::default(),
            hubs: crate::live::Hubs::default(),
            live_topics: RwLock::default(),
        })
    }

    /// Open live subscriptions fed by this bus, for the system's metrics.
    pub fn live_gauge(&self) -> &prometheus::IntGauge {
        self.seats.gauge()
    }

    /// Live subscriptions that joined an identical one's run, for the system's metrics.
    pub fn live_joined(&self) -> &prometheus::IntCounter {
        self.seats.joined()
    }

    /// Live subscriptions ended for a newer identical one, for the system's metrics.
    pub fn live_replaced(&self) -> &prometheus::IntCounter {
        self.seats.replaced()
    }

    pub(crate) fn seats(&self) -> &crate::live::Seats {
        &self.seats
    }

    /// Reads of changed state by live field (one per batch of events, however many follow),
    /// for the system's metrics.
    pub fn live_reads(&self) -> &prometheus::IntCounterVec {
        self.hubs.reads()
    }

    pub(crate) fn hubs(&self) -> &crate::live::Hubs {
        &self.hubs
    }

    /// Whether the NATS connection is up (true without a broker).
    pub fn broker_connected(&self) -> bool {
        self.broker.get().is_none_or(|broker| broker.is_connected())
    }

    /// Every event from now on, in each process however events travel: in process, after its
    /// consumers handled it; with a broker, from a consumer of this process's own. Subscribers
    /// that fall more than [`LIVE_BUFFER`] events behind get `Lagged`.
    pub fn live(&self) -> tokio::sync::broadcast::Receiver<Event> {
        self.live.subscribe()
    }

    /// Declares topics this process's live fields follow (each field's
    /// [`crate::live::LiveField::topics`]). With a broker, the live feed reads only these; call
    /// before [`EventBus::open_and_settle`]. In process every event reaches the live feed anyway.
    pub fn read_live(&self, topics: &[&'static str]) {
        self.live_topics.write().expect("bus lock").extend(topics);
    }

    /// Whether the live feed reads `topic`: always in process, with a broker once declared.
    pub(crate) fn reads_live(&self, topic: &str) -> bool {
        self.broker.get().is_none() || self.live_topics.read().expect("bus lock").contains(topic)
    }

    /// Sends events through NATS JetStream from now on (call before anything subscribes or
    /// publishes).
    pub async fn use_broker(&self, cfg: &crate::config::EventsConfig) -> anyhow::Result<()> {
        let broker = broker::Broker::connect(cfg).await?;
        self.broker
            .set(Arc::new(broker))
            .map_err(|_| anyhow::anyhow!("the bus already has a broker"))
    }

    /// The NATS broker, once [`EventBus::use_broker`] set one.
    pub fn broker(&self) -> Option<&Arc<broker::Broker>> {
        self.broker.get()
    }

    /// Stops this process's event consumers and hands their leases to other replicas (see
    /// [`broker::Broker::stop_consuming`]); nothing without a broker.
    pub async fn stop_consuming(&self, limit: Duration) {
        if let Some(broker) = self.broker.get() {
            broker.stop_consuming(limit).await;
        }
    }

    /// Lets relays publish, then waits (up to `limit`) until each has delivered what its outbox
    /// held at start-up, e.g. the demo data's events.
    pub async fn open_and_settle(&self, limit: Duration) {
        if let Some(broker) = self.broker.get() {
            let subscribers = self.subscribers.read().expect("bus lock").clone();
            broker.clone().consume(subscribers);
            let topics = self
                .live_topics
                .read()
                .expect("bus lock")
                .iter()
                .map(|t| t.to_string())
                .collect();
            broker.clone().feed_live(self.live.clone(), topics);
        }
        self.open.send_replace(true);
        let deadline = tokio::time::Instant::now() + limit;
        while self
            .first_drains_pending
            .load(std::sync::atomic::Ordering::SeqCst)
            > 0
        {
            if tokio::time::Instant::now() > deadline {
                tracing::warn!("outbox relays still busy after start-up; continuing");
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Adds `consumer`'s handler for `topic`. Subscribe before [`EventBus::open_and_settle`].
    pub fn subscribe(&self, topic: &str, consumer: &str, handler: Handler) {
        self.add(topic, consumer, handler, None);
    }

    fn add(&self, topic: &str, consumer: &str, handler: Handler, in_transaction: Option<InTransaction>) {
        // Durable consumers never receive live-only topics (see `broker`): a subscription to
        // one would silently never fire with NATS.
        assert!(
            !crate::contracts::LIVE_ONLY.contains(&topic),
            "{consumer} subscribes to {topic}, which only live subscriptions may read"
        );
        self.subscribers
            .write()
            .expect("bus lock")
            .entry(topic.to_string())
            .or_default()
            .push(Subscriber {
                consumer: consumer.to_string(),
                handler,
                in_transaction,
            });
    }

    /// Publishes `events` in order; stops at the first that fails, saying how many went out.
    pub async fn publish_all(&self, events: &[Event]) -> Result<(), PublishStopped> {
        if let Some(broker) = self.broker.get() {
            return broker.publish_all(events).await;
        }
        for (published, event) in events.iter().enumerate() {
            self.publish(event)
                .await
                .map_err(|error| PublishStopped { published, error })?;
        }
        Ok(())
    }

    pub async fn publish(&self, event: &Event) -> anyhow::Result<()> {
        if let Some(broker) = self.broker.get() {
            return broker.publish(event).await;
        }
        let subscribers = self
            .subscribers
            .read()
            .expect("bus lock")
            .get(&event.topic)
            .cloned()
            .unwrap_or_default();
        for subscriber in subscribers {
            (subscriber.handler)(event.clone()).await?;
        }
        // Nobody listening is fine.
        let _ = self.live.send(event.clone());
        Ok(())
    }
}

/// Where [`EventBus::publish_all`] stopped: the first `published` events went out, the next
/// failed with `error`.
#[derive(Debug)]
pub struct PublishStopped {
    pub published: usize,
    pub error: anyhow::Error,
}

/// How long a published event stays in its outbox (for inspection), and how long a consumer
/// remembers an event it handled: longer than JetStream keeps events (7 days), so any
/// redelivery is still recognised.
pub const KEEP_PUBLISHED: Duration = Duration::from_secs(24 * 3600);
pub const KEEP_HANDLED: Duration = Duration::from_secs(8 * 24 * 3600);
/// How often a relay prunes.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// Wakes a relay after a commit that wrote events, so they leave at once instead of at the
/// next poll. Subgraphs put it in their schema data.
#[derive(Clone)]
pub struct OutboxWaker(Arc<Notify>);

impl OutboxWaker {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

/// The relay of one subgraph's outbox. `wake` after committing events for low latency; it also
/// polls, which is what recovers events left behind by a crash.
pub struct Relay {
    db: Db,
    bus: Arc<EventBus>,
}

impl Relay {
    pub fn new(db: Db, bus: Arc<EventBus>) -> Self {
        bus.first_drains_pending
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Relay { db, bus }
    }

    fn waker(&self) -> OutboxWaker {
        OutboxWaker(self.db.outbox_notifier())
    }

    /// Runs forever on the current runtime; returns the waker for resolvers that commit events.
    pub fn spawn(self, poll_every: Duration) -> OutboxWaker {
        let waker = self.waker();
        tokio::spawn(async move {
            let _ = self.bus.open.subscribe().wait_for(|open| *open).await;
            let mut first = true;
            let mut pruned_at: Option<std::time::Instant> = None;
            loop {
                match self.drain().await {
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "outbox relay: will retry"),
                }
                if pruned_at.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
                    pruned_at = Some(std::time::Instant::now());
                    if let Err(err) = self.prune(crate::time::now()).await {
                        tracing::warn!(error = %err, "pruning old event records failed; will retry");
                    }
                }
                if std::mem::take(&mut first) {
                    self.bus
                        .first_drains_pending
                        .fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                }
                let wake = self.db.outbox_notifier();
                let _ = tokio::time::timeout(poll_every, wake.notified()).await;
            }
        });
        waker
    }

    /// Forgets published events older than [`KEEP_PUBLISHED`] and handled-event records older
    /// than [`KEEP_HANDLED`]; returns how many rows went.
    pub async fn prune(&self, now: chrono::DateTime<chrono::Utc>) -> anyhow::Result<u64> {
        let published_before = crate::time::to_db(now - chrono::Duration::from_std(KEEP_PUBLISHED)?);
        let handled_before = crate::time::to_db(now - chrono::Duration::from_std(KEEP_HANDLED)?);
        let outbox = sqlx::query("DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < $1")
            .bind(published_before)
            .execute(self.db.pool())
            .await?;
        let handled = sqlx::query("DELETE FROM processed_event WHERE processed_at < $1")
            .bind(handled_before)
            .execute(self.db.pool())
            .await?;
        Ok(outbox.rows_affected() + handled.rows_affected())
    }

    /// Publishes every pending event in outbox order; returns how many were published.
    pub async fn drain(&self) -> anyhow::Result<usize> {
        let mut published = 0;
        loop {
            let rows = sqlx::query(
                "SELECT event_id, topic, payload FROM outbox WHERE published_at IS NULL \
                 ORDER BY created_at, event_id LIMIT 256",
            )
            .fetch_all(self.db.pool())
            .await?;
            if rows.is_empty() {
                return Ok(published);
            }
            let events = rows
                .iter()
                .map(|row| {
                    Ok(Event {
                        id: row.try_get("event_id")?,
                        topic: row.try_get("topic")?,
                        payload: serde_json::from_str(&row.try_get::<String, _>("payload")?)?,
                    })
                })
                .collect::<anyhow::Result<Vec<Event>>>()?;
            // In order: a failing event blocks later ones, so consumers never see them reordered.
            let stopped = self.bus.publish_all(&events).await.err();
            let sent = stopped.as_ref().map_or(events.len(), |s| s.published);
            let sent_ids: Vec<String> = events[..sent].iter().map(|e| e.id.clone()).collect();
            self.mark_published(&sent_ids).await?;
            published += sent;
            if let Some(PublishStopped { error, .. }) = stopped {
                return Err(error.context(format!("publishing {}", events[sent].id)));
            }
        }
    }

    /// Marks `event_ids` published in one statement: one write per batch rather than per
    /// event, as the relay shares SQLite's single writer with the subgraph's consumers.
    async fn mark_published(&self, event_ids: &[String]) -> anyhow::Result<()> {
        if event_ids.is_empty() {
            return Ok(());
        }
        let placeholders: Vec<String> = (2..event_ids.len() + 2).map(|n| format!("${n}")).collect();
        let sql = format!(
            "UPDATE outbox SET published_at = $1 WHERE event_id IN ({})",
            placeholders.join(", ")
        );
        let mut update = sqlx::query(&sql).bind(crate::time::to_db(crate::time::now()));
        for id in event_ids {
            update = update.bind(id);
        }
        update.execute(self.db.pool()).await?;
        Ok(())
    }
}

/// Runs `apply` in a transaction that also records (`consumer`, event id); an event this
/// consumer already handled is skipped. Returns whether `apply` ran.
pub async fn handle_once<F>(db: &Db, consumer: &str, event: &Event, apply: F) -> anyhow::Result<bool>
where
    F: for<'t> FnOnce(&'t mut Transaction<'static, Any>) -> BoxFuture<'t, anyhow::Result<()>>,
{
    let mut tx = db.begin_write().await?;
    if !mark_handled(&mut tx, consumer, &event.id).await? {
        return Ok(false);
    }
    apply(&mut tx).await?;
    tx.commit().await?;
    // Whatever the consumer wrote to its own outbox leaves now rather than at the next poll.
    db.outbox_notifier().notify_one();
    Ok(true)
}

/// Subscribes `consumer` to `topic`: each event is decoded as `T` and applied at most once in
/// effect, in one transaction with its `processed_event` record (see [`handle_once`]).
pub fn subscribe_once<T, F>(bus: &EventBus, db: &Db, topic: &str, consumer: &'static str, apply: F)
where
    T: serde::de::DeserializeOwned + Send + 'static,
    F: for<'t> Fn(&'t mut Transaction<'static, Any>, T) -> BoxFuture<'t, anyhow::Result<()>>
        + Send
        + Sync
        + 'static,
{
    subscribe_once_if(bus, db, topic, consumer, |_: &T| true, apply);
}

/// [`subscribe_once`] for the events `wanted` picks; the others are passed over without a
/// transaction or a `processed_event` record (applying them would change nothing), which
/// matters on a topic as busy as order status changes when only one status is acted on.
pub fn subscribe_once_if<T, F>(
    bus: &EventBus,
    db: &Db,
    topic: &str,
    consumer: &'static str,
    wanted: fn(&T) -> bool,
    apply: F,
) where
    T: serde::de::DeserializeOwned + Send + 'static,
    F: for<'t> Fn(&'t mut Transaction<'static, Any>, T) -> BoxFuture<'t, anyhow::Result<()>>
        + Send
        + Sync
        + 'static,
{
    let apply = Arc::new(apply);
    let step = together::step(move |tx, event: Event| {
        let apply = apply.clone();
        Box::pin(async move {
            let payload: T = match event.decode() {
                Ok(payload) => payload,
                Err(unreadable) => return set_aside(tx, consumer, &event, &unreadable).await,
            };
            if wanted(&payload) && mark_handled(tx, consumer, &event.id).await? {
                apply(tx, payload).await?;
            }
            Ok(())
        })
    });
    let in_transaction = InTransaction {
        db: db.clone(),
        // An unreadable event concerns it too: it is set aside.
        wants: Arc::new(move |event: &Event| event.decode::<T>().map_or(true, |payload| wanted(&payload))),
        step,
    };
    // Alone, an event is a run of one: the same step in a transaction of its own, none when
    // it does not concern this consumer.
    let alone = in_transaction.clone();
    let handler: Handler = Arc::new(move |event: Event| {
        let alone = alone.clone();
        Box::pin(async move {
            let db = alone.db.clone();
            together::handle_run(
                &db,
                &[together::RunEntry {
                    event,
                    subscribers: vec![alone],
                }],
            )
            .await
        })
    });
    bus.add(topic, consumer, handler, Some(in_transaction));
}

/// The outbox and processed-event tables, as every publishing or consuming subgraph's first
/// migrations create them. The one source: kit's own tests migrate with it, and
/// `tests/e2e/architecture.rs` checks each subgraph migration holds it statement for statement
/// (those stay copies, as sqlx refuses to run an applied migration whose text changed).
pub const EVENT_TABLES: &str = include_str!("../events_test_migrations/0001_events.sql");

/// Where consumers set aside events they cannot read. Kit's own table, the same in every
/// subgraph database, created when the database opens rather than in ten subgraphs' migrations.
pub(crate) const DEAD_LETTER_TABLE: &str = "CREATE TABLE IF NOT EXISTS dead_letter (
    consumer   TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    topic      TEXT NOT NULL,
    payload    TEXT NOT NULL,
    error      TEXT NOT NULL,
    dead_at    TEXT NOT NULL,
    PRIMARY KEY (consumer, event_id)
)";

/// An event its consumer cannot read: a status or field this build does not know (a producer
/// newer than its consumer, or a broken one). Retrying cannot help and would hold up every
/// event behind it, and ignoring it would lose it silently; so it is logged as an error, kept
/// in `dead_letter` with the reason, and marked handled. Replaying it, once the consumer reads
/// it, is a deliberate step (delete its `processed_event` row and republish).
pub async fn dead_letter(
    db: &Db,
    consumer: &str,
    event: &Event,
    unreadable: &anyhow::Error,
) -> anyhow::Result<()> {
    let (consumer_name, owned, error) = (consumer.to_string(), event.clone(), format!("{unreadable:#}"));
    // Set aside once, with its processed_event record: a redelivery finds it handled.
    handle_once(db, consumer, event, move |tx| {
        Box::pin(async move { record_dead_letter(tx, &consumer_name, &owned, &error).await })
    })
    .await?;
    Ok(())
}

/// [`dead_letter`] as a step of a transaction the caller owns.
async fn set_aside(
    tx: &mut Transaction<'static, Any>,
    consumer: &str,
    event: &Event,
    unreadable: &anyhow::Error,
) -> anyhow::Result<()> {
    if mark_handled(tx, consumer, &event.id).await? {
        record_dead_letter(tx, consumer, event, &format!("{unreadable:#}")).await?;
    }
    Ok(())
}

/// Keeps `event` in `dead_letter` with the reason its consumer cannot read it.
async fn record_dead_letter(
    tx: &mut Transaction<'static, Any>,
    consumer: &str,
    event: &Event,
    error: &str,
) -> anyhow::Result<()> {
    tracing::error!(consumer, event_id = %event.id, topic = %event.topic, error, "event dead-lettered: its consumer cannot read it");
    sqlx::query(
        "INSERT INTO dead_letter (consumer, event_id, topic, payload, error, dead_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(consumer)
    .bind(&event.id)
    .bind(&event.topic)
    .bind(event.payload.to_string())
    .bind(error)
    .bind(crate::time::to_db(crate::time::now()))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::StorageConfig;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The event tables alone, for every test of events.
    pub(crate) static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("src/events_test_migrations");

    async fn test_db(dir: &tempfile::TempDir) -> Db {
        let cfg = StorageConfig {
            data_dir: dir.path().to_path_buf(),
            ..StorageConfig::default()
        };
        Db::open(&crate::system::System::new(), &cfg, "events_test", &MIGRATOR)
            .await
            .unwrap()
    }

    async fn enqueue_committed(db: &Db, topic: &str, n: i64) -> String {
        let mut tx = db.begin_write().await.unwrap();
        let id = enqueue(&mut tx, topic, &serde_json::json!({ "n": n }))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        id
    }

    #[tokio::test]
    async fn events_reach_subscribers_in_order_and_only_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = seen.clone();
        bus.subscribe(
            "thing.happened",
            "test.listener",
            Arc::new(move |event: Event| {
                let sink = sink.clone();
                Box::pin(async move {
                    sink.lock().unwrap().push(event.payload["n"].as_i64().unwrap());
                    Ok(())
                })
            }),
        );
        // Rolled back: never published.
        let mut tx = db.begin_write().await.unwrap();
        enqueue(&mut tx, "thing.happened", &serde_json::json!({ "n": 0 }))
            .await
            .unwrap();
        tx.rollback().await.unwrap();
        for n in 1..=3 {
            enqueue_committed(&db, "thing.happened", n).await;
        }
        let relay = Relay::new(db.clone(), bus);
        assert_eq!(relay.drain().await.unwrap(), 3);
        assert_eq!(
            relay.drain().await.unwrap(),
            0,
            "published events are not sent again"
        );
        assert_eq!(*seen.lock().unwrap(), vec![1, 2, 3]);
    }

    #[tokio::test]
    async fn a_failing_subscriber_gets_the_event_again_and_handles_it_once() {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        let attempts = Arc::new(AtomicUsize::new(0));
        let applied = Arc::new(AtomicUsize::new(0));
        let (db2, attempts2, applied2) = (db.clone(), attempts.clone(), applied.clone());
        bus.subscribe(
            "thing.happened",
            "test.listener",
            Arc::new(move |event: Event| {
                let (db, attempts, applied) = (db2.clone(), attempts2.clone(), applied2.clone());
                Box::pin(async move {
                    let attempt = attempts.fetch_add(1, Ordering::SeqCst);
                    let ran = handle_once(&db, "counter", &event, move |_tx| {
                        Box::pin(async move {
                            applied.fetch_add(1, Ordering::SeqCst);
                            Ok(())
                        })
                    })
                    .await?;
                    // The first delivery applies, then fails after commit (say, the ack is lost).
                    anyhow::ensure!(attempt > 0 || !ran, "simulated failure after commit");
                    Ok(())
                })
            }),
        );
        enqueue_committed(&db, "thing.happened", 1).await;
        let relay = Relay::new(db.clone(), bus);
        assert!(relay.drain().await.is_err());
        assert_eq!(relay.drain().await.unwrap(), 1, "retried");
        assert_eq!(attempts.load(Ordering::SeqCst), 2);
        assert_eq!(
            applied.load(Ordering::SeqCst),
            1,
            "handled exactly once in effect"
        );
    }

    /// Events a consumer does not want leave no trace; the ones it wants are applied once.
    #[tokio::test]
    async fn events_a_consumer_does_not_want_leave_no_processed_record() {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        let applied = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = applied.clone();
        subscribe_once_if(
            &bus,
            &db,
            "thing.happened",
            "test.picky",
            |payload: &serde_json::Value| payload["n"] == 2,
            move |_tx, payload: serde_json::Value| {
                let sink = sink.clone();
                Box::pin(async move {
                    sink.lock().unwrap().push(payload["n"].as_i64().unwrap());
                    Ok(())
                })
            },
        );
        let mut ids = Vec::new();
        for n in 1..=3 {
            ids.push(enqueue_committed(&db, "thing.happened", n).await);
        }
        let relay = Relay::new(db.clone(), bus);
        assert_eq!(relay.drain().await.unwrap(), 3);
        assert_eq!(*applied.lock().unwrap(), vec![2]);
        let recorded: Vec<String> =
            sqlx::query_scalar("SELECT event_id FROM processed_event WHERE consumer = 'test.picky'")
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(recorded, vec![ids[1].clone()], "only the wanted one is recorded");
    }

    /// A relay marks a batch published in one statement: when an event in it fails, what went
    /// out before it is marked, it and what follows are not, and the next drain starts there.
    #[tokio::test]
    async fn a_relay_batch_stops_at_a_failing_event_and_marks_only_what_went_out() {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        let mut ids = Vec::new();
        for n in 1..=5 {
            ids.push(enqueue_committed(&db, "thing.happened", n).await);
        }
        let fail_on = Arc::new(std::sync::Mutex::new(Some(ids[2].clone())));
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let (fail, sink) = (fail_on.clone(), seen.clone());
        bus.subscribe(
            "thing.happened",
            "test.listener",
            Arc::new(move |event: Event| {
                let (fail, sink) = (fail.clone(), sink.clone());
                Box::pin(async move {
                    anyhow::ensure!(
                        fail.lock().unwrap().as_ref() != Some(&event.id),
                        "simulated failure"
                    );
                    sink.lock().unwrap().push(event.id);
                    Ok(())
                })
            }),
        );
        let relay = Relay::new(db.clone(), bus);
        assert!(relay.drain().await.is_err());
        let published: Vec<String> = sqlx::query_scalar(
            "SELECT event_id FROM outbox WHERE published_at IS NOT NULL ORDER BY event_id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        let mut first_two = ids[..2].to_vec();
        first_two.sort();
        assert_eq!(published, first_two);
        fail_on.lock().unwrap().take();
        assert_eq!(relay.drain().await.unwrap(), 3, "from the failed one on");
        assert_eq!(*seen.lock().unwrap(), ids, "each once, in order");
    }

    #[tokio::test]
    async fn old_published_events_and_old_handled_records_are_pruned_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        let published = enqueue_committed(&db, "thing.happened", 1).await;
        let pending = enqueue_committed(&db, "thing.happened", 2).await;
        let relay = Relay::new(db.clone(), bus);
        let long_ago = crate::time::to_db(crate::time::now() - chrono::Duration::days(30));
        sqlx::query("UPDATE outbox SET published_at = $1 WHERE event_id = $2")
            .bind(&long_ago)
            .bind(&published)
            .execute(db.pool())
            .await
            .unwrap();
        for (event, at) in [
            ("old", long_ago.clone()),
            ("recent", crate::time::to_db(crate::time::now())),
        ] {
            sqlx::query(
                "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ('test.c', $1, $2)",
            )
            .bind(event)
            .bind(at)
            .execute(db.pool())
            .await
            .unwrap();
        }
        assert_eq!(relay.prune(crate::time::now()).await.unwrap(), 2);
        let left: Vec<String> = sqlx::query_scalar("SELECT event_id FROM outbox ORDER BY event_id")
            .fetch_all(db.pool())
            .await
            .unwrap();
        assert_eq!(left, vec![pending], "the unpublished event stays");
        let remembered: Vec<String> = sqlx::query_scalar("SELECT event_id FROM processed_event")
            .fetch_all(db.pool())
            .await
            .unwrap();
        assert_eq!(remembered, vec!["recent".to_string()]);
    }

    #[tokio::test]
    async fn relays_wait_for_the_bus_to_open_so_late_subscribers_miss_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        enqueue_committed(&db, "thing.happened", 7).await;
        Relay::new(db.clone(), bus.clone()).spawn(Duration::from_millis(10));
        tokio::time::sleep(Duration::from_millis(50)).await;
        // Subscribes after the relay started, as a subgraph starting later would.
        let seen = Arc::new(AtomicUsize::new(0));
        let sink = seen.clone();
        bus.subscribe(
            "thing.happened",
            "test.listener",
            Arc::new(move |_| {
                let sink = sink.clone();
                Box::pin(async move {
                    sink.fetch_add(1, Ordering::SeqCst);
                    Ok(())
                })
            }),
        );
        bus.open_and_settle(Duration::from_secs(5)).await;
        assert_eq!(seen.load(Ordering::SeqCst), 1, "delivered once the bus opened");
    }

    /// A payload its consumer cannot decode (here a status it does not know) is set aside with
    /// the reason, and the events behind it still arrive.
    #[tokio::test]
    async fn an_unreadable_event_is_dead_lettered_and_the_next_ones_still_arrive() {
        #[derive(serde::Deserialize)]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        enum Status {
            Ready,
        }
        #[derive(serde::Deserialize)]
        struct Payload {
            status: Status,
        }
        let dir = tempfile::tempdir().unwrap();
        let db = test_db(&dir).await;
        let bus = EventBus::new();
        let ready = Arc::new(AtomicUsize::new(0));
        let seen = ready.clone();
        subscribe_once(
            &bus,
            &db,
            "thing.changed",
            "test.typed",
            move |_tx, payload: Payload| {
                let seen = seen.clone();
                Box::pin(async move {
                    match payload.status {
                        Status::Ready => seen.fetch_add(1, Ordering::SeqCst),
                    };
                    Ok(())
                })
            },
        );
        for status in ["TELEPORTED", "READY"] {
            let mut tx = db.begin_write().await.unwrap();
            enqueue(&mut tx, "thing.changed", &serde_json::json!({ "status": status }))
                .await
                .unwrap();
            tx.commit().await.unwrap();
        }
        let relay = Relay::new(db.clone(), bus);
        assert_eq!(relay.drain().await.unwrap(), 2, "neither event is held up");
        assert_eq!(ready.load(Ordering::SeqCst), 1);
        let dead: Vec<(String, String)> =
            sqlx::query_as("SELECT payload, error FROM dead_letter WHERE consumer = $1")
                .bind("test.typed")
                .fetch_all(db.pool())
                .await
                .unwrap();
        assert_eq!(dead.len(), 1);
        assert!(dead[0].0.contains("TELEPORTED"), "{dead:?}");
        assert!(dead[0].1.contains("unknown variant"), "{dead:?}");
    }
}
