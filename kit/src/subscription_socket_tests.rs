use super::{serve, Accepted, Seat, Sharing};
use crate::live::HandoffSlot;
use crate::parsed_documents::ParsedDocuments;
use async_graphql::{
    Context, Data, EmptyMutation, Executor, Object, Request, Response, Schema, ServerError, Subscription,
};
use axum::extract::WebSocketUpgrade;
use axum::routing::get;
use futures::stream::{self, BoxStream};
use futures::{SinkExt, Stream, StreamExt};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

struct Query;

#[Object]
impl Query {
    async fn ok(&self) -> bool {
        true
    }
}

/// The signal the `changes` subscriptions wait for.
#[derive(Clone)]
struct Changes(watch::Receiver<u32>);

struct Subscription;

#[Subscription]
impl Subscription {
    /// Each change of the signal's value.
    async fn changes(&self, ctx: &Context<'_>) -> impl Stream<Item = u32> {
        let mut changes = ctx.data_unchecked::<Changes>().0.clone();
        changes.borrow_and_update();
        stream::unfold(changes, |mut changes| async move {
            changes.changed().await.ok()?;
            let value = *changes.borrow();
            Some((value, changes))
        })
    }

    /// The signal's value plus `plus` now, then after each change: a state field.
    async fn level(&self, ctx: &Context<'_>, plus: u32) -> impl Stream<Item = u32> {
        let mut changes = ctx.data_unchecked::<Changes>().0.clone();
        let now = *changes.borrow_and_update() + plus;
        stream::once(async move { now }).chain(stream::unfold(changes, move |mut changes| async move {
            changes.changed().await.ok()?;
            let value = *changes.borrow() + plus;
            Some((value, changes))
        }))
    }

    /// Who runs it, then nothing more: a state field.
    async fn me(&self, ctx: &Context<'_>) -> impl Stream<Item = String> {
        let name = ctx
            .data_opt::<Caller>()
            .map_or("anonymous".to_string(), |c| c.0.clone());
        stream::once(async move { name }).chain(stream::pending())
    }

    async fn count_to(&self, n: u32) -> impl Stream<Item = u32> {
        stream::iter(1..=n)
    }

    async fn refused(&self) -> async_graphql::Result<BoxStream<'static, u32>> {
        Err("not for you".into())
    }
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;
type TestSchema = Schema<Query, EmptyMutation, Subscription>;

/// The schema, counting the subscriptions it runs and every poll of their result streams (the
/// work a connection handler does per message it sends).
#[derive(Clone)]
struct Counted {
    schema: TestSchema,
    runs: Arc<AtomicUsize>,
    polls: Arc<AtomicUsize>,
    /// Where each subscription's hand-off (`kit::live`) would put its shape, by address.
    shapes: Arc<std::sync::Mutex<Vec<Option<usize>>>>,
}

impl Executor for Counted {
    async fn execute(&self, request: Request) -> Response {
        self.schema.execute(request).await
    }

    fn execute_stream(&self, request: Request, data: Option<Arc<Data>>) -> BoxStream<'static, Response> {
        self.runs.fetch_add(1, Ordering::Relaxed);
        let slot = request.data.get(&std::any::TypeId::of::<HandoffSlot>());
        let shape = slot.and_then(|slot| slot.downcast_ref::<HandoffSlot>()?.shape());
        let shape = shape.map(|shape| Arc::as_ptr(&shape) as usize);
        self.shapes.lock().unwrap().push(shape);
        let mut results = Executor::execute_stream(&self.schema, request, data);
        let polls = self.polls.clone();
        stream::poll_fn(move |cx| {
            polls.fetch_add(1, Ordering::Relaxed);
            results.poll_next_unpin(cx)
        })
        .boxed()
    }
}

/// Joiners of a shared run may hold this many seats at once in the test server.
const SEATS: usize = 3;

/// Who a subscription of the test server runs as: its request's `extensions.caller`.
struct Caller(String);

