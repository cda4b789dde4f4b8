//! How a replica reads one durable consumer: it waits for the consumer's lease
//! ([`super::super::lease`]), then a task pulls events in batches while the reader handles
//! them in order, retrying a failing one in place, until the lease lapses, NATS fails, or the
//! process stops consuming (SIGTERM), when it hands what it holds back. Events held together
//! whose subscribers can share a transaction are handled in one ([`super::super::together`]).

use super::{Broker, ConsumerTopics, ACK_WAIT, IN_FLIGHT, PULL_EXPIRES};
use crate::db::Db;
use crate::events::lease::Lease;
use crate::events::together::{handle_run, RunEntry};
use crate::events::{envelope, Event, Subscriber};
use async_nats::jetstream::{self, consumer, AckKind};
use futures::future::BoxFuture;
use futures::StreamExt;
use std::sync::Arc;
use std::time::Duration;

/// The most events handled in one transaction: one write-lock turn, kept short.
const MOST_IN_A_RUN: usize = 64;
/// Delay before a failed event is tried again.
const RETRY_AFTER: Duration = Duration::from_millis(500);
/// How long after its ack wait an abandoned event may take to be up for redelivery.
const REDELIVERY_SLACK: Duration = Duration::from_secs(1);
/// How long a reader that dropped its pull waits before pulling again if events are out: its
/// last request may still take events until it expires, and those come again only after the
/// ack wait; until then, later events would come first.
const ABANDONED_WAIT: Duration =
    Duration::from_secs(PULL_EXPIRES.as_secs() + ACK_WAIT.as_secs() + REDELIVERY_SLACK.as_secs());

