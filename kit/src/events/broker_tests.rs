//! The broker on a real NATS server (`VITRINE_TEST_NATS_URL`, default the local one), in a
//! namespace of its own.

use super::*;
use crate::contracts::{
    COURIER_MOVED, KITCHEN_TICKET_CHANGED, ORDER_CANCELLED, ORDER_STATUS_CHANGED, PAYMENT_CAPTURED,
};
use crate::events::{subscribe_once, EventBus, Handler};

fn scratch_config() -> EventsConfig {
    EventsConfig {
        nats_url: Some(
            std::env::var("VITRINE_TEST_NATS_URL")
                .ok()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| "nats://127.0.0.1:4222".into()),
        ),
        namespace: format!("t{}", uuid::Uuid::new_v4().simple()),
        advertise_url: None,
    }
}

/// A broker on a namespace of its own.
async fn scratch_broker() -> (EventsConfig, Arc<Broker>) {
    let config = scratch_config();
    let broker = Broker::connect(&config)
        .await
        .expect("a NATS server with JetStream");
    (config, Arc::new(broker))
}

async fn delete_stream(broker: &Broker) {
    // Its consumers first: a consumer still running would make the stream again.
    broker.stop_consuming(Duration::from_secs(10)).await;
    let deleted = forget_namespace(broker.jetstream(), broker.namespace())
        .await
        .unwrap();
    assert!(deleted >= 1, "the stream (and the lease bucket if consumers ran)");
    let gone = broker.jetstream().get_stream(broker.stream_name()).await;
    assert!(gone.is_err(), "the stream is gone");
}

fn event(topic: &str) -> Event {
    Event {
        id: crate::ids::new_id("evt"),
        topic: topic.to_string(),
        payload: serde_json::json!({}),
    }
}

/// Publishes `topic` until the live feed passes one on (its consumer starts from "now"), then
/// drops what else arrived; returns how many it published.
async fn warm_up(broker: &Broker, live: &mut tokio::sync::broadcast::Receiver<Event>, topic: &str) -> u64 {
    for published in 1..=100 {
        broker.publish(&event(topic)).await.unwrap();
        if tokio::time::timeout(Duration::from_millis(200), live.recv())
            .await
            .is_ok()
        {
            while live.try_recv().is_ok() {}
            return published;
        }
    }
    panic!("the live feed of {topic} never started");
}

/// Under a flood of positions, a subgraph's durable consumer is handed only the events of its
/// own stream subjects (so none of the flood has to be received and acknowledged one by one
/// before its next event), while the live feed sees every event of its topics.
#[tokio::test]
async fn durable_consumers_never_receive_live_only_events_and_live_feeds_receive_theirs() {
    let (config, broker) = scratch_broker().await;
    let (handled_tx, mut handled) = tokio::sync::mpsc::unbounded_channel();
    let handler: Handler = Arc::new(move |event: Event| {
        let handled_tx = handled_tx.clone();
        Box::pin(async move {
            let _ = handled_tx.send(event.topic);
            Ok(())
        })
    });
    let subscriber = Subscriber {
        consumer: "orders.status".into(),
        handler,
        in_transaction: None,
    };
    consume_status_changes(&broker, subscriber);
    let (live_tx, mut live) = tokio::sync::broadcast::channel(4096);
    let topics = [COURIER_MOVED, ORDER_STATUS_CHANGED];
    broker
        .clone()
        .feed_live(live_tx, topics.map(String::from).to_vec());
    // Each topic's live feed starts from "now": wait until both are up before counting.
    let mut status_warm_ups = 0u64;
    for topic in topics {
        let published = warm_up(&broker, &mut live, topic).await;
        if topic == ORDER_STATUS_CHANGED {
            status_warm_ups += published;
        }
    }
    for _ in 0..status_warm_ups {
        let _ = tokio::time::timeout(Duration::from_secs(10), handled.recv()).await;
    }

    const POSITIONS: usize = 300;
    for _ in 0..POSITIONS {
        broker.publish(&event(COURIER_MOVED)).await.unwrap();
    }
    broker.publish(&event(ORDER_STATUS_CHANGED)).await.unwrap();
    let topic = tokio::time::timeout(Duration::from_secs(20), handled.recv())
        .await
        .expect("the status change is handled")
        .unwrap();
    assert_eq!(topic, ORDER_STATUS_CHANGED);

    let mut live_topics = HashMap::<String, usize>::new();
    while live_topics.values().sum::<usize>() < POSITIONS + 1 {
        let event = tokio::time::timeout(Duration::from_secs(10), live.recv())
            .await
            .expect("every event on the live feed")
            .unwrap();
        *live_topics.entry(event.topic).or_default() += 1;
    }
    assert_eq!(live_topics.get(COURIER_MOVED), Some(&POSITIONS));
    assert_eq!(live_topics.get(ORDER_STATUS_CHANGED), Some(&1));

    // The durable consumer was handed the warm-ups and the status change, none of the flood.
    let stream = broker.jetstream().get_stream(broker.stream_name()).await.unwrap();
    let mut consumer: consumer::PullConsumer = stream
        .get_consumer(&format!("{}-orders-orders", config.namespace))
        .await
        .unwrap();
    let info = consumer.info().await.unwrap();
    assert_eq!(info.delivered.consumer_sequence, status_warm_ups + 1);
    delete_stream(&broker).await;
}

