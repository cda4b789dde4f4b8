//! A run of events in one transaction. A broker's reader that holds several events of one
//! publisher hands every one whose subscribers can work inside a shared transaction to
//! [`handle_run`]: one `BEGIN … COMMIT` for the run instead of one per event, so each commit's
//! pages are written once and the write lock changes hands once. Under a burst (10 000 orders
//! ready within 20 s) delivery's consumer recorded about 215 events a second, each its own
//! transaction (docs/benchmarks.md, "Where the stress row's status changes wait").
//!
//! Effects stay what one transaction per event gives: events and their subscribers run in
//! order, each event is recorded in `processed_event` with its effects ([`mark_handled`]), and
//! any failure rolls back the whole run, which the reader then handles one event at a time, so
//! a failing event is retried alone and the ones before it commit. An event handled alone
//! (in process, or after a run failed) is a run of one, so both paths run the same steps.

use crate::db::Db;
use crate::events::Event;
use futures::future::BoxFuture;
use sqlx::{Any, Transaction};
use std::sync::Arc;

/// One subscriber's work on one event as a step of a transaction someone else opens and
/// commits.
pub type Step = Arc<
    dyn for<'t> Fn(&'t mut Transaction<'static, Any>, Event) -> BoxFuture<'t, anyhow::Result<()>>
        + Send
        + Sync,
>;

/// What a subscriber that can share a transaction gives the reader: its database, whether an
/// event concerns it at all (without a transaction), and its step.
#[derive(Clone)]
pub struct InTransaction {
    pub db: Db,
    pub wants: Arc<dyn Fn(&Event) -> bool + Send + Sync>,
    pub step: Step,
}

/// An event and the transactional work of each of its subscribers, in their order.
pub(crate) struct RunEntry {
    pub event: Event,
    pub subscribers: Vec<InTransaction>,
}