/// A test server whose `connection_init` must carry `{"secret": "open"}`, sharing runs of
/// `level` and `me`.
struct Server {
    url: String,
    /// Subscriptions the schema ran.
    runs: Arc<AtomicUsize>,
    polls: Arc<AtomicUsize>,
    shapes: Arc<std::sync::Mutex<Vec<Option<usize>>>>,
    /// Seats joiners hold now.
    seats: Arc<AtomicUsize>,
    /// For whom each joiner's seat was taken.
    joiners: Arc<std::sync::Mutex<Vec<Option<String>>>>,
    /// The `changes` and `level` signal.
    changes: watch::Sender<u32>,
    /// The parsed documents every connection takes its subscriptions' from.
    documents: ParsedDocuments,
}

/// A joiner's seat in the test server.
struct TestSeat(Arc<AtomicUsize>);

impl Drop for TestSeat {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

async fn server() -> Server {
    server_refreshing(None).await
}

/// [`server`], its runs of state fields refreshed after `refresh_idle` without news.
async fn server_refreshing(refresh_idle: Option<Duration>) -> Server {
    let (changes, receiver) = watch::channel(0);
    let (runs, polls, seats) = (Arc::default(), Arc::default(), Arc::new(AtomicUsize::new(0)));
    let schema = Schema::build(Query, EmptyMutation, Subscription)
        .data(Changes(receiver))
        .finish();
    let shapes = Arc::<std::sync::Mutex<_>>::default();
    let executor = Counted {
        schema,
        runs: Arc::clone(&runs),
        polls: Arc::clone(&polls),
        shapes: Arc::clone(&shapes),
    };
    let (held, joiners) = (Arc::clone(&seats), Arc::new(std::sync::Mutex::new(Vec::new())));
    let documents = ParsedDocuments::default();
    let kept = documents.clone();
    let seated = Arc::clone(&joiners);
    let sharing = Sharing {
        states: &["level", "me"],
        seat: Arc::new(move |caller| {
            seated.lock().unwrap().push(caller.map(str::to_string));
            if held.fetch_add(1, Ordering::Relaxed) >= SEATS {
                held.fetch_sub(1, Ordering::Relaxed);
                return Err(ServerError::new("no seat left", None));
            }
            Ok(Box::new(TestSeat(held.clone())) as Seat)
        }),
        refresh_idle,
    };
    let app = axum::Router::new().route(
        "/graphql",
        get(move |upgrade: WebSocketUpgrade| {
            let (executor, sharing, documents) = (executor.clone(), sharing.clone(), kept.clone());
            async move {
                upgrade
                    .protocols(["graphql-transport-ws"])
                    .on_upgrade(move |socket| {
                        serve(
                            socket,
                            executor,
                            documents,
                            Some(sharing),
                            |payload| match payload["secret"].as_str() {
                                Some("open") => Ok(Accepted {
                                    data: Data::default(),
                                    subscriber: Box::new(|request: &mut Request| {
                                        let caller = request.extensions.0.get("caller");
                                        let caller = caller.and_then(|c| c.clone().into_json().ok());
                                        let caller = caller.and_then(|c| c.as_str().map(str::to_string));
                                        if let Some(name) = &caller {
                                            request.data.insert(Caller(name.clone()));
                                        }
                                        caller
                                    }),
                                }),
                                _ => Err("wrong secret".into()),
                            },
                        )
                    })
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/graphql", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Server {
        url,
        runs,
        polls,
        shapes,
        seats,
        joiners,
        changes,
        documents,
    }
}

async fn connect(url: &str) -> Socket {
    let mut request = url.into_client_request().unwrap();
    let protocol = "graphql-transport-ws".parse().unwrap();
    request.headers_mut().insert("Sec-WebSocket-Protocol", protocol);
    tokio_tungstenite::connect_async(request).await.unwrap().0
}

async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
}

/// The next message: a JSON text, or `{"close": code}`.
async fn receive(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a message within 10 s");
        match message {
            Some(Ok(Message::Text(text))) => return serde_json::from_str(&text).unwrap(),
            Some(Ok(Message::Close(frame))) => return json!({ "close": frame.map(|f| u16::from(f.code)) }),
            Some(Ok(_)) => continue,
            other => panic!("connection ended: {other:?}"),
        }
    }
}

async fn init(socket: &mut Socket, secret: &str) {
    send(
        socket,
        json!({ "type": "connection_init", "payload": { "secret": secret } }),
    )
    .await;
}

async fn initialised(url: &str) -> Socket {
    let mut socket = connect(url).await;
    init(&mut socket, "open").await;
    assert_eq!(receive(&mut socket).await, json!({ "type": "connection_ack" }));
    socket
}

async fn subscribe(socket: &mut Socket, id: &str, query: &str) {
    send(
        socket,
        json!({ "id": id, "type": "subscribe", "payload": { "query": query } }),
    )
    .await;
}

/// Every message sent before this was handled: the server answers in order.
async fn ping_pong(socket: &mut Socket) -> Vec<Value> {
    send(socket, json!({ "type": "ping" })).await;
    let mut before = Vec::new();
    loop {
        let message = receive(socket).await;
        if message == json!({ "type": "pong" }) {
            return before;
        }
        before.push(message);
    }
}

#[tokio::test]
async fn a_change_reaching_many_subscriptions_of_one_connection_polls_each_about_once() {
    const N: usize = 2_000;
    let Server {
        url, polls, changes, ..
    } = server().await;
    let mut socket = initialised(&url).await;
    for id in 0..N {
        subscribe(&mut socket, &id.to_string(), "subscription { changes }").await;
    }
    assert!(ping_pong(&mut socket).await.is_empty());
    let before = polls.load(Ordering::Relaxed);
    changes.send(7).unwrap();
    let mut seen = HashSet::new();
    while seen.len() < N {
        let message = receive(&mut socket).await;
        assert_eq!(message["type"], "next", "{message}");
        assert_eq!(message["payload"]["data"]["changes"], 7);
        assert!(
            seen.insert(message["id"].as_str().unwrap().to_string()),
            "one message per subscription"
        );
    }
    let polls = polls.load(Ordering::Relaxed) - before;
    // A few polls per stream when it is woken (6 030 measured). async-graphql's own handler
    // polls every subscription of the connection for each message it sends: 2 129 000 here,
    // and 67 s instead of 0.27 s for 10 000 subscriptions in a debug build.
    assert!(polls <= 4 * N, "{polls} polls for {N} subscriptions");
}

#[tokio::test]
async fn results_errors_and_ends_follow_the_protocol() {
    let Server { url, .. } = server().await;
    let mut socket = initialised(&url).await;
    subscribe(&mut socket, "a", "subscription { countTo(n: 2) }").await;
    for n in [1, 2] {
        let next = json!({ "type": "next", "id": "a", "payload": { "data": { "countTo": n } } });
        assert_eq!(receive(&mut socket).await, next);
    }
    assert_eq!(
        receive(&mut socket).await,
        json!({ "type": "complete", "id": "a" })
    );

    subscribe(&mut socket, "b", "subscription { refused }").await;
    let refused = receive(&mut socket).await;
    assert_eq!(refused["type"], "next");
    assert_eq!(refused["payload"]["errors"][0]["message"], "not for you");
    assert_eq!(
        receive(&mut socket).await,
        json!({ "type": "complete", "id": "b" })
    );
}

#[tokio::test]
async fn a_completed_subscription_sends_nothing_more_and_its_id_may_be_reused() {
    let Server { url, changes, .. } = server().await;
    let mut socket = initialised(&url).await;
    subscribe(&mut socket, "a", "subscription { changes }").await;
    send(&mut socket, json!({ "type": "complete", "id": "a" })).await;
    assert_eq!(
        ping_pong(&mut socket).await,
        vec![json!({ "type": "complete", "id": "a" })]
    );
    subscribe(&mut socket, "a", "subscription { countTo(n: 1) }").await;
    changes.send(1).unwrap();
    let next = json!({ "type": "next", "id": "a", "payload": { "data": { "countTo": 1 } } });
    assert_eq!(receive(&mut socket).await, next);
    assert_eq!(
        receive(&mut socket).await,
        json!({ "type": "complete", "id": "a" })
    );
    assert!(
        ping_pong(&mut socket).await.is_empty(),
        "nothing from the stopped subscription"
    );
}

#[tokio::test]
async fn protocol_breaches_close_the_connection_with_their_codes() {
    // The server is kept: the `changes` subscriptions end when its sender is dropped.
    let server = server().await;
    let url = server.url.clone();

    let mut socket = connect(&url).await;
    init(&mut socket, "guess").await;
    assert_eq!(
        receive(&mut socket).await,
        json!({ "close": 4403 }),
        "refused init"
    );

    let mut socket = connect(&url).await;
    subscribe(&mut socket, "a", "subscription { countTo(n: 1) }").await;
    assert_eq!(
        receive(&mut socket).await,
        json!({ "close": 4401 }),
        "subscribe before init"
    );

    let mut socket = initialised(&url).await;
    init(&mut socket, "open").await;
    assert_eq!(
        receive(&mut socket).await,
        json!({ "close": 4429 }),
        "second init"
    );

    let mut socket = initialised(&url).await;
    subscribe(&mut socket, "a", "subscription { changes }").await;
    subscribe(&mut socket, "a", "subscription { changes }").await;
    assert_eq!(receive(&mut socket).await, json!({ "close": 4409 }), "id in use");

    let mut socket = initialised(&url).await;
    socket.send(Message::Text("{not json".into())).await.unwrap();
    assert_eq!(
        receive(&mut socket).await,
        json!({ "close": 4400 }),
        "not a message"
    );
}

/// The next message of each of `ids`, whatever their order: each must be a `next` of `level`.
async fn levels(socket: &mut Socket, ids: &[&str]) -> Vec<(String, u64)> {
    let mut seen = Vec::new();
    for _ in ids {
        let message = receive(socket).await;
        assert_eq!(message["type"], "next", "{message}");
        let id = message["id"].as_str().unwrap().to_string();
        seen.push((id, message["payload"]["data"]["level"].as_u64().unwrap()));
    }
    seen.sort();
    seen
}

fn each(ids: &[&str], level: u64) -> Vec<(String, u64)> {
    let mut expected: Vec<_> = ids.iter().map(|id| (id.to_string(), level)).collect();
    expected.sort();
    expected
}

/// A run of a state field with no news sends its latest result again (the router's cue to
/// close one whose client left, see `Sharing::refresh_idle`); news restarts the wait; a run of
/// an event field never repeats one.
#[tokio::test]
async fn an_idle_state_run_sends_its_latest_again_and_an_event_run_does_not() {
    let idle = Duration::from_millis(300);
    let server = server_refreshing(Some(idle)).await;
    let mut socket = initialised(&server.url).await;
    subscribe(&mut socket, "state", "subscription { level(plus: 1) }").await;
    subscribe(&mut socket, "events", "subscription { changes }").await;
    assert_eq!(levels(&mut socket, &["state"]).await, each(&["state"], 1));
    let sent = std::time::Instant::now();
    assert_eq!(levels(&mut socket, &["state"]).await, each(&["state"], 1));
    let waited = sent.elapsed();
    assert!(
        waited >= idle / 2 && waited < idle * 3,
        "refreshed after {waited:?}"
    );
    server.changes.send(5).unwrap();
    let mut news = vec![receive(&mut socket).await, receive(&mut socket).await];
    news.sort_by_key(|m| m["id"].as_str().map(str::to_string));
    assert_eq!(news[0]["payload"]["data"]["changes"], 5, "{news:?}");
    assert_eq!(news[1]["payload"]["data"]["level"], 6, "{news:?}");
    // Then only the state again, as long as nothing happens.
    for _ in 0..2 {
        assert_eq!(levels(&mut socket, &["state"]).await, each(&["state"], 6));
    }
    assert_eq!(
        server.runs.load(Ordering::Relaxed),
        2,
        "refreshing runs nothing anew"
    );
}

#[tokio::test]
async fn identical_subscriptions_of_a_state_field_run_once_and_a_late_one_starts_from_the_latest() {
    let server = server().await;
    let mut socket = initialised(&server.url).await;
    for id in ["a", "b", "c"] {
        subscribe(&mut socket, id, "subscription { level(plus: 1) }").await;
    }
    assert_eq!(
        levels(&mut socket, &["a", "b", "c"]).await,
        each(&["a", "b", "c"], 1)
    );
    server.changes.send(5).unwrap();
    assert_eq!(
        levels(&mut socket, &["a", "b", "c"]).await,
        each(&["a", "b", "c"], 6)
    );
    assert_eq!(server.runs.load(Ordering::Relaxed), 1, "one run for three");
    assert_eq!(
        server.seats.load(Ordering::Relaxed),
        2,
        "each joiner holds a seat"
    );

    // A late one gets the latest state at once; other arguments are another run.
    subscribe(&mut socket, "d", "subscription { level(plus: 1) }").await;
    assert_eq!(levels(&mut socket, &["d"]).await, each(&["d"], 6));
    subscribe(&mut socket, "e", "subscription { level(plus: 2) }").await;
    assert_eq!(levels(&mut socket, &["e"]).await, each(&["e"], 7));
    assert_eq!(server.runs.load(Ordering::Relaxed), 2);

    // The first ones leave; the run goes on for the last, and stops with it.
    for id in ["a", "b", "c"] {
        send(&mut socket, json!({ "type": "complete", "id": id })).await;
    }
    assert_eq!(ping_pong(&mut socket).await.len(), 3, "a complete for each");
    assert_eq!(server.seats.load(Ordering::Relaxed), 1, "seats given back");
    server.changes.send(9).unwrap();
    let after = levels(&mut socket, &["d", "e"]).await;
    assert_eq!(after, vec![("d".to_string(), 10), ("e".to_string(), 11)]);
    send(&mut socket, json!({ "type": "complete", "id": "d" })).await;
    assert_eq!(
        ping_pong(&mut socket).await,
        vec![json!({ "type": "complete", "id": "d" })]
    );
    assert_eq!(server.seats.load(Ordering::Relaxed), 0);
    server.changes.send(10).unwrap();
    assert_eq!(levels(&mut socket, &["e"]).await, each(&["e"], 12));
    assert!(
        ping_pong(&mut socket).await.is_empty(),
        "nothing for the stopped run"
    );

    // A new one after the run stopped runs afresh and reads the state now.
    subscribe(&mut socket, "f", "subscription { level(plus: 1) }").await;
    assert_eq!(levels(&mut socket, &["f"]).await, each(&["f"], 11));
    assert_eq!(server.runs.load(Ordering::Relaxed), 3);
}

#[tokio::test]
async fn runs_are_never_shared_across_connections_nor_for_fields_of_events() {
    let server = server().await;
    let mut first = initialised(&server.url).await;
    let mut second = initialised(&server.url).await;
    subscribe(&mut first, "a", "subscription { level(plus: 1) }").await;
    subscribe(&mut second, "a", "subscription { level(plus: 1) }").await;
    assert_eq!(levels(&mut first, &["a"]).await, each(&["a"], 1));
    assert_eq!(levels(&mut second, &["a"]).await, each(&["a"], 1));
    assert_eq!(
        server.runs.load(Ordering::Relaxed),
        2,
        "runs stay within their connection"
    );

    // `changes` sends events, not states: a late one must not get an earlier event.
    subscribe(&mut first, "b", "subscription { changes }").await;
    assert_eq!(ping_pong(&mut first).await, Vec::<Value>::new());
    server.changes.send(3).unwrap();
    let mut seen = Vec::new();
    for _ in 0..2 {
        let message = receive(&mut first).await;
        seen.push(message["id"].as_str().unwrap().to_string());
    }
    seen.sort();
    assert_eq!(seen, ["a", "b"]);
    subscribe(&mut first, "c", "subscription { changes }").await;
    assert!(ping_pong(&mut first).await.is_empty(), "no replay of an event");
    assert_eq!(server.runs.load(Ordering::Relaxed), 4);
}

#[tokio::test]
async fn a_joiner_refused_a_seat_gets_the_error_and_the_others_go_on() {
    let server = server().await;
    let mut socket = initialised(&server.url).await;
    let ids: Vec<String> = (0..=SEATS + 1).map(|n| format!("s{n}")).collect();
    for id in &ids {
        subscribe(&mut socket, id, "subscription { level(plus: 0) }").await;
    }
    let last = ids.last().unwrap();
    let mut refused = None;
    let mut firsts = 0;
    while refused.is_none() || firsts < SEATS + 1 {
        let message = receive(&mut socket).await;
        if message["id"] == last.as_str() {
            assert_eq!(message["type"], "next", "{message}");
            assert_eq!(message["payload"]["errors"][0]["message"], "no seat left");
            assert_eq!(
                receive(&mut socket).await,
                json!({ "type": "complete", "id": last })
            );
            refused = Some(message);
        } else {
            assert_eq!(message["payload"]["data"]["level"], 0, "{message}");
            firsts += 1;
        }
    }
    server.changes.send(1).unwrap();
    let kept: Vec<&str> = ids[..=SEATS].iter().map(String::as_str).collect();
    assert_eq!(levels(&mut socket, &kept).await, each(&kept, 1));
    assert_eq!(server.runs.load(Ordering::Relaxed), 1);
}

#[tokio::test]
async fn each_subscription_runs_as_its_own_caller_and_only_one_callers_identical_ones_share() {
    let server = server().await;
    let mut socket = initialised(&server.url).await;
    for (id, caller) in [
        ("a", json!("ann")),
        ("b", json!("bob")),
        ("c", json!("ann")),
        ("d", Value::Null),
    ] {
        let extensions = if caller.is_null() {
            json!({})
        } else {
            json!({ "caller": caller })
        };
        let payload = json!({ "query": "subscription { me }", "extensions": extensions });
        send(
            &mut socket,
            json!({ "id": id, "type": "subscribe", "payload": payload }),
        )
        .await;
    }
    let mut seen = Vec::new();
    for _ in 0..4 {
        let message = receive(&mut socket).await;
        let me = message["payload"]["data"]["me"].as_str().unwrap().to_string();
        seen.push((message["id"].as_str().unwrap().to_string(), me));
    }
    seen.sort();
    let expected = [("a", "ann"), ("b", "bob"), ("c", "ann"), ("d", "anonymous")];
    assert_eq!(seen, expected.map(|(id, me)| (id.to_string(), me.to_string())));
    assert_eq!(
        server.runs.load(Ordering::Relaxed),
        3,
        "ann's second joined her first"
    );
    assert_eq!(
        *server.joiners.lock().unwrap(),
        vec![Some("ann".to_string())],
        "the joiner's seat is its own caller's"
    );
}

#[tokio::test]
async fn subscriptions_take_their_document_from_the_kept_ones() {
    let Server {
        url,
        documents,
        changes,
        ..
    } = server().await;
    let query = "subscription { level(plus: 2) }";
    assert!(!documents.holds(query));
    let mut first = initialised(&url).await;
    subscribe(&mut first, "1", query).await;
    assert_eq!(receive(&mut first).await["payload"]["data"]["level"], 2);
    assert!(documents.holds(query), "parsed once and kept");
    // Another connection's identical subscription runs on the kept tree, and as before.
    let mut second = initialised(&url).await;
    subscribe(&mut second, "1", query).await;
    assert_eq!(receive(&mut second).await["payload"]["data"]["level"], 2);
    changes.send(5).unwrap();
    assert_eq!(receive(&mut first).await["payload"]["data"]["level"], 7);
    assert_eq!(receive(&mut second).await["payload"]["data"]["level"], 7);
}

/// A subscription's task lives as long as the subscription, and its size is whatever its
/// state holds across an await: a `Response` (data, errors, extensions, headers) held there
/// would be kept by each of 10 000 followers.
#[test]
fn a_subscription_task_keeps_no_response_while_it_waits() {
    let (to, _outgoing) = tokio::sync::mpsc::channel(1);
    let results: BoxStream<'static, async_graphql::Response> = stream::empty().boxed();
    let task = super::run(1, None, results, to);
    // Debug build: 360 bytes; 1 184 when it held the first result and the one being sent.
    let size = std::mem::size_of_val(&task);
    assert!(
        size < 2 * std::mem::size_of::<async_graphql::Response>(),
        "the task's state is {size} bytes"
    );
}

/// Subscriptions share a shape unless their root field's selection uses variables (then only
/// with the same values): a walk over unvalidated input, so it must end on cycles and chains.
#[test]
fn a_shape_depends_on_variables_only_where_the_selection_uses_them() {
    let uses = |query: &str| {
        let document = async_graphql::parser::parse_query(query).unwrap();
        let root = super::subscribed_field(&document, None).expect("one root field");
        super::uses_variables(&root.node.selection_set.node, &document, &mut HashSet::new(), 0)
    };
    assert!(!uses(
        "subscription($o: ID!) { thing(id: $o) { a b(first: 2) { c } } }"
    ));
    assert!(uses(
        "subscription($o: ID!, $x: Boolean!) { thing(id: $o) { a @include(if: $x) } }"
    ));
    assert!(uses(
        "subscription($o: ID!, $n: Int) { thing(id: $o) { b(first: $n) { c } } }"
    ));
    assert!(uses(
        "subscription($o: ID!, $n: Int) { thing(id: $o) { ... on T { ...F } } } \
         fragment F on T { b(where: { n: [1, $n] }) { c } }"
    ));
    // A cycle (which validation refuses later) is walked once.
    assert!(!uses(
        "subscription($o: ID!) { thing(id: $o) { ...A } } \
         fragment A on T { a { ...B } } fragment B on T { b { ...A } }"
    ));
    // A chain of fragments deeper than a walk goes is taken to use them.
    let chain: String = (0..200)
        .map(|n| format!("fragment F{n} on T {{ a {{ ...F{} }} }} ", n + 1))
        .collect();
    assert!(uses(&format!(
        "subscription {{ thing {{ ...F0 }} }} {chain} fragment F200 on T {{ a }}"
    )));
    // Not one root field: no shape.
    let two = async_graphql::parser::parse_query("subscription { a b }").unwrap();
    assert!(super::subscribed_field(&two, None).is_none());
}

/// Every subscription of one root field may be handed over by `kit::live` after its first
/// result; those of one document share a shape, whatever their root field's arguments.
#[tokio::test]
async fn subscriptions_of_one_document_share_a_shape() {
    let server = server().await;
    let mut socket = initialised(&server.url).await;
    let by_variable = "subscription($p: Int!) { level(plus: $p) }";
    for (id, query, plus) in [
        ("1", by_variable, 1),
        ("2", by_variable, 2),
        ("3", "subscription { changes }", 0),
    ] {
        let payload = json!({ "query": query, "variables": { "p": plus } });
        send(
            &mut socket,
            json!({ "id": id, "type": "subscribe", "payload": payload }),
        )
        .await;
    }
    ping_pong(&mut socket).await;
    let shapes = server.shapes.lock().unwrap().clone();
    assert_eq!(shapes.len(), 3);
    assert!(shapes.iter().all(Option::is_some), "{shapes:?}");
    assert_eq!(shapes[0], shapes[1], "one document, two keys: one shape");
    assert_ne!(shapes[0], shapes[2]);
}