/// A deployment whose stream was made before live-only subjects existed gets them on start.
#[tokio::test]
async fn a_stream_made_without_live_subjects_gains_them() {
    let config = scratch_config();
    let client = async_nats::connect(config.nats_url.as_deref().unwrap())
        .await
        .unwrap();
    let jetstream = jetstream::new(client);
    let name = config.namespace.to_ascii_uppercase();
    jetstream
        .create_stream(stream::Config {
            name: name.clone(),
            subjects: vec![format!("{}.>", config.namespace)],
            ..Default::default()
        })
        .await
        .unwrap();
    let broker = Broker::connect(&config).await.unwrap();
    broker
        .publish(&event(COURIER_MOVED))
        .await
        .expect("a live-only subject is stored");
    let mut stream = jetstream.get_stream(&name).await.unwrap();
    let subjects = stream.info().await.unwrap().config.subjects.clone();
    assert_eq!(
        subjects,
        [
            format!("{}.>", config.namespace),
            format!("{}_live.>", config.namespace)
        ]
    );
    jetstream.delete_stream(&name).await.unwrap();
}

/// A process's live feed reads only the topics its live fields follow: positions and other
/// topics published meanwhile never reach it.
#[tokio::test]
async fn a_live_feed_reads_only_its_topics() {
    let (_, broker) = scratch_broker().await;
    let (live_tx, mut live) = tokio::sync::broadcast::channel(4096);
    broker
        .clone()
        .feed_live(live_tx, vec![ORDER_STATUS_CHANGED.to_string()]);
    warm_up(&broker, &mut live, ORDER_STATUS_CHANGED).await;
    for topic in [COURIER_MOVED, "test.other"] {
        for _ in 0..5 {
            broker.publish(&event(topic)).await.unwrap();
        }
    }
    let status = event(ORDER_STATUS_CHANGED);
    broker.publish(&status).await.unwrap();
    let first = tokio::time::timeout(Duration::from_secs(10), live.recv())
        .await
        .expect("the status change on the live feed")
        .unwrap();
    assert_eq!(first.id, status.id, "nothing else came first");
    let more = tokio::time::timeout(Duration::from_millis(300), live.recv()).await;
    assert!(more.is_err(), "and nothing else after: {more:?}");
    delete_stream(&broker).await;
}

/// A handler that reports each event it is handed, and a subscriber of `consumer` with it.
fn reporting(consumer: &str) -> (Subscriber, tokio::sync::mpsc::UnboundedReceiver<Event>) {
    reporting_after(consumer, Duration::ZERO)
}

/// [`reporting`], each event after `pause`.
fn reporting_after(
    consumer: &str,
    pause: Duration,
) -> (Subscriber, tokio::sync::mpsc::UnboundedReceiver<Event>) {
    let (handled_tx, handled) = tokio::sync::mpsc::unbounded_channel();
    let handler: Handler = Arc::new(move |event: Event| {
        let handled_tx = handled_tx.clone();
        Box::pin(async move {
            tokio::time::sleep(pause).await;
            let _ = handled_tx.send(event);
            Ok(())
        })
    });
    let subscriber = Subscriber {
        consumer: consumer.into(),
        handler,
        in_transaction: None,
    };
    (subscriber, handled)
}

