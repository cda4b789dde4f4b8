//! `cargo bench --bench subscriptions`: many concurrent subscriptions through the router of an
//! embedded process (graphql-transport-ws, anonymous, `stockChanged` of one product, 100 per
//! connection). For 1k, 5k and 10k subscriptions: the process's resident memory
//! per subscription (RSS after opening them minus before, divided by their number) and the
//! latency from a stock change (a seller's `adjustStock`, timed from just before the request)
//! to each subscriber's message, p50 and p99 over BENCH_ROUNDS changes (default 5).
//! Client and server share the machine's cores; read the figures as relative.
//! Then subscriptions a client ended while nothing changed: BENCH_CHURN (default 5000)
//! anonymous `stockChanged` subscriptions of a quiet product opened and ended in batches over
//! one connection, with the state refresh off and at 2 s (`VITRINE_LIVE_REFRESH_SECS`); the
//! subgraph's open subscriptions and the process's growth in resident memory per ended one,
//! 1 s and 7 s after the last ended. Hive 0.2.5 closes a subscription at the subgraph only when a
//! result finds its client gone.
//! Knobs: BENCH_SIZES (default 1000,5000,10000), BENCH_ROUNDS, BENCH_CHURN.

#[allow(dead_code)]
#[path = "../tests/e2e/helpers.rs"]
mod helpers;

#[allow(dead_code)]
#[path = "support/process.rs"]
mod process;

use futures::{SinkExt, StreamExt};
use helpers::TestSystem;
use process::{env_or, percentile, rss_kib};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use tokio_tungstenite::tungstenite::Message;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

const PER_CONNECTION: usize = 100;
/// The client's read buffer per connection: the messages are small.
const READ_BUFFER: usize = 8 << 10;

/// A graphql-transport-ws connection to the router at `url`, initialised (anonymous).
async fn open(url: &str) -> Socket {
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
    // tungstenite zero-fills its whole read buffer (128 KiB by default) before every read: on
    // two cores shared with the server, that memset alone took 5 % of the machine.
    let config = WebSocketConfig::default().read_buffer_size(READ_BUFFER);
    let (mut socket, _) = tokio_tungstenite::connect_async_with_config(request, Some(config), false)
        .await
        .expect("WebSocket");
    socket
        .send(text(json!({ "type": "connection_init", "payload": {} })))
        .await
        .unwrap();
    socket
}

fn text(message: Value) -> Message {
    Message::Text(message.to_string().into())
}

/// A `subscribe` to `product`'s stock as `id`.
fn subscribe(id: &str, product: &str) -> Message {
    let query = "subscription($p: ID!) { stockChanged(productId: $p) { stock } }";
    text(
        json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": { "p": product } } }),
    )
}

/// One connection with `count` subscriptions; reports each `next` (after the first, which is
/// the current state) on `arrivals`, and `ready` once every first state arrived.
async fn connection(
    url: String,
    product: String,
    count: usize,
    arrivals: mpsc::UnboundedSender<Instant>,
    ready: mpsc::UnboundedSender<()>,
) {
    let mut socket = open(&url).await;
    for id in 0..count {
        socket.send(subscribe(&id.to_string(), &product)).await.unwrap();
    }
    let mut firsts = 0;
    while let Some(Ok(message)) = socket.next().await {
        let Message::Text(body) = message else { continue };
        let value: Value = serde_json::from_str(&body).unwrap();
        match value["type"].as_str() {
            Some("ping") => socket.send(text(json!({ "type": "pong" }))).await.unwrap(),
            Some("next") if firsts < count => {
                firsts += 1;
                if firsts == count {
                    let _ = ready.send(());
                }
            }
            Some("next") => {
                let _ = arrivals.send(Instant::now());
            }
            Some("error") => panic!("subscription refused: {value}"),
            _ => {}
        }
    }
}

