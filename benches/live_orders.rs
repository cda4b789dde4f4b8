//! `cargo bench --bench live_orders`: many orders, each followed live by its own signed-in
//! customer, as the storefront's order page follows one (`deliveryUpdated` with the
//! storefront's whole selection, graphql-transport-ws, one connection per customer, the token
//! in `connection_init`).
//!
//! The system is distributed: every subgraph its own process, events through NATS JetStream,
//! and BENCH_ROUTERS router replicas (default 2) with the customers split between them. For
//! each size in BENCH_SIZES (default 1000,5000,10000), a fresh system:
//! 1. N orders are confirmed: their `orders.order_confirmed` facts are published to the bus
//!    (the contract orders publishes), so delivery opens a delivery for each.
//! 2. N customers connect, each with a token of their own (minted with the development key) in
//!    `connection_init`, and wait; then all subscribe, and the bench waits until every subgraph
//!    has handled the events the set-up set off.
//! 3. For BENCH_SECONDS (default 20), couriers report positions: one `delivery.courier_moved`
//!    per courier per second, each naming the 20 orders on its route (the contract delivery's
//!    own simulation publishes), so every order gets about one position event a second. During
//!    the same window every order (or BENCH_STATUS_CHANGES of them) becomes READY_FOR_DELIVERY
//!    once, at a random moment (`orders.order_status_changed`): delivery records the status
//!    and announces it, and that status change must reach its customer. Every order at once is
//!    a stress load (10 000 orders: 500 a second leaving the kitchen, each setting off writes and
//!    events in delivery, notifications and orders); a few hundred in the window is nearer a
//!    real kitchen's pace.
//!
//! Reported: messages delivered per second; latency from an event's publication (the bench
//! publishes it the moment it is committed) to the customer's message, p50 and p99 (a message
//! that stands for several coalesced positions counts from the oldest); the same for the status
//! change alone; resident memory per subscription (routers and delivery, after subscribing
//! minus before connecting, divided by N), and the routers' share of it already taken by the
//! connections alone (after connecting, before subscribing); CPU (cores busy, routers +
//! delivery, over the window); status changes lost (must be 0); the most status changes
//! delivery's outbox held unpublished at once (sampled every 250 ms from the window's start to
//! the end of the grace; on SQLite, read from delivery's file; `–` on PostgreSQL).
//!
//! Positions are published by the bench rather than by delivery's courier simulation: the
//! simulation assigns every delivery to a courier by replanning routes, which at 10 000 orders
//! is a dispatch load, not a subscription load. Client and servers share this machine's two
//! cores; read absolute figures with that in mind, compare ratios from one run.
//! Knobs: BENCH_SIZES, BENCH_SECONDS, BENCH_ROUTERS, BENCH_STATUS_CHANGES (how many of the
//! orders become READY in the window, evenly spread over them; default every one; 0: positions
//! only), BENCH_TIMELINE (set: also p50 and p99 for each two seconds of the window).

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

#[path = "support/process.rs"]
mod process;

use futures::{SinkExt, StreamExt};
use helpers::{mint_token, test_nats_url, TestSystem};
use process::{cpu_ticks, env_of, env_or, percentile, rss_kib};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use vitrine_kit::config::EventsConfig;
use vitrine_kit::contracts::{
    status, CourierMoved, DropEta, OrderFact, OrderLineFact, OrderStatusChanged, COURIER_MOVED,
    ORDER_CONFIRMED, ORDER_STATUS_CHANGED,
};
use vitrine_kit::events::broker::Broker;
use vitrine_kit::events::Event;

/// The storefront's order page selection (web/src/api/operations.ts, `DeliveryFields`).
const TRACK: &str = "subscription($o: ID!) { deliveryUpdated(orderId: $o) { id status attempts eta \
     etaSeconds routeDistanceMeters assignedAt pickedUpAt finishedAt reason destination { latitude longitude } \
     courier { id name vehicle location { latitude longitude } } routeToDoor { latitude longitude } } }";

/// Orders on one courier's route (delivery's largest courier capacity).
const PER_COURIER: usize = 20;

/// What the bench knows about one order while it runs.
#[derive(Default)]
struct Tracked {
    /// The oldest event published for this order that no message answered yet.
    unanswered_since: Option<Instant>,
    ready_published: Option<Instant>,
    ready_seen: bool,
}