/// `broker` starts consuming order status changes for `subscriber` alone.
fn consume_status_changes(broker: &Arc<Broker>, subscriber: Subscriber) {
    broker.clone().consume(HashMap::from([(
        ORDER_STATUS_CHANGED.to_string(),
        vec![subscriber],
    )]));
}

async fn next(handled: &mut tokio::sync::mpsc::UnboundedReceiver<Event>) -> Event {
    tokio::time::timeout(Duration::from_secs(20), handled.recv())
        .await
        .expect("an event is handled")
        .unwrap()
}

/// A subgraph reads each publisher it follows on a consumer of its own: a publisher whose
/// handler is stuck does not hold up another's events, each publisher's events still come in
/// its order, and a flood from a publisher nobody here follows is never handed over.
#[tokio::test]
async fn each_publisher_reaches_a_subgraph_on_a_consumer_of_its_own() {
    let (config, broker) = scratch_broker().await;
    let (orders_subscriber, mut orders_handled) = reporting("delivery.orders");
    let (kitchen_started_tx, mut kitchen_started) = tokio::sync::mpsc::unbounded_channel();
    let release = Arc::new(tokio::sync::Notify::new());
    let stuck: Handler = Arc::new({
        let release = release.clone();
        move |event: Event| {
            let (started, release) = (kitchen_started_tx.clone(), release.clone());
            Box::pin(async move {
                let _ = started.send(event.id);
                release.notified().await;
                Ok(())
            })
        }
    });
    let kitchen_subscriber = Subscriber {
        consumer: "delivery.kitchen".into(),
        handler: stuck,
        in_transaction: None,
    };
    broker.clone().consume(HashMap::from([
        (ORDER_STATUS_CHANGED.to_string(), vec![orders_subscriber.clone()]),
        (ORDER_CANCELLED.to_string(), vec![orders_subscriber]),
        (KITCHEN_TICKET_CHANGED.to_string(), vec![kitchen_subscriber]),
    ]));

    let ticket = event(KITCHEN_TICKET_CHANGED);
    broker.publish(&ticket).await.unwrap();
    let started = tokio::time::timeout(Duration::from_secs(20), kitchen_started.recv())
        .await
        .expect("the kitchen's event is being handled");
    assert_eq!(started, Some(ticket.id));

    const PAYMENTS: usize = 300;
    for _ in 0..PAYMENTS {
        broker.publish(&event(PAYMENT_CAPTURED)).await.unwrap();
    }
    let topics = [ORDER_STATUS_CHANGED, ORDER_CANCELLED];
    let sent: Vec<Event> = (0..10).map(|i| event(topics[i % 2])).collect();
    for e in &sent {
        broker.publish(e).await.unwrap();
    }
    let mut received = Vec::new();
    for _ in &sent {
        received.push(next(&mut orders_handled).await.id);
    }
    let sent_ids: Vec<String> = sent.iter().map(|e| e.id.clone()).collect();
    assert_eq!(
        received, sent_ids,
        "orders' events, in orders' order, while the kitchen's is stuck"
    );
    release.notify_one();

    let stream = broker.jetstream().get_stream(broker.stream_name()).await.unwrap();
    let orders = stream
        .consumer_info(format!("{}-delivery-orders", config.namespace))
        .await
        .unwrap();
    assert_eq!(
        orders.delivered.consumer_sequence,
        sent.len() as u64,
        "no payment was handed over"
    );
    assert_eq!(
        orders.config.filter_subject,
        format!("{}.orders.>", config.namespace)
    );
    let payments = stream
        .consumer_info(format!("{}-delivery-payments", config.namespace))
        .await;
    assert!(payments.is_err(), "nobody here follows payments: {payments:?}");
    delete_stream(&broker).await;
}

