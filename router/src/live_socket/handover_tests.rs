use super::meet;
use futures::channel::mpsc::{unbounded, UnboundedSender};
use futures::stream::BoxStream;
use futures::{Stream, StreamExt};
use prometheus::IntCounter;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

/// A stream of the results a test sends, that tells when it was dropped.
struct Watched {
    results: futures::channel::mpsc::UnboundedReceiver<Vec<u8>>,
    dropped: Arc<AtomicBool>,
}

impl Stream for Watched {
    type Item = Vec<u8>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Vec<u8>>> {
        self.results.poll_next_unpin(cx)
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        self.dropped.store(true, Ordering::SeqCst);
    }
}

fn watched() -> (UnboundedSender<Vec<u8>>, Watched, Arc<AtomicBool>) {
    let (sender, results) = unbounded();
    let dropped = Arc::new(AtomicBool::new(false));
    let stream = Watched {
        results,
        dropped: dropped.clone(),
    };
    (sender, stream, dropped)
}

/// Hive's results and the router's own, each sent by the test; the run's results; and
/// whether Hive's and the router's subscriptions were dropped.
struct Meeting {
    hive: UnboundedSender<Vec<u8>>,
    own: UnboundedSender<Vec<u8>>,
    results: BoxStream<'static, Vec<u8>>,
    hive_dropped: Arc<AtomicBool>,
    own_dropped: Arc<AtomicBool>,
    handed_over: IntCounter,
}

fn meeting() -> Meeting {
    let (hive, hive_results, hive_dropped) = watched();
    let (own, own_results, own_dropped) = watched();
    let handed_over = IntCounter::new("handed_over", "test").unwrap();
    let results = meet(
        Box::pin(hive_results),
        move || own_results,
        Duration::from_secs(10),
        handed_over.clone(),
    );
    Meeting {
        hive,
        own,
        results,
        hive_dropped,
        own_dropped,
        handed_over,
    }
}

/// A [`meeting`] past Hive's first result, `A`, which the run sent on.
async fn started() -> Meeting {
    let mut m = meeting();
    m.hive.unbounded_send(state("A")).unwrap();
    assert_eq!(next(&mut m.results).await, "A");
    m
}

