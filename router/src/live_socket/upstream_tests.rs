use super::{Event, Upstreams};
use futures::{SinkExt, StreamExt};
use prometheus::{IntCounter, IntGauge};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::Message;

const SECRET: &[u8] = b"upstream-test-secret";

/// A subgraph's graphql-transport-ws server: it takes a connection only with the router's
/// signed identity in `connection_init`, and answers each `subscribe` with two `next`
/// messages echoing its variables (`{"refuse": true}`: an `error`; `{"close": true}`: the
/// connection closes). It counts connections and keeps the ids completed.
struct TestSubgraph {
    endpoint: String,
    connections: Arc<AtomicUsize>,
    completed: Arc<Mutex<Vec<String>>>,
}

impl TestSubgraph {
    async fn start() -> TestSubgraph {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let endpoint = format!("ws://{}/graphql", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let completed = Arc::new(Mutex::new(Vec::new()));
        let (counted, kept) = (connections.clone(), completed.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, kept.clone()));
            }
        });
        TestSubgraph {
            endpoint,
            connections,
            completed,
        }
    }

    fn completed(&self) -> Vec<String> {
        self.completed.lock().unwrap().clone()
    }
}

/// Agrees to graphql-transport-ws (tungstenite's callback: its error is an HTTP response).
#[allow(clippy::result_large_err)]
fn with_protocol(_: &Request, mut response: Response) -> Result<Response, ErrorResponse> {
    response
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
    Ok(response)
}

async fn serve(stream: tokio::net::TcpStream, completed: Arc<Mutex<Vec<String>>>) {
    let mut socket = tokio_tungstenite::accept_hdr_async(stream, with_protocol)
        .await
        .unwrap();
    while let Some(Ok(message)) = socket.next().await {
        let Message::Text(text) = message else { continue };
        let message: Value = serde_json::from_str(text.as_str()).unwrap();
        let id = message["id"].clone();
        let reply = |kind: &str, payload: Value| {
            Message::text(json!({ "id": id, "type": kind, "payload": payload }).to_string())
        };
        match message["type"].as_str() {
            Some("connection_init") => {
                let signed = message["payload"]["x-vitrine-identity"].as_str().unwrap_or("");
                if vitrine_kit::identity::verify(signed, SECRET, chrono::Utc::now().timestamp()).is_err() {
                    return;
                }
                let ack = json!({ "type": "connection_ack" }).to_string();
                socket.send(Message::text(ack)).await.unwrap();
            }
            Some("subscribe") => {
                let variables = message["payload"]["variables"].clone();
                if variables["close"] == true {
                    return;
                }
                if variables["refuse"] == true {
                    let errors = json!([{ "message": "refused", "extensions": { "code": "FORBIDDEN" } }]);
                    socket.send(reply("error", errors)).await.unwrap();
                    continue;
                }
                for n in 1..=2 {
                    let result = json!({ "data": { "echo": variables, "n": n } });
                    socket.send(reply("next", result)).await.unwrap();
                }
            }
            Some("complete") => completed.lock().unwrap().push(id.as_str().unwrap().to_string()),
            _ => {}
        }
    }
}

fn upstreams() -> Arc<Upstreams> {
    Arc::new(Upstreams::new(
        SECRET.to_vec(),
        IntGauge::new("open", "test").unwrap(),
        IntCounter::new("handed_over", "test").unwrap(),
    ))
}

fn subscribe_payload(variables: Value) -> String {
    json!({ "query": "subscription { echo }", "variables": variables }).to_string()
}

async fn next(subscription: &mut super::Subscription) -> Option<Event> {
    tokio::time::timeout(Duration::from_secs(10), subscription.next())
        .await
        .expect("an event in time")
}

fn result(event: Option<Event>) -> Value {
    match event {
        Some(Event::Next(bytes)) => serde_json::from_slice(&bytes).unwrap(),
        other => panic!("a result, not {other:?}"),
    }
}

#[tokio::test]
async fn subscriptions_share_one_connection_each_getting_its_own_results() {
    let subgraph = TestSubgraph::start().await;
    let upstreams = upstreams();
    let mut first = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "a" })));
    let mut second = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "b" })));
    for n in 1..=2 {
        assert_eq!(
            result(next(&mut first).await),
            json!({ "data": { "echo": { "o": "a" }, "n": n } })
        );
        assert_eq!(
            result(next(&mut second).await),
            json!({ "data": { "echo": { "o": "b" }, "n": n } })
        );
    }
    assert_eq!(subgraph.connections.load(Ordering::SeqCst), 1);
    assert_eq!(upstreams.open.get(), 2);
}

#[tokio::test]
async fn a_subscription_dropped_is_completed_at_the_subgraph() {
    let subgraph = TestSubgraph::start().await;
    let upstreams = upstreams();
    let mut kept = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "a" })));
    let mut dropped = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "b" })));
    result(next(&mut kept).await);
    result(next(&mut dropped).await);
    let id = dropped.id.to_string();
    drop(dropped);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while subgraph.completed() != vec![id.clone()] {
        assert!(
            tokio::time::Instant::now() < deadline,
            "{:?}",
            subgraph.completed()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(upstreams.open.get(), 1);
    assert_eq!(result(next(&mut kept).await)["data"]["n"], 2);
}

#[tokio::test]
async fn a_refusal_ends_the_subscription_with_its_errors() {
    let subgraph = TestSubgraph::start().await;
    let upstreams = upstreams();
    let mut refused = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "refuse": true })));
    match next(&mut refused).await {
        Some(Event::Error(errors)) => {
            let errors: Value = serde_json::from_slice(&errors).unwrap();
            assert_eq!(errors[0]["extensions"]["code"], "FORBIDDEN");
        }
        other => panic!("a refusal, not {other:?}"),
    }
    assert!(next(&mut refused).await.is_none());
}

#[tokio::test]
async fn a_lost_connection_ends_every_subscription_on_it_and_the_next_opens_another() {
    let subgraph = TestSubgraph::start().await;
    let upstreams = upstreams();
    let mut following = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "a" })));
    result(next(&mut following).await);
    result(next(&mut following).await);
    let mut closing = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "close": true })));
    for subscription in [&mut following, &mut closing] {
        assert!(matches!(next(subscription).await, Some(Event::Lost)));
        assert!(next(subscription).await.is_none());
    }
    let mut again = upstreams.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "c" })));
    assert_eq!(result(next(&mut again).await)["data"]["echo"]["o"], "c");
    assert_eq!(subgraph.connections.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_subgraph_that_refuses_the_router_loses_the_subscriptions_sent_to_it() {
    let subgraph = TestSubgraph::start().await;
    let stranger = Arc::new(Upstreams::new(
        b"not-the-secret".to_vec(),
        IntGauge::new("open", "test").unwrap(),
        IntCounter::new("handed_over", "test").unwrap(),
    ));
    let mut refused = stranger.subscribe(&subgraph.endpoint, subscribe_payload(json!({ "o": "a" })));
    assert!(matches!(next(&mut refused).await, Some(Event::Lost)));
    assert!(next(&mut refused).await.is_none());
}