impl Broker {
    /// Reads `group`'s consumer of `publisher` whenever this replica holds its lease, until
    /// [`Broker::stop_consuming`].
    pub(super) async fn follow(&self, group: &str, publisher: &str, topics: &ConsumerTopics) {
        let key = format!("{group}-{publisher}");
        let mut stopping = self.stopping.subscribe();
        loop {
            let leases = match self.leases().await {
                Ok(leases) => leases,
                Err(err) => {
                    tracing::warn!(group, publisher, error = %err, "opening the lease bucket; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            let (mut lease, fresh) = tokio::select! {
                taken = Lease::acquire(&leases, &key, &self.holder) => taken,
                () = stopped(&mut stopping) => return,
            };
            // Events handed to an earlier reading of ours and never acknowledged must be up for
            // redelivery before we pull again, or later ones would come first. A fresh lease
            // follows a release (they were given back) or an expiry (they were redelivered).
            let mut abandoned = !fresh;
            loop {
                if std::mem::take(&mut abandoned) && self.unacknowledged(group, publisher).await {
                    tokio::select! {
                        () = tokio::time::sleep(ABANDONED_WAIT) => {}
                        () = stopped(&mut stopping) => return lease.release().await,
                    }
                }
                let mut reading = Reading::default();
                let ended = self
                    .read(group, publisher, topics, &mut lease, &mut reading, &mut stopping)
                    .await;
                match ended {
                    Ended::Stopped => {
                        reading.give_back(&self.client).await;
                        return lease.release().await;
                    }
                    Ended::Lapsed => {
                        tracing::warn!(group, publisher, "lost the lease on an event consumer");
                        break;
                    }
                    Ended::Failed(err) => {
                        tracing::warn!(group, publisher, error = %err, "event consumer stopped; restarting");
                        abandoned = true;
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                }
            }
            // What it held goes back to the consumer after the ack wait; whoever reads next
            // must get those first.
            drop(lease);
            tokio::select! {
                () = tokio::time::sleep(ABANDONED_WAIT) => {}
                () = stopped(&mut stopping) => return,
            }
        }
    }

    /// The lease bucket, opened on first use.
    async fn leases(&self) -> anyhow::Result<async_nats::jetstream::kv::Store> {
        self.leases
            .get_or_try_init(|| crate::events::lease::open_bucket(&self.jetstream, &self.namespace))
            .await
            .cloned()
    }

    /// Whether `group`'s consumer of `publisher` has events out that nobody acknowledged (true
    /// when that cannot be read, to be safe).
    async fn unacknowledged(&self, group: &str, publisher: &str) -> bool {
        let durable = self.durable_name(group, publisher);
        let Ok(stream) = self.jetstream.get_stream(self.stream_name()).await else {
            return true;
        };
        stream
            .consumer_info(&durable)
            .await
            .map_or(true, |info| info.num_ack_pending > 0)
    }

    /// Reads the consumer until the lease lapses, NATS fails, or consuming stops. A task of its
    /// own pulls (see [`pull`]), so events keep coming while one is handled; they are handled
    /// in order, a run of them in one transaction where their subscribers allow, and a failing
    /// one is retried in place, since handing it back would let the ones behind it go first.
    async fn read(
        &self,
        group: &str,
        publisher: &str,
        topics: &ConsumerTopics,
        lease: &mut Lease,
        reading: &mut Reading,
        stopping: &mut tokio::sync::watch::Receiver<bool>,
    ) -> Ended {
        let stream = match self.ensure_stream().await {
            Ok(stream) => stream,
            Err(err) => return Ended::Failed(err),
        };
        let durable = self.durable_name(group, publisher);
        let consumer = match self.durable_consumer(&stream, &durable, group, publisher).await {
            Ok(consumer) => consumer,
            Err(err) => return Ended::Failed(err),
        };
        let (pulled_tx, mut pulled) = tokio::sync::mpsc::channel(IN_FLIGHT as usize);
        let puller = Puller(tokio::spawn(pull(consumer, pulled_tx, stopping.clone())));
        let prefix = format!("{}.", self.namespace);
        let mut progress = tokio::time::interval(ACK_WAIT / 2);
        progress.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut pulling = true;
        let Reading {
            held,
            running,
            retry_at,
            singly,
        } = reading;
        loop {
            let stop_requested = *stopping.borrow();
            // A message whose first events were handled is finished before stopping: handed
            // back, it would come again whole.
            let mid_message = held.front().is_some_and(|h| !h.first_of_message);
            if running.is_none() && retry_at.is_none() && (!stop_requested || mid_message) {
                *running = next_handling(held, *singly);
            }
            if stop_requested && !pulling && running.is_none() && !mid_message {
                drop(puller);
                return Ended::Stopped;
            }
            tokio::select! {
                biased;
                () = lease.lapsed() => return Ended::Lapsed,
                (events, outcome) = until_done(running) => {
                    *running = None;
                    match outcome {
                        Ok(()) => {
                            // A message's events may be split between runs: it is
                            // acknowledged with its last.
                            for done in held.drain(..events).filter(|h| h.last_of_message) {
                                ack(&done.message, AckKind::Ack).await;
                            }
                            *singly = singly.saturating_sub(events);
                        }
                        Err(err) if events > 1 => {
                            // Nothing of the run was written: its events again, one at a time,
                            // so that a failing one holds up only itself and what follows it.
                            tracing::warn!(group, events, error = %err, "a run of events failed in one transaction; handling them one at a time");
                            *singly = events;
                        }
                        Err(err) => {
                            let event_id = held.front().map(|h| h.event.id.clone()).unwrap_or_default();
                            tracing::warn!(group, event_id, error = %err, "event handler failed; retrying");
                            *retry_at = Some(tokio::time::Instant::now() + RETRY_AFTER);
                        }
                    }
                }
                () = until(*retry_at) => *retry_at = None,
                _ = progress.tick() => {
                    // Still working on everything held: none of it may be redelivered meanwhile.
                    for waiting in held.iter().filter(|h| h.last_of_message) {
                        ack(&waiting.message, AckKind::Progress).await;
                    }
                }
                // Wakes the loop when a stop is asked for, so no new handling starts.
                () = stopped(stopping), if !stop_requested => {}
                message = pulled.recv(), if pulling => {
                    let message = match message {
                        Some(Ok(message)) => message,
                        Some(Err(err)) => return Ended::Failed(err.context(format!("receiving for {durable}"))),
                        None if stop_requested => {
                            pulling = false;
                            continue;
                        }
                        None => return Ended::Failed(anyhow::anyhow!("the pull for {durable} ended")),
                    };
                    let topic = message.subject.as_str().strip_prefix(&prefix).unwrap_or_default();
                    let Some(subscribers) = topics.get(topic) else {
                        ack(&message, AckKind::Ack).await;
                        continue;
                    };
                    match envelope::open(message.headers.as_ref(), &message.payload) {
                        Ok(events) => {
                            let (message, count) = (Arc::new(message), events.len());
                            held.extend(events.into_iter().enumerate().map(|(i, event)| Held {
                                message: message.clone(),
                                first_of_message: i == 0,
                                last_of_message: i + 1 == count,
                                event,
                                subscribers: subscribers.clone(),
                            }));
                        }
                        Err(err) => {
                            // Retrying cannot fix it; terminate it rather than block the stream.
                            tracing::error!(group, topic, error = %err, "undecodable event dropped");
                            ack(&message, AckKind::Term).await;
                        }
                    }
                }
            }
        }
    }
}

/// Pulls `consumer`'s events into `pulled` in batches until consuming stops, then ends after
/// the batch in progress, so that no pull request of ours is left at the server to take
/// events nobody will read (the events it took would come again only after the ack wait,
/// behind later ones). A task of its own, so that nothing cancels a batch half-way but the
/// reader going away.
async fn pull(
    consumer: consumer::PullConsumer,
    pulled: tokio::sync::mpsc::Sender<anyhow::Result<jetstream::Message>>,
    stopping: tokio::sync::watch::Receiver<bool>,
) {
    while !*stopping.borrow() {
        let batch = consumer
            .batch()
            .max_messages(IN_FLIGHT as usize)
            .expires(PULL_EXPIRES)
            .messages()
            .await;
        let mut batch = match batch {
            Ok(batch) => batch,
            Err(err) => {
                let _ = pulled.send(Err(anyhow::anyhow!("pulling: {err}"))).await;
                return;
            }
        };
        while let Some(message) = batch.next().await {
            let message = message.map_err(|e| anyhow::anyhow!("{e}"));
            if pulled.send(message).await.is_err() {
                return;
            }
        }
    }
}

/// The pulling task, stopped with its reader.
struct Puller(tokio::task::JoinHandle<()>);

impl Drop for Puller {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// How one pull ended.
enum Ended {
    /// [`Broker::stop_consuming`]: nothing is being handled.
    Stopped,
    /// The lease is no longer ours: stop at once.
    Lapsed,
    /// NATS went away or refused; pull again.
    Failed(anyhow::Error),
}

/// Events handed over and not yet acknowledged, oldest first; the handling of the first of
/// them, when it is retried after a failure, and how many are still to be handled one at a
/// time since a run of them failed together.
#[derive(Default)]
struct Reading {
    held: std::collections::VecDeque<Held>,
    running: Option<Handling>,
    retry_at: Option<tokio::time::Instant>,
    singly: usize,
}

/// The handling of the first `.0` held events.
type Handling = (usize, BoxFuture<'static, anyhow::Result<()>>);

/// What to handle next: every held event from the first on that can share one transaction,
/// if there are several and none of them is to be handled alone; else the first.
fn next_handling(held: &std::collections::VecDeque<Held>, singly: usize) -> Option<Handling> {
    let first = held.front()?;
    if let Some(db) = first.shared_db().filter(|_| singly == 0) {
        let run: Vec<RunEntry> = held
            .iter()
            .take(MOST_IN_A_RUN)
            .map_while(|h| h.shared_db().filter(|d| d.same_as(db)).map(|_| h.run_entry()))
            .collect();
        if run.len() > 1 {
            let db = db.clone();
            return Some((run.len(), Box::pin(async move { handle_run(&db, &run).await })));
        }
    }
    Some((1, first.handle()))
}

impl Reading {
    /// Hands back, in order, what was never handled: it goes to the next reader first.
    async fn give_back(self, client: &async_nats::Client) {
        for held in self.held.iter().filter(|h| h.last_of_message) {
            ack(&held.message, AckKind::Nak(None)).await;
        }
        if let Err(err) = client.flush().await {
            tracing::warn!(error = %err, "handing back unhandled events; they come again after the ack wait");
        }
    }
}

/// One event of a message (a message may hold a run of them, see [`envelope`]).
struct Held {
    message: Arc<jetstream::Message>,
    first_of_message: bool,
    /// Whether this is the message's last event, on whose handling it is acknowledged.
    last_of_message: bool,
    event: Event,
    subscribers: Vec<Subscriber>,
}

impl Held {
    /// The database all of the event's subscribers can share a transaction on, if they can.
    fn shared_db(&self) -> Option<&Db> {
        let mut dbs = self
            .subscribers
            .iter()
            .map(|s| s.in_transaction.as_ref().map(|t| &t.db));
        let first = dbs.next()??;
        dbs.all(|db| db.is_some_and(|db| db.same_as(first)))
            .then_some(first)
    }

    /// The event with its subscribers' steps, for [`handle_run`]; only if [`Held::shared_db`].
    fn run_entry(&self) -> RunEntry {
        RunEntry {
            event: self.event.clone(),
            subscribers: self
                .subscribers
                .iter()
                .filter_map(|s| s.in_transaction.clone())
                .collect(),
        }
    }

    /// Runs the event's subscribers in order.
    fn handle(&self) -> BoxFuture<'static, anyhow::Result<()>> {
        let (subscribers, event) = (self.subscribers.clone(), self.event.clone());
        Box::pin(async move {
            for subscriber in subscribers {
                (subscriber.handler)(event.clone()).await?;
            }
            Ok(())
        })
    }
}

/// How many events the running handling covers, once it is done, and how it went.
async fn until_done(running: &mut Option<Handling>) -> (usize, anyhow::Result<()>) {
    match running {
        Some((events, handling)) => (*events, handling.await),
        None => std::future::pending().await,
    }
}

async fn until(at: Option<tokio::time::Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

/// Resolves once [`Broker::stop_consuming`] was called.
async fn stopped(stopping: &mut tokio::sync::watch::Receiver<bool>) {
    while !*stopping.borrow_and_update() {
        if stopping.changed().await.is_err() {
            return std::future::pending().await;
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