/// Handles `run` in order in one transaction on `db`; none when no event in it concerns its
/// subscribers. An error means nothing of the run was written.
pub(crate) async fn handle_run(db: &Db, run: &[RunEntry]) -> anyhow::Result<()> {
    let concerned = run
        .iter()
        .any(|entry| entry.subscribers.iter().any(|s| (s.wants)(&entry.event)));
    if !concerned {
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for entry in run {
        for subscriber in &entry.subscribers {
            (subscriber.step)(&mut tx, entry.event.clone()).await?;
        }
    }
    tx.commit().await?;
    // Whatever the subscribers wrote to the outbox leaves now rather than at the next poll.
    db.outbox_notifier().notify_one();
    Ok(())
}

/// Records that `consumer` handled `event_id`, in `tx`; false if it already had. A conflict
/// is not an error, so the transaction goes on (PostgreSQL aborts one on a failed insert),
/// which a run of events needs when a redelivered event comes twice.
pub(crate) async fn mark_handled(
    tx: &mut Transaction<'static, Any>,
    consumer: &str,
    event_id: &str,
) -> anyhow::Result<bool> {
    let marked = sqlx::query(
        "INSERT INTO processed_event (consumer, event_id, processed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (consumer, event_id) DO NOTHING",
    )
    .bind(consumer)
    .bind(event_id)
    .bind(crate::time::to_db(crate::time::now()))
    .execute(&mut **tx)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// `step` as a [`Step`], with its signature spelled out for the closure's lifetimes.
pub(crate) fn step<F>(step: F) -> Step
where
    F: for<'t> Fn(&'t mut Transaction<'static, Any>, Event) -> BoxFuture<'t, anyhow::Result<()>>
        + Send
        + Sync
        + 'static,
{
    Arc::new(step)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::config::StorageConfig;
    use crate::events::tests::MIGRATOR;
    use crate::events::{subscribe_once_if, EventBus, Subscriber};

    const TOPIC: &str = "thing.happened";
    const CONSUMER: &str = "test.counter";

    /// A database with a `seen` table, and the subscriber `subscribe_once_if` makes on it:
    /// it records each wanted `n` (not 3) in `seen`, fails on `n` 99, and notes how many
    /// `seen` rows another connection could read at that moment.
    async fn counter(dir: &tempfile::TempDir) -> (Db, Subscriber, Arc<std::sync::Mutex<Vec<(i64, i64)>>>) {
        let db = with_seen_table(dir, "together_test").await;
        let observed = Arc::new(std::sync::Mutex::new(Vec::new()));
        let bus = EventBus::new();
        let (pool, sink) = (db.pool().clone(), observed.clone());
        subscribe_once_if(
            &bus,
            &db,
            TOPIC,
            CONSUMER,
            |payload: &Payload| payload.n != 3,
            move |tx, payload: Payload| {
                let (pool, sink) = (pool.clone(), sink.clone());
                Box::pin(async move {
                    anyhow::ensure!(payload.n != 99, "simulated failure");
                    let outside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM seen")
                        .fetch_one(&pool)
                        .await?;
                    sink.lock().unwrap().push((payload.n, outside));
                    sqlx::query("INSERT INTO seen (n) VALUES ($1)")
                        .bind(payload.n)
                        .execute(&mut **tx)
                        .await?;
                    Ok(())
                })
            },
        );
        let subscriber = bus.subscribers.read().unwrap()[TOPIC][0].clone();
        (db, subscriber, observed)
    }

    /// Scratch storage (SQLite, or PostgreSQL in CI) with the event tables and a `seen` table
    /// for what test subscribers apply.
    pub(crate) async fn with_seen_table(dir: &tempfile::TempDir, name: &str) -> Db {
        let db = Db::open(
            &crate::system::System::new(),
            &StorageConfig::for_tests(dir.path()),
            name,
            &MIGRATOR,
        )
        .await
        .unwrap();
        sqlx::query("CREATE TABLE seen (n BIGINT NOT NULL)")
            .execute(db.pool())
            .await
            .unwrap();
        db
    }

    #[derive(serde::Deserialize)]
    struct Payload {
        n: i64,
    }

    fn event(payload: serde_json::Value) -> Event {
        Event {
            id: crate::ids::new_id("evt"),
            topic: TOPIC.into(),
            payload,
        }
    }

    fn run(subscriber: &Subscriber, events: &[Event]) -> Vec<RunEntry> {
        let step = subscriber
            .in_transaction
            .clone()
            .expect("subscribe_once_if gives a step");
        events
            .iter()
            .map(|event| RunEntry {
                event: event.clone(),
                subscribers: vec![step.clone()],
            })
            .collect()
    }

    async fn column(db: &Db, sql: &str) -> Vec<String> {
        sqlx::query_scalar(sql).fetch_all(db.pool()).await.unwrap()
    }

    /// One commit for the run: nothing of it is visible outside until the end; each event
    /// counts once (a redelivered copy in the same run too), an unwanted one leaves no record,
    /// and an unreadable one is set aside, all as one transaction per event would leave them.
    #[tokio::test]
    async fn a_run_commits_once_with_what_each_event_alone_would_have_written() {
        let dir = tempfile::tempdir().unwrap();
        let (db, subscriber, observed) = counter(&dir).await;
        let first = event(serde_json::json!({ "n": 1 }));
        let events = [
            first.clone(),
            event(serde_json::json!({ "n": 2 })),
            first.clone(),
            event(serde_json::json!({ "n": 3 })),
            event(serde_json::json!({ "n": "not a number" })),
            event(serde_json::json!({ "n": 4 })),
        ];
        handle_run(&db, &run(&subscriber, &events)).await.unwrap();
        assert_eq!(
            *observed.lock().unwrap(),
            vec![(1, 0), (2, 0), (4, 0)],
            "in order, the copy skipped, nothing visible before the commit"
        );
        assert_eq!(
            column(&db, "SELECT CAST(n AS TEXT) FROM seen ORDER BY n").await,
            ["1", "2", "4"]
        );
        let mut handled = vec![
            events[0].id.clone(),
            events[1].id.clone(),
            events[4].id.clone(),
            events[5].id.clone(),
        ];
        handled.sort();
        assert_eq!(
            column(&db, "SELECT event_id FROM processed_event ORDER BY event_id").await,
            handled,
            "the unwanted event leaves no record"
        );
        assert_eq!(
            column(&db, "SELECT event_id FROM dead_letter").await,
            [events[4].id.clone()]
        );
        handle_run(&db, &run(&subscriber, &events)).await.unwrap();
        assert_eq!(
            observed.lock().unwrap().len(),
            3,
            "a redelivered run changes nothing"
        );
    }

    /// A failure anywhere in a run leaves nothing of it, records included, for the reader to
    /// handle its events one at a time.
    #[tokio::test]
    async fn a_failing_event_rolls_the_whole_run_back() {
        let dir = tempfile::tempdir().unwrap();
        let (db, subscriber, _) = counter(&dir).await;
        let events = [
            event(serde_json::json!({ "n": 1 })),
            event(serde_json::json!({ "n": "not a number" })),
            event(serde_json::json!({ "n": 99 })),
        ];
        assert!(handle_run(&db, &run(&subscriber, &events)).await.is_err());
        assert!(column(&db, "SELECT CAST(n AS TEXT) FROM seen").await.is_empty());
        assert!(column(&db, "SELECT event_id FROM processed_event")
            .await
            .is_empty());
        assert!(column(&db, "SELECT event_id FROM dead_letter").await.is_empty());
    }

    /// A run of events none of its subscribers wants is passed over without a transaction: it
    /// does not wait for the write lock another writer holds (on SQLite, where it would).
    #[tokio::test]
    async fn a_run_nobody_wants_takes_no_write_lock() {
        let dir = tempfile::tempdir().unwrap();
        let (db, subscriber, observed) = counter(&dir).await;
        let events = [
            event(serde_json::json!({ "n": 3 })),
            event(serde_json::json!({ "n": 3 })),
        ];
        let writer = db.begin_write().await.unwrap();
        tokio::time::timeout(
            std::time::Duration::from_secs(2),
            handle_run(&db, &run(&subscriber, &events)),
        )
        .await
        .expect("no wait for the writer")
        .unwrap();
        writer.rollback().await.unwrap();
        assert!(observed.lock().unwrap().is_empty());
        assert!(column(&db, "SELECT event_id FROM processed_event")
            .await
            .is_empty());
    }
}