#[derive(Default)]
struct Tally {
    orders: Vec<Tracked>,
    messages: u64,
    latencies: Vec<Duration>,
    status_latencies: Vec<Duration>,
    /// Subscriptions that ended before the bench closed them (an error, or `complete`).
    ended: u64,
    measuring: bool,
    /// Messages count towards the rate only inside the window; latecomers still count as seen.
    window_open: bool,
    /// When the window opened, and each latency by when it was seen (BENCH_TIMELINE).
    window_started: Option<Instant>,
    timeline: Vec<(Duration, Duration)>,
}

type Shared = Arc<Mutex<Tally>>;

fn order_id(i: usize) -> String {
    format!("ord_bench{i:06}")
}

fn customer_id(i: usize) -> String {
    format!("cus_bench{i:06}")
}

/// A drop point within a few kilometres of central Almaty, spread evenly by `i`.
fn drop_point(i: usize) -> (f64, f64) {
    let angle = i as f64 * 2.399_963; // the golden angle: points never bunch up
    let radius = 0.01 + 0.04 * ((i % 97) as f64 / 97.0);
    (43.238 + radius * angle.sin(), 76.945 + radius * angle.cos())
}

fn event(topic: &str, payload: Result<Value, serde_json::Error>) -> Event {
    Event {
        id: vitrine_kit::ids::new_id("evt"),
        topic: topic.to_string(),
        payload: payload.expect("a payload"),
    }
}

async fn confirm_orders(broker: &Broker, n: usize) {
    let (shop, product, price, _) = vitrine_kit::demo::demo_offers()
        .find(|(shop, p, _, _)| shop.slug == "technodom-dostyk" && !p.requires_preparation)
        .expect("a demo offer with nothing to prepare");
    let offer = vitrine_kit::demo::offer_id(shop.slug, product.slug);
    let facts = (0..n).map(|i| {
        let (latitude, longitude) = drop_point(i);
        event(
            ORDER_CONFIRMED,
            serde_json::to_value(OrderFact {
                order_id: order_id(i),
                customer_id: customer_id(i),
                total: price,
                currency: "KZT".into(),
                lines: vec![OrderLineFact {
                    offer_id: offer.clone(),
                    product_id: product.id(),
                    variant_id: vitrine_kit::demo::default_variant(product.slug).map(|v| v.id()),
                    shop_id: shop.id(),
                    quantity: 1,
                    unit_price: price,
                }],
                delivery_latitude: latitude,
                delivery_longitude: longitude,
            }),
        )
    });
    futures::stream::iter(facts)
        .for_each_concurrent(
            64,
            |e| async move { broker.publish(&e).await.expect("published") },
        )
        .await;
}