fn state(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

async fn next(results: &mut BoxStream<'static, Vec<u8>>) -> String {
    let result = tokio::time::timeout(Duration::from_secs(5), results.next())
        .await
        .expect("a result in time")
        .expect("a result");
    String::from_utf8(result).unwrap()
}

#[tokio::test]
async fn the_run_moves_once_its_own_result_is_the_state_hive_sent() {
    let mut m = started().await;
    // The router's first result is the state Hive already sent: not sent again.
    m.own.unbounded_send(state("A")).unwrap();
    m.own.unbounded_send(state("B")).unwrap();
    assert_eq!(next(&mut m.results).await, "B");
    assert!(
        m.hive_dropped.load(Ordering::SeqCst),
        "Hive's subscription dropped"
    );
    assert!(!m.own_dropped.load(Ordering::SeqCst));
    assert_eq!(m.handed_over.get(), 1);
    // Whatever Hive had still on its way goes nowhere.
    assert!(m.hive.unbounded_send(state("B")).is_err());
    m.own.unbounded_send(state("C")).unwrap();
    assert_eq!(next(&mut m.results).await, "C");
}

#[tokio::test]
async fn the_run_moves_once_hive_reaches_the_state_its_own_is_at() {
    let mut m = started().await;
    // The router's subscription started after a change Hive has yet to deliver.
    m.own.unbounded_send(state("B")).unwrap();
    tokio::task::yield_now().await;
    m.hive.unbounded_send(state("B")).unwrap();
    assert_eq!(next(&mut m.results).await, "B");
    m.own.unbounded_send(state("C")).unwrap();
    assert_eq!(next(&mut m.results).await, "C", "B once, then the router's next");
    assert!(m.hive_dropped.load(Ordering::SeqCst));
    assert_eq!(m.handed_over.get(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_run_whose_results_never_meet_stays_on_hive() {
    let mut m = started().await;
    m.own.unbounded_send(state("Z")).unwrap();
    // Hive's next result comes after the 10 s window (paused time runs ahead when idle).
    let hive = m.hive.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(11)).await;
        hive.unbounded_send(state("B")).unwrap();
    });
    let later = tokio::time::timeout(Duration::from_secs(60), m.results.next()).await;
    assert_eq!(later.unwrap().unwrap(), b"B");
    assert!(
        m.own_dropped.load(Ordering::SeqCst),
        "the router's subscription dropped"
    );
    assert!(!m.hive_dropped.load(Ordering::SeqCst));
    assert_eq!(m.handed_over.get(), 0);
    m.hive.unbounded_send(state("C")).unwrap();
    assert_eq!(next(&mut m.results).await, "C");
}

/// At their limit a caller's identical subscription replaces the older one at the subgraph,
/// which ends Hive's with CONFLICT: the run goes on with the router's, the refusal unsent.
#[tokio::test]
async fn hive_refused_or_ended_before_they_meet_hands_the_run_over() {
    let mut m = started().await;
    let conflict = r#"{"data":null,"errors":[{"message":"replaced","extensions":{"code":"CONFLICT"}}]}"#;
    m.hive.unbounded_send(state(conflict)).unwrap();
    m.hive.close_channel();
    tokio::task::yield_now().await;
    m.own.unbounded_send(state("B")).unwrap();
    assert_eq!(next(&mut m.results).await, "B");
    m.own.unbounded_send(state("C")).unwrap();
    assert_eq!(next(&mut m.results).await, "C");
    assert!(m.hive_dropped.load(Ordering::SeqCst));
    assert_eq!(m.handed_over.get(), 1);
    // The router's own ending ends the run.
    m.own.close_channel();
    assert!(m.results.next().await.is_none());
}

/// Hive's own failure (its connection to the subgraph lost, say) during the meeting is not
/// sent: the router's subscription, on a connection of its own, carries the run on.
#[tokio::test]
async fn hives_own_failure_before_they_meet_hands_the_run_over_unsent() {
    let mut m = started().await;
    m.own.unbounded_send(state("B")).unwrap();
    tokio::task::yield_now().await;
    let failure = r#"{"errors":[{"message":"subgraph connection lost","extensions":{"code":"SUBGRAPH_REQUEST_FAILURE"}}]}"#;
    m.hive.unbounded_send(state(failure)).unwrap();
    assert_eq!(
        next(&mut m.results).await,
        "B",
        "the router's latest, not Hive's failure"
    );
    m.own.unbounded_send(state("C")).unwrap();
    assert_eq!(next(&mut m.results).await, "C");
    assert!(m.hive_dropped.load(Ordering::SeqCst));
    assert_eq!(m.handed_over.get(), 1);
}

/// A result with data and errors is a state like any other: sent, and met on.
#[tokio::test]
async fn a_result_with_data_and_errors_is_not_a_refusal() {
    let mut m = started().await;
    let partial = r#"{"data":{"deliveryUpdated":null},"errors":[{"message":"courier unknown"}]}"#;
    m.hive.unbounded_send(state(partial)).unwrap();
    assert_eq!(next(&mut m.results).await, partial);
    assert_eq!(m.handed_over.get(), 0);
    m.own.unbounded_send(state(partial)).unwrap();
    m.own.unbounded_send(state("C")).unwrap();
    assert_eq!(next(&mut m.results).await, "C");
    assert_eq!(m.handed_over.get(), 1);
}

#[tokio::test]
async fn the_run_stays_on_hive_when_its_own_subscription_ends_first() {
    let mut m = started().await;
    m.own.close_channel();
    tokio::task::yield_now().await;
    m.hive.unbounded_send(state("B")).unwrap();
    assert_eq!(next(&mut m.results).await, "B");
    assert_eq!(m.handed_over.get(), 0);
}

#[tokio::test]
async fn nothing_is_subscribed_for_a_run_hive_never_started() {
    let (hive, hive_results, _) = watched();
    let subscribed = Arc::new(AtomicBool::new(false));
    let flag = subscribed.clone();
    let mut results = meet(
        Box::pin(hive_results),
        move || {
            flag.store(true, Ordering::SeqCst);
            futures::stream::empty()
        },
        Duration::from_secs(10),
        IntCounter::new("handed_over", "test").unwrap(),
    );
    drop(hive);
    assert!(results.next().await.is_none());
    assert!(!subscribed.load(Ordering::SeqCst));
}