/// After an upgrade from one consumer per subgraph over the whole stream, each publisher's
/// consumer starts after what the old one acknowledged: nothing handled is handed over again,
/// nothing unacknowledged is skipped.
#[tokio::test]
async fn an_upgrade_starts_after_the_old_consumers_acknowledgement_floor() {
    let (config, broker) = scratch_broker().await;
    let stream = broker.jetstream().get_stream(broker.stream_name()).await.unwrap();
    let old_name = format!("{}-delivery", config.namespace);
    let old: consumer::PullConsumer = stream
        .create_consumer(consumer::pull::Config {
            durable_name: Some(old_name.clone()),
            filter_subject: format!("{}.>", config.namespace),
            ack_policy: consumer::AckPolicy::Explicit,
            max_ack_pending: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    let handled_before = event(ORDER_STATUS_CHANGED);
    broker.publish(&handled_before).await.unwrap();
    let mut batch = old.fetch().max_messages(1).messages().await.unwrap();
    let message = batch.next().await.unwrap().unwrap();
    assert_eq!(
        serde_json::from_slice::<Event>(&message.payload).unwrap().id,
        handled_before.id
    );
    message.double_ack().await.unwrap();
    let pending_at_upgrade = event(ORDER_STATUS_CHANGED);
    broker.publish(&pending_at_upgrade).await.unwrap();

    let (subscriber, mut handled) = reporting("delivery.orders");
    consume_status_changes(&broker, subscriber);
    assert_eq!(next(&mut handled).await.id, pending_at_upgrade.id);
    let after = event(ORDER_STATUS_CHANGED);
    broker.publish(&after).await.unwrap();
    assert_eq!(next(&mut handled).await.id, after.id);
    delete_stream(&broker).await;
}

/// Two replicas of one subgraph reading order status changes; the first, whose handler takes
/// `pause` per event, holds the lease.
struct Replicas {
    first: Arc<Broker>,
    second: Arc<Broker>,
    first_handled: tokio::sync::mpsc::UnboundedReceiver<Event>,
    second_handled: tokio::sync::mpsc::UnboundedReceiver<Event>,
}

async fn two_replicas(pause: Duration) -> Replicas {
    let (config, first) = scratch_broker().await;
    let second = Arc::new(Broker::connect(&config).await.unwrap());
    let (subscriber, mut first_handled) = reporting_after("delivery.orders", pause);
    consume_status_changes(&first, subscriber);
    // The first takes the lease before the second asks for it.
    let warm = event(ORDER_STATUS_CHANGED);
    first.publish(&warm).await.unwrap();
    assert_eq!(next(&mut first_handled).await.id, warm.id);
    let (subscriber, second_handled) = reporting("delivery.orders");
    consume_status_changes(&second, subscriber);
    Replicas {
        first,
        second,
        first_handled,
        second_handled,
    }
}

impl Replicas {
    /// Stops the first once it handled 10 of the `sent` events, then waits for the second to
    /// handle the rest: what each handled, in order; checks that the two together handled each
    /// event once, in order, and nothing more.
    async fn hand_over(mut self, sent: &[Event]) -> (Vec<String>, Vec<String>) {
        let mut by_first = Vec::new();
        for _ in 0..10 {
            by_first.push(next(&mut self.first_handled).await.id);
        }
        self.first.stop_consuming(Duration::from_secs(10)).await;
        while let Ok(e) = self.first_handled.try_recv() {
            by_first.push(e.id);
        }
        let mut by_second = Vec::new();
        while by_first.len() + by_second.len() < sent.len() {
            by_second.push(next(&mut self.second_handled).await.id);
        }
        let sent_ids: Vec<String> = sent.iter().map(|e| e.id.clone()).collect();
        assert_eq!(
            [by_first.clone(), by_second.clone()].concat(),
            sent_ids,
            "each event once, in order, across the handover ({} then {})",
            by_first.len(),
            by_second.len()
        );
        let extra = tokio::time::timeout(Duration::from_millis(500), self.second_handled.recv()).await;
        assert!(extra.is_err(), "nothing twice: {extra:?}");
        self.second.stop_consuming(Duration::from_secs(10)).await;
        delete_stream(&self.first).await;
        (by_first, by_second)
    }
}

/// Two replicas of one subgraph: only the lease holder reads, in order; when it stops (as on
/// SIGTERM) it finishes the event in hand and gives the rest back, and the other replica takes
/// over at once with exactly those, still in order.
#[tokio::test]
async fn one_replica_reads_a_consumer_and_hands_it_over_in_order_when_it_stops() {
    let replicas = two_replicas(Duration::from_millis(30)).await;
    let sent: Vec<Event> = (0..40).map(|_| event(ORDER_STATUS_CHANGED)).collect();
    for e in &sent {
        replicas.first.publish(e).await.unwrap();
    }
    let (_, by_second) = replicas.hand_over(&sent).await;
    assert!(
        !by_second.is_empty(),
        "the second replica read after the handover"
    );
}

/// While the first event is being handled the consumer keeps handing the next ones over (they
/// need not wait for its acknowledgement); an event whose handler fails is retried before any
/// event behind it runs, and nothing runs twice.
#[tokio::test]
async fn events_come_ahead_while_one_is_handled_and_a_failing_one_is_retried_in_place() {
    let (config, broker) = scratch_broker().await;
    let release = Arc::new(tokio::sync::Notify::new());
    let attempts = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let failing = Arc::new(std::sync::Mutex::new(None::<String>));
    let handler: Handler = Arc::new({
        let (release, attempts, failing) = (release.clone(), attempts.clone(), failing.clone());
        move |event: Event| {
            let (release, attempts, failing) = (release.clone(), attempts.clone(), failing.clone());
            Box::pin(async move {
                let first_attempt_of_all = attempts.lock().unwrap().is_empty();
                attempts.lock().unwrap().push(event.id.clone());
                if first_attempt_of_all {
                    release.notified().await;
                }
                let fails = failing.lock().unwrap().take_if(|id| *id == event.id).is_some();
                anyhow::ensure!(!fails, "simulated failure");
                Ok(())
            })
        }
    });
    let subscriber = Subscriber {
        consumer: "delivery.orders".into(),
        handler,
        in_transaction: None,
    };
    consume_status_changes(&broker, subscriber);
    let sent: Vec<Event> = (0..10).map(|_| event(ORDER_STATUS_CHANGED)).collect();
    *failing.lock().unwrap() = Some(sent[3].id.clone());
    for e in &sent {
        broker.publish(e).await.unwrap();
    }
    let stream = broker.jetstream().get_stream(broker.stream_name()).await.unwrap();
    let durable = format!("{}-delivery-orders", config.namespace);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let info = stream.consumer_info(&durable).await.unwrap();
        if info.num_ack_pending == sent.len() {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "all ten handed over while the first is held: {} of them",
            info.num_ack_pending
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        attempts.lock().unwrap().len(),
        1,
        "only the first one runs meanwhile"
    );
    release.notify_one();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while stream.consumer_info(&durable).await.unwrap().num_ack_pending > 0 {
        assert!(tokio::time::Instant::now() < deadline, "all acknowledged");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let mut expected: Vec<String> = sent.iter().map(|e| e.id.clone()).collect();
    expected.insert(4, sent[3].id.clone());
    assert_eq!(
        *attempts.lock().unwrap(),
        expected,
        "the failed event again right away, then the rest, each once"
    );
    delete_stream(&broker).await;
}

/// A consumer an earlier version made, handing over one event at a time, is given
/// [`IN_FLIGHT`].
#[tokio::test]
async fn a_consumer_made_with_one_event_in_flight_gets_more() {
    let (config, broker) = scratch_broker().await;
    let stream = broker.jetstream().get_stream(broker.stream_name()).await.unwrap();
    let durable = format!("{}-delivery-orders", config.namespace);
    stream
        .create_consumer(consumer::pull::Config {
            durable_name: Some(durable.clone()),
            filter_subject: publisher_subjects(&config.namespace, "orders"),
            ack_policy: consumer::AckPolicy::Explicit,
            ack_wait: ACK_WAIT,
            max_ack_pending: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    let (subscriber, mut handled) = reporting("delivery.orders");
    consume_status_changes(&broker, subscriber);
    let sent = event(ORDER_STATUS_CHANGED);
    broker.publish(&sent).await.unwrap();
    assert_eq!(next(&mut handled).await.id, sent.id);
    let info = stream.consumer_info(&durable).await.unwrap();
    assert_eq!(info.config.max_ack_pending, IN_FLIGHT);
    delete_stream(&broker).await;
}

/// More events than may be in flight, behind a handler that is held: once it is let go, every
/// one is handled in order without a pause (a pull refused at the limit would end the reading
/// and wait out the ack wait).
#[tokio::test]
async fn more_events_than_fit_in_flight_all_come_in_order_without_a_pause() {
    let (_, broker) = scratch_broker().await;
    let release = Arc::new(tokio::sync::Notify::new());
    let (handled_tx, mut handled) = tokio::sync::mpsc::unbounded_channel();
    let held_first = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let handler: Handler = Arc::new({
        let release = release.clone();
        move |event: Event| {
            let (release, handled_tx, held_first) = (release.clone(), handled_tx.clone(), held_first.clone());
            Box::pin(async move {
                if held_first.swap(false, std::sync::atomic::Ordering::SeqCst) {
                    release.notified().await;
                }
                let _ = handled_tx.send(event.id);
                Ok(())
            })
        }
    });
    let subscriber = Subscriber {
        consumer: "delivery.orders".into(),
        handler,
        in_transaction: None,
    };
    consume_status_changes(&broker, subscriber);
    let count = 3 * IN_FLIGHT as usize;
    let sent: Vec<Event> = (0..count).map(|_| event(ORDER_STATUS_CHANGED)).collect();
    for e in &sent {
        broker.publish(e).await.unwrap();
    }
    // Long enough for the reader to have asked for more than the limit allows.
    tokio::time::sleep(PULL_EXPIRES + Duration::from_millis(500)).await;
    release.notify_one();
    let started = tokio::time::Instant::now();
    let mut received = Vec::new();
    while received.len() < count {
        let id = tokio::time::timeout(Duration::from_secs(20), handled.recv())
            .await
            .expect("every event is handled")
            .unwrap();
        received.push(id);
    }
    let took = started.elapsed();
    let sent_ids: Vec<String> = sent.iter().map(|e| e.id.clone()).collect();
    assert_eq!(received, sent_ids, "in order, each once");
    assert!(took < ACK_WAIT, "no pause at the limit: {took:?}");
    delete_stream(&broker).await;
}

/// Events held together are handled in one transaction; when one of them fails, the run is
/// rolled back and handled one event at a time, the failing one retried in place: every
/// event is applied once in effect, each after exactly the ones before it.
#[tokio::test]
async fn held_events_share_a_transaction_and_a_failing_one_is_retried_alone() {
    #[derive(serde::Deserialize)]
    struct Payload {
        n: i64,
    }
    let (_, broker) = scratch_broker().await;
    let dir = tempfile::tempdir().unwrap();
    let db = crate::events::together::tests::with_seen_table(&dir, "reader_test").await;
    let release = Arc::new(tokio::sync::Notify::new());
    let first_started = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // (n, rows its transaction sees before adding its own, rows another connection sees)
    let observed = Arc::new(std::sync::Mutex::new(Vec::<(i64, i64, i64)>::new()));
    let failures_left = Arc::new(std::sync::atomic::AtomicUsize::new(2));
    let bus = EventBus::new();
    let (pool, sink, held_release, started) = (
        db.pool().clone(),
        observed.clone(),
        release.clone(),
        first_started.clone(),
    );
    subscribe_once(
        &bus,
        &db,
        ORDER_STATUS_CHANGED,
        "delivery.counter",
        move |tx, payload: Payload| {
            let (pool, sink, release, failures_left, started) = (
                pool.clone(),
                sink.clone(),
                held_release.clone(),
                failures_left.clone(),
                started.clone(),
            );
            Box::pin(async move {
                if payload.n == 0 {
                    started.store(true, std::sync::atomic::Ordering::SeqCst);
                    release.notified().await;
                }
                let inside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM seen")
                    .fetch_one(&mut **tx)
                    .await?;
                let outside: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM seen")
                    .fetch_one(&pool)
                    .await?;
                sink.lock().unwrap().push((payload.n, inside, outside));
                let fails = payload.n == 5
                    && failures_left
                        .fetch_update(
                            std::sync::atomic::Ordering::SeqCst,
                            std::sync::atomic::Ordering::SeqCst,
                            |left| left.checked_sub(1),
                        )
                        .is_ok();
                anyhow::ensure!(!fails, "simulated failure");
                sqlx::query("INSERT INTO seen (n) VALUES ($1)")
                    .bind(payload.n)
                    .execute(&mut **tx)
                    .await?;
                Ok(())
            })
        },
    );
    let subscriber = bus.subscribers.read().unwrap()[ORDER_STATUS_CHANGED][0].clone();
    consume_status_changes(&broker, subscriber);
    for n in 0..10 {
        let mut sent = event(ORDER_STATUS_CHANGED);
        sent.payload = serde_json::json!({ "n": n });
        broker.publish(&sent).await.unwrap();
    }
    // The first one is held while the others arrive behind it.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while !first_started.load(std::sync::atomic::Ordering::SeqCst) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the first event is handled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    release.notify_one();
    while sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM seen")
        .fetch_one(db.pool())
        .await
        .unwrap()
        < 10
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "all ten applied: {:?}",
            observed.lock().unwrap()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let observed = observed.lock().unwrap().clone();
    assert!(
        observed.iter().all(|&(n, inside, _)| inside == n),
        "each applied after exactly the ones before it: {observed:?}"
    );
    assert!(
        observed.iter().any(|&(_, inside, outside)| outside < inside),
        "events applied together, before one commit: {observed:?}"
    );
    let attempts_of_five = observed.iter().filter(|&&(n, _, _)| n == 5).count();
    assert_eq!(
        attempts_of_five, 3,
        "in the run, alone, again after a pause: {observed:?}"
    );
    let distinct: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT n) FROM seen")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(distinct, 10, "each once");
    delete_stream(&broker).await;
}

/// A relay's run of consecutive events on one topic goes in one message: the durable consumer
/// and the live feed still get each event, in outbox order, and an event of another topic in
/// between keeps its place.
#[tokio::test]
async fn a_run_of_events_travels_in_one_message_and_each_arrives_in_order() {
    let (_, broker) = scratch_broker().await;
    let (subscriber, mut handled) = reporting("delivery.orders");
    broker.clone().consume(HashMap::from([
        (ORDER_STATUS_CHANGED.to_string(), vec![subscriber.clone()]),
        (ORDER_CANCELLED.to_string(), vec![subscriber]),
    ]));
    let (live_tx, mut live) = tokio::sync::broadcast::channel(4096);
    broker
        .clone()
        .feed_live(live_tx, vec![ORDER_STATUS_CHANGED.to_string()]);
    let warm_ups = warm_up(&broker, &mut live, ORDER_STATUS_CHANGED).await;
    for _ in 0..warm_ups {
        next(&mut handled).await;
    }
    let stream = broker.jetstream().get_stream(broker.stream_name()).await.unwrap();
    let messages_before = stream.get_info().await.unwrap().state.messages;

    let mut sent: Vec<Event> = (0..150).map(|_| event(ORDER_STATUS_CHANGED)).collect();
    sent.insert(100, event(ORDER_CANCELLED));
    broker.publish_all(&sent).await.unwrap();

    let messages = stream.get_info().await.unwrap().state.messages - messages_before;
    assert_eq!(messages, 4, "64 and 36 status changes, the cancellation, 50 more");
    let mut handled_ids = Vec::new();
    while handled_ids.len() < sent.len() {
        handled_ids.push(next(&mut handled).await.id);
    }
    let sent_ids: Vec<String> = sent.iter().map(|e| e.id.clone()).collect();
    assert_eq!(handled_ids, sent_ids, "each event once, in order");
    let mut live_ids = Vec::new();
    while live_ids.len() < sent.len() - 1 {
        let event = tokio::time::timeout(Duration::from_secs(10), live.recv())
            .await
            .expect("every status change on the live feed")
            .unwrap();
        live_ids.push(event.id);
    }
    let status_ids: Vec<String> = sent
        .iter()
        .filter(|e| e.topic == ORDER_STATUS_CHANGED)
        .map(|e| e.id.clone())
        .collect();
    assert_eq!(live_ids, status_ids);
    delete_stream(&broker).await;
}

/// A replica asked to stop half-way through a message's events finishes that message (handed
/// back, it would come again whole) and gives back only the messages it had not started.
#[tokio::test]
async fn a_replica_stopping_mid_message_finishes_it_and_the_next_reads_on_in_order() {
    let replicas = two_replicas(Duration::from_millis(20)).await;
    // Two messages of 64 events each, and a lone one.
    let sent: Vec<Event> = (0..129).map(|_| event(ORDER_STATUS_CHANGED)).collect();
    replicas.first.publish_all(&sent).await.unwrap();
    let (by_first, _) = replicas.hand_over(&sent).await;
    assert!(
        by_first.len() % 64 == 0,
        "the first stops at a message's end: {}",
        by_first.len()
    );
}