async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .expect("sent");
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Connects customer `i` to `router_url` with its token; returns the socket once the router
/// acknowledged the connection.
async fn connect(router_url: &str, i: usize) -> Socket {
    let url = format!("{}/graphql", router_url.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("WebSocket");
    let init =
        json!({ "Authorization": format!("Bearer {}", mint_token(&customer_id(i), "CUSTOMER", 3600)) });
    send(&mut socket, json!({ "type": "connection_init", "payload": init })).await;
    while let Some(Ok(message)) = socket.next().await {
        let Message::Text(text) = message else { continue };
        let value: Value = serde_json::from_str(&text).unwrap();
        if value["type"] == "connection_ack" {
            return socket;
        }
    }
    panic!("customer {i}'s connection was not acknowledged");
}

/// Reads `socket` until `until` is done, and returns what it gave: reading answers the
/// router's pings, and the router closes a connection whose pings go unanswered for 10 s.
async fn hold<T>(socket: &mut Socket, until: impl std::future::Future<Output = T>) -> T {
    tokio::pin!(until);
    loop {
        tokio::select! {
            done = &mut until => return done,
            message = socket.next() => {
                if !matches!(message, Some(Ok(_))) {
                    panic!("a connection closed while waiting to subscribe");
                }
            }
        }
    }
}

/// Subscribes customer `i` to its order on `socket` (again, under a new id, while delivery
/// has not opened the delivery yet); returns the subscription's id once its first state arrived.
async fn subscribe(socket: &mut Socket, i: usize) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    for attempt in 1.. {
        let id = attempt.to_string();
        send(
            socket,
            json!({ "id": id, "type": "subscribe", "payload": { "query": TRACK, "variables": { "o": order_id(i) } } }),
        )
        .await;
        while let Some(Ok(message)) = socket.next().await {
            let Message::Text(text) = message else { continue };
            let value: Value = serde_json::from_str(&text).unwrap();
            match value["type"].as_str() {
                Some("ping") => send(socket, json!({ "type": "pong" })).await,
                Some("next") if value["id"] == id && value["payload"]["errors"].is_null() => return id,
                Some("next") | Some("error") if value["id"] == id => break,
                _ => {}
            }
        }
        assert!(Instant::now() < deadline, "order {i} never got its delivery");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    unreachable!("attempts never run out")
}

/// Reads customer `i`'s messages for subscription `id` (not an earlier attempt's) until the
/// socket closes, tallying each.
async fn follow(mut socket: Socket, i: usize, id: String, tally: Shared) {
    while let Some(Ok(message)) = socket.next().await {
        let Message::Text(text) = message else { continue };
        let at = Instant::now();
        let value: Value = serde_json::from_str(&text).unwrap();
        if value["type"] != "ping" && value["id"] != id.as_str() {
            continue;
        }
        match value["type"].as_str() {
            Some("ping") => send(&mut socket, json!({ "type": "pong" })).await,
            Some("next") if !value["payload"]["errors"].is_null() => {
                eprintln!("order {i}: {value}");
                tally.lock().unwrap().ended += 1;
                break;
            }
            Some("next") => {
                let delivery = &value["payload"]["data"]["deliveryUpdated"];
                let mut tally = tally.lock().unwrap();
                if !tally.measuring {
                    continue;
                }
                if tally.window_open {
                    tally.messages += 1;
                }
                let order = &mut tally.orders[i];
                let since = order.unanswered_since.take();
                let became_ready = delivery["status"] == "READY" && !order.ready_seen;
                let ready_published = order.ready_published;
                if became_ready {
                    order.ready_seen = true;
                }
                if let Some(since) = since {
                    tally.latencies.push(at - since);
                    if let Some(started) = tally.window_started {
                        tally.timeline.push((at - started, at - since));
                    }
                }
                if let (true, Some(published)) = (became_ready, ready_published) {
                    tally.status_latencies.push(at - published);
                }
            }
            Some("complete") | Some("error") => {
                eprintln!("order {i}: {value}");
                tally.lock().unwrap().ended += 1;
                break;
            }
            _ => {}
        }
    }
}

fn mark(tally: &Shared, orders: impl IntoIterator<Item = usize>, now: Instant, ready: bool) {
    let mut tally = tally.lock().unwrap();
    for i in orders {
        let order = &mut tally.orders[i];
        order.unanswered_since.get_or_insert(now);
        if ready {
            order.ready_published = Some(now);
        }
    }
}

/// One courier report per courier per second, spread over the second, for `seconds`; and the
/// READY of `changes` of the `n` orders, each at its moment in the window.
async fn run_window(broker: &Broker, n: usize, changes: usize, seconds: u64, tally: &Shared) {
    let couriers = n.div_ceil(PER_COURIER);
    let ticks = seconds as usize * couriers;
    let step = Duration::from_secs(1) / couriers as u32;
    // Each order's READY at a pseudo-random tick of the window (a fixed permutation).
    let mut ready_at: HashMap<usize, Vec<usize>> = HashMap::new();
    // `changes` orders spread evenly over all of them: each i where ⌊i·changes/n⌋ steps up.
    for i in (0..n).filter(|&i| ((i + 1) * changes / n) > (i * changes / n)) {
        let tick = (i * 7919 + 13) % ticks.max(1);
        ready_at.entry(tick).or_default().push(i);
    }
    let started = Instant::now();
    for tick in 0..ticks {
        let due = started + step * tick as u32;
        tokio::time::sleep_until(due.into()).await;
        let courier = tick % couriers;
        let orders: Vec<usize> = (courier * PER_COURIER..((courier + 1) * PER_COURIER).min(n)).collect();
        let (latitude, longitude) = drop_point(courier * 31 + tick / couriers);
        let moved = CourierMoved {
            courier_id: format!("cou_bench{courier:04}"),
            latitude,
            longitude,
            drops: orders
                .iter()
                .enumerate()
                .map(|(k, &i)| DropEta {
                    delivery_id: String::new(),
                    order_id: order_id(i),
                    customer_id: customer_id(i),
                    eta_seconds: 300 + 60 * k as i64,
                })
                .collect(),
            at: vitrine_kit::time::to_db(vitrine_kit::time::now()),
        };
        mark(tally, orders.iter().copied(), Instant::now(), false);
        broker
            .publish(&event(COURIER_MOVED, serde_json::to_value(moved)))
            .await
            .expect("published");
        for &i in ready_at.get(&tick).into_iter().flatten() {
            let change = OrderStatusChanged {
                order_id: order_id(i),
                order_number: None,
                customer_id: customer_id(i),
                from: status::Order::Preparing,
                status: status::Order::ReadyForDelivery,
                actor: "kitchen".into(),
                reason: None,
                at: vitrine_kit::time::to_db(vitrine_kit::time::now()),
            };
            mark(tally, [i], Instant::now(), true);
            broker
                .publish(&event(ORDER_STATUS_CHANGED, serde_json::to_value(change)))
                .await
                .expect("published");
        }
    }
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sizes = process::sizes();
    let seconds: u64 = env_or("BENCH_SECONDS", 20);
    let router_count: usize = env_or("BENCH_ROUTERS", 2).max(1);
    println!(
        "| orders | routers | status changes | messages/s | p50 ms | p99 ms | status p50 ms | status p99 ms | KiB per subscription | of which routers | of which the routers' connections | of which delivery | CPU cores | status changes lost | delivery's outbox peak | ended early |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let changes = env_or("BENCH_STATUS_CHANGES", n).min(n);
        let mut system = TestSystem::split_with(
            &helpers::checked_in_supergraph(),
            &[
                ("VITRINE_SIMULATE_COURIERS", "false"),
                ("VITRINE_TIME_SCALE", "1"),
            ],
        )
        .await;
        let mut routers = vec![system.router_url.clone()];
        for _ in 1..router_count {
            routers.push(system.start_router_replica().await);
        }
        let pids = system.pids();
        // The routers are the last processes; delivery's is looked up by name.
        let mut watched: Vec<u32> = pids[pids.len() - router_count..].to_vec();
        watched.push(system.subgraph_pid("delivery"));
        let broker = Broker::connect(&EventsConfig {
            nats_url: Some(test_nats_url()),
            namespace: system.namespace.clone().expect("a split system"),
            advertise_url: None,
        })
        .await
        .expect("NATS");

        confirm_orders(&broker, n).await;
        let tally: Shared = Arc::new(Mutex::new(Tally {
            orders: (0..n).map(|_| Tracked::default()).collect(),
            ..Tally::default()
        }));
        let rss_before: Vec<u64> = watched.iter().map(|&p| rss_kib(p)).collect();
        // First every customer connects and waits; then all subscribe. Memory is read after
        // each step: what a connection costs alone, and what following an order adds.
        let gate = Arc::new(Semaphore::new(128));
        let connected = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (go, waiting) = tokio::sync::watch::channel(false);
        let mut opening = Vec::with_capacity(n);
        for i in 0..n {
            let router = routers[i % routers.len()].clone();
            let (gate, tally, connected, mut waiting) =
                (gate.clone(), tally.clone(), connected.clone(), waiting.clone());
            opening.push(tokio::spawn(async move {
                let mut socket = {
                    let _seat = gate.acquire().await.unwrap();
                    connect(&router, i).await
                };
                connected.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let _ = hold(&mut socket, waiting.wait_for(|go| *go)).await;
                let id = {
                    let _seat = hold(&mut socket, gate.acquire()).await.unwrap();
                    subscribe(&mut socket, i).await
                };
                follow(socket, i, id, tally).await;
            }));
        }
        let connected_by = Instant::now() + Duration::from_secs(300);
        while connected.load(std::sync::atomic::Ordering::Relaxed) < n {
            assert!(Instant::now() < connected_by, "customers did not all connect");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let rss_connected: Vec<u64> = watched.iter().map(|&p| rss_kib(p)).collect();
        go.send_replace(true);
        // Every customer subscribed: the open-subscriptions gauge of delivery says so.
        let opened_by = Instant::now() + Duration::from_secs(300);
        while system.gauge_total("vitrine_live_subscriptions").await < n as i64 {
            assert!(Instant::now() < opened_by, "subscriptions did not all open");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        settle(&broker).await;
        // Per process: the routers (all but the last watched) and delivery (the last).
        let rss_subscribed: Vec<u64> = watched.iter().map(|&p| rss_kib(p)).collect();
        let per_order = |from: &[u64], to: &[u64]| -> Vec<f64> {
            from.iter()
                .zip(to)
                .map(|(&from, &to)| to.saturating_sub(from) as f64 / n as f64)
                .collect()
        };
        let grown = per_order(&rss_before, &rss_subscribed);
        let (routers_grown, delivery_grown) =
            (grown[..router_count].iter().sum::<f64>(), grown[router_count]);
        let routers_connections: f64 = per_order(&rss_before, &rss_connected)[..router_count]
            .iter()
            .sum();

        {
            let mut tally = tally.lock().unwrap();
            tally.measuring = true;
            tally.window_open = true;
            tally.window_started = Some(Instant::now());
        }
        let (stop_watching, watching) = tokio::sync::watch::channel(false);
        let outbox_peak = watch_outbox(system.subgraph_pid("delivery"), watching);
        let cpu_before: u64 = watched.iter().map(|&p| cpu_ticks(p)).sum();
        let started = Instant::now();
        run_window(&broker, n, changes, seconds, &tally).await;
        let window = started.elapsed();
        tally.lock().unwrap().window_open = false;
        let cpu_after: u64 = watched.iter().map(|&p| cpu_ticks(p)).sum();
        // Whatever is still on its way gets a few seconds to arrive.
        let grace = Instant::now() + Duration::from_secs(10);
        while Instant::now() < grace {
            let lost = tally
                .lock()
                .unwrap()
                .orders
                .iter()
                .filter(|o| o.ready_published.is_some() && !o.ready_seen)
                .count();
            if lost == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        stop_watching.send_replace(true);
        let outbox_peak = match outbox_peak {
            Some(peak) => peak.await.expect("the outbox watch").to_string(),
            None => "–".into(),
        };
        let mut tally = std::mem::take(&mut *tally.lock().unwrap());
        tally.latencies.sort_unstable();
        tally.status_latencies.sort_unstable();
        let lost = tally
            .orders
            .iter()
            .filter(|o| o.ready_published.is_some() && !o.ready_seen)
            .count();
        println!(
            "| {n} | {router_count} | {changes} | {:.0} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {routers_grown:.1} | {routers_connections:.1} | {delivery_grown:.1} | {:.2} | {lost} | {outbox_peak} | {} |",
            tally.messages as f64 / window.as_secs_f64(),
            percentile(&tally.latencies, 0.50),
            percentile(&tally.latencies, 0.99),
            percentile(&tally.status_latencies, 0.50),
            percentile(&tally.status_latencies, 0.99),
            routers_grown + delivery_grown,
            (cpu_after - cpu_before) as f64 / 100.0 / window.as_secs_f64(),
            tally.ended,
        );
        if std::env::var_os("BENCH_TIMELINE").is_some() {
            print_timeline(&tally.timeline);
        }
        for task in opening {
            task.abort();
        }
        drop(system);
    }
}

/// The most events delivery's outbox held unpublished at once, sampled until `stop`: where a
/// status change waits when delivery's relay falls behind. SQLite only (None on PostgreSQL),
/// read-only from delivery's file.
fn watch_outbox(
    delivery_pid: u32,
    stop: tokio::sync::watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<i64>> {
    use sqlx::Connection;
    if env_of(delivery_pid, "DATABASE_URL").is_some() {
        return None;
    }
    let file = std::path::Path::new(&env_of(delivery_pid, "VITRINE_DATA_DIR")?).join("delivery.db");
    Some(tokio::spawn(async move {
        let options = sqlx::sqlite::SqliteConnectOptions::new()
            .filename(&file)
            .read_only(true);
        let mut db = sqlx::SqliteConnection::connect_with(&options)
            .await
            .expect("delivery's SQLite file");
        let mut every = tokio::time::interval(Duration::from_millis(250));
        let mut peak = 0;
        while !*stop.borrow() {
            every.tick().await;
            // A sample the writer held up is skipped, not fatal.
            if let Ok(waiting) =
                sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM outbox WHERE published_at IS NULL")
                    .fetch_one(&mut db)
                    .await
            {
                peak = peak.max(waiting);
            }
        }
        peak
    }))
}

/// Waits until every subgraph has handled what the set-up set off (delivery's deliveries, and
/// kitchen's tickets with the events they send on to orders and notifications), so that the
/// window measures following orders, not the tail of the set-up: how fast that tail drains
/// decided when it overlapped the window, and so the window's latency.
async fn settle(broker: &Broker) {
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut idle_checks = 0;
    while idle_checks < 3 {
        let backlog = broker.backlog().await.expect("the consumers' backlog");
        idle_checks = if backlog == 0 { idle_checks + 1 } else { 0 };
        assert!(
            Instant::now() < deadline,
            "the set-up's events never drained: {backlog} left"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// p50 and p99 of the latencies seen in each two seconds from the window's opening: where in
/// the run the slow messages were.
fn print_timeline(timeline: &[(Duration, Duration)]) {
    let mut slices: std::collections::BTreeMap<u64, Vec<Duration>> = Default::default();
    for &(at, latency) in timeline {
        slices.entry(at.as_secs() / 2 * 2).or_default().push(latency);
    }
    for (from, mut latencies) in slices {
        latencies.sort_unstable();
        println!(
            "  {from:>3} s: {:>6} messages, p50 {:.1} ms, p99 {:.1} ms",
            latencies.len(),
            percentile(&latencies, 0.50),
            percentile(&latencies, 0.99)
        );
    }
}