/// Opens and ends `total` subscriptions of `product` over one connection, `BATCH` at a time,
/// each ended once its first state arrived; the connection stays open (returned): its client
/// is still there, its subscriptions are not.
async fn churn(url: &str, product: &str, total: usize) -> Socket {
    const BATCH: usize = 100;
    let mut socket = open(url).await;
    for start in (0..total).step_by(BATCH) {
        let ids: Vec<String> = (start..total.min(start + BATCH)).map(|i| i.to_string()).collect();
        for id in &ids {
            socket.send(subscribe(id, product)).await.unwrap();
        }
        let mut firsts = 0;
        while firsts < ids.len() {
            let message = socket.next().await.expect("the connection stays open").unwrap();
            let Message::Text(body) = message else { continue };
            let value: Value = serde_json::from_str(&body).unwrap();
            match value["type"].as_str() {
                Some("next") => firsts += 1,
                Some("error") => panic!("subscription refused: {value}"),
                _ => {}
            }
        }
        for id in ids {
            socket
                .send(text(json!({ "id": id, "type": "complete" })))
                .await
                .unwrap();
        }
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    socket
}

/// The table of subscriptions ended while nothing changed, with the refresh off and on.
async fn ended_while_quiet(product: &str) {
    let total: usize = env_or("BENCH_CHURN", 5000);
    if total == 0 {
        return;
    }
    println!();
    println!("| state refresh | ended | open at the subgraph 1 s after | 7 s after | RSS KiB per ended one, 1 s after | 7 s after |");
    println!("|---|---:|---:|---:|---:|---:|");
    for refresh in ["0", "2"] {
        let system = TestSystem::embedded_with(&[("VITRINE_LIVE_REFRESH_SECS", refresh)]).await;
        let pid = system.pids()[0];
        let before = rss_kib(pid);
        let url = format!("{}/graphql", system.router_url.replacen("http", "ws", 1));
        let _client = churn(&url, product, total).await;
        let (open_after, rss_after) = (
            system.gauge_total("vitrine_live_subscriptions").await,
            rss_kib(pid),
        );
        tokio::time::sleep(Duration::from_secs(6)).await;
        let (open_later, rss_later) = (
            system.gauge_total("vitrine_live_subscriptions").await,
            rss_kib(pid),
        );
        let per_ended = |rss: u64| rss.saturating_sub(before) as f64 / total as f64;
        let label = if refresh == "0" {
            "off (as before)"
        } else {
            "after 2 s"
        };
        println!(
            "| {label} | {total} | {open_after} | {open_later} | {:.1} | {:.1} |",
            per_ended(rss_after),
            per_ended(rss_later)
        );
        drop(system);
    }
}

#[tokio::main]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let sizes = process::sizes();
    let rounds: usize = env_or("BENCH_ROUNDS", 5);
    let (shop, product, _, _) = vitrine_kit::demo::demo_offers()
        .find(|(shop, _, _, _)| shop.slug == "technodom-dostyk")
        .unwrap();
    let offer = vitrine_kit::demo::offer_id(shop.slug, product.slug);
    println!("| subscriptions | RSS before MiB | RSS after MiB | KiB per subscription | p50 ms | p99 ms | delivered |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for size in sizes {
        // A fresh process per size, so memory is measured from the same start.
        let system = TestSystem::embedded().await;
        let pid = system.pids()[0];
        let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
        let before = rss_kib(pid);
        let url = format!("{}/graphql", system.router_url.replacen("http", "ws", 1));
        let (arrivals_tx, mut arrivals) = mpsc::unbounded_channel();
        let (ready_tx, mut ready) = mpsc::unbounded_channel();
        let connections = size.div_ceil(PER_CONNECTION);
        for c in 0..connections {
            let count = PER_CONNECTION.min(size - c * PER_CONNECTION);
            tokio::spawn(connection(
                url.clone(),
                product.id(),
                count,
                arrivals_tx.clone(),
                ready_tx.clone(),
            ));
        }
        for _ in 0..connections {
            tokio::time::timeout(Duration::from_secs(120), ready.recv())
                .await
                .expect("subscriptions open");
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
        let after = rss_kib(pid);
        let mut latencies = Vec::new();
        let mut delivered = 0;
        let seller = Arc::new(seller);
        for round in 0..rounds {
            let sent = Instant::now();
            let adjusted = system
                .graphql_as(
                    &seller,
                    "mutation($o: ID!, $r: String!) { adjustStock(offerId: $o, delta: 1, reason: $r) { stock } }",
                    json!({ "o": offer, "r": format!("bench round {round}") }),
                )
                .await;
            assert!(adjusted["errors"].is_null(), "{adjusted}");
            for _ in 0..size {
                match tokio::time::timeout(Duration::from_secs(30), arrivals.recv()).await {
                    Ok(Some(at)) => {
                        latencies.push(at - sent);
                        delivered += 1;
                    }
                    _ => break,
                }
            }
        }
        latencies.sort_unstable();
        println!(
            "| {size} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {delivered}/{} |",
            before as f64 / 1024.0,
            after as f64 / 1024.0,
            after.saturating_sub(before) as f64 / size as f64,
            percentile(&latencies, 0.50),
            percentile(&latencies, 0.99),
            size * rounds
        );
        drop(system);
    }
    ended_while_quiet(&product.id()).await;
}
