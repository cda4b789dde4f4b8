//! The hub through a real schema: what subscribers receive, and how often state is read. Each
//! case runs twice: as async-graphql runs a subscription, and handed over after its first
//! state as a subgraph's WebSocket runs it (`handoff.rs`).

use super::*;
use crate::identity::Identity;
use async_graphql::{ComplexObject, EmptyMutation, Object, Schema, SimpleObject, Subscription};
use futures::StreamExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A thing's state as the test's "database" holds it: a status and a position.
#[derive(Clone, SimpleObject)]
#[graphql(complex)]
struct Thing {
    id: String,
    status: String,
    at: i64,
}

#[ComplexObject]
impl Thing {
    /// Who resolves it: a field that reads the caller from the request's data.
    async fn seen_by(&self, ctx: &Context<'_>) -> String {
        crate::auth::caller(ctx)
            .sub
            .clone()
            .unwrap_or_else(|| "anonymous".into())
    }
}

/// How a case's subscriptions run.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// As async-graphql runs a subscription: its stream throughout.
    InAsyncGraphql,
    /// Handed over after the first state, all of them through one shape, as a subgraph's
    /// WebSocket runs them.
    HandedOver,
}

/// Runs each case both ways.
macro_rules! both_ways {
    ($($case:ident),* $(,)?) => {
        mod in_async_graphql {
            $(#[tokio::test]
            async fn $case() {
                super::$case(super::Mode::InAsyncGraphql).await
            })*
        }
        mod handed_over {
            $(#[tokio::test]
            async fn $case() {
                super::$case(super::Mode::HandedOver).await
            })*
        }
    };
}

both_ways!(
    many_subscribers_of_one_key_share_one_read_per_change,
    subscribers_see_only_their_own_key,
    a_slow_subscriber_gets_the_latest_position_and_every_status,
    a_subscriber_behind_on_statuses_is_told_and_ends,
    leaving_frees_the_place,
    a_duplicate_ended_for_a_newer_subscription_is_told_and_ends,
    each_subscriber_resolves_as_itself,
    an_expired_sign_in_ends_the_subscription,
    subscriptions_keep_their_request_only_until_handed_over,
);

/// The test's database: states by id, and how many reads it served.
#[derive(Clone, Default)]
struct Store {
    things: Arc<Mutex<HashMap<String, Thing>>>,
    reads: Arc<AtomicUsize>,
}

impl Store {
    fn set(&self, id: &str, status: &str, at: i64) {
        let thing = Thing {
            id: id.into(),
            status: status.into(),
            at,
        };
        self.things.lock().unwrap().insert(id.into(), thing);
    }
}

struct Query;

#[Object]
impl Query {
    async fn ok(&self) -> bool {
        true
    }
}

struct Root;

#[Subscription]
impl Root {
    async fn thing(
        &self,
        ctx: &Context<'_>,
        id: String,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<Thing>>> {
        let store = ctx.data_unchecked::<Store>().clone();
        let field = move || LiveField {
            name: "test.thing",
            topics: &["test.changed"],
            routes: |event| {
                let id = event.payload["id"].as_str().unwrap_or_default().to_string();
                vec![(id.clone(), id)]
            },
            load: Box::new(move |ids| {
                let store = store.clone();
                Box::pin(async move {
                    store.reads.fetch_add(1, Ordering::SeqCst);
                    let things = store.things.lock().unwrap();
                    Ok(ids
                        .into_iter()
                        .filter_map(|id| Some((id.clone(), things.get(&id)?.clone())))
                        .collect())
                })
            }),
            // Only the position moved: the newer state may replace the older.
            supersedes: |newer, older| newer.status == older.status,
            is_last: |thing| thing.status == "DONE",
        };
        follow(ctx, "test.thing", field, id, None, std::convert::identity)
    }
}

type TestSchema = Schema<Query, EmptyMutation, Root>;

/// A schema whose subscriptions run as `mode` says (see [`subscribe_on`]).
fn schema(bus: &Arc<EventBus>, store: &Store, mode: Mode) -> TestSchema {
    Schema::build(Query, EmptyMutation, Root)
        .data(bus.clone())
        .data(store.clone())
        .data(mode)
        .data(Arc::new(ShapeCell::new()))
        .finish()
}

fn changed(id: &str) -> Event {
    Event {
        id: crate::ids::new_id("evt"),
        topic: "test.changed".into(),
        payload: serde_json::json!({ "id": id }),
    }
}

/// A subscriber's stream of `(status, at)`, or the error code that ended it.
fn follow_thing(schema: &TestSchema, id: &str) -> impl Stream<Item = Result<(String, i64), String>> + Unpin {
    follow_thing_as(schema, id, Identity::anonymous())
}

/// [`follow_thing`] as `caller`.
fn follow_thing_as(
    schema: &TestSchema,
    id: &str,
    caller: Identity,
) -> impl Stream<Item = Result<(String, i64), String>> + Unpin {
    Box::pin(
        subscribe(schema, id, async_graphql::Request::new("").data(caller)).map(|thing| {
            let thing = thing?;
            Ok((
                thing["status"].as_str().unwrap().to_string(),
                thing["at"].as_i64().unwrap(),
            ))
        }),
    )
}

/// `request` (its data) subscribing to thing `id`: each `thing` as JSON, or the error code
/// that ended it. Every subscriber's document is the same, as a router's clients' are.
fn subscribe(
    schema: &TestSchema,
    id: &str,
    request: async_graphql::Request,
) -> impl Stream<Item = Result<serde_json::Value, String>> + Unpin {
    subscribe_on(schema, id, request, Arc::default())
}

/// [`subscribe`] on a connection whose data is `session`.
fn subscribe_on(
    schema: &TestSchema,
    id: &str,
    mut request: async_graphql::Request,
    session: Arc<async_graphql::Data>,
) -> impl Stream<Item = Result<serde_json::Value, String>> + Unpin {
    request.query = "subscription($id: String!) { thing(id: $id) { status at seenBy } }".into();
    request.variables = async_graphql::Variables::from_json(serde_json::json!({ "id": id }));
    let stream = match schema.data::<Mode>() {
        Some(Mode::HandedOver) => {
            let shape = schema.data::<Arc<ShapeCell>>().unwrap().clone();
            let handoff = Handoff::new(shape);
            request.data.insert(handoff.slot());
            schema
                .execute_stream_with_session_data(request, session)
                .chain(handoff.rest())
                .boxed()
        }
        _ => schema.execute_stream_with_session_data(request, session),
    };
    stream.map(|response| match response.errors.first() {
        Some(error) => Err(format!("{:?}", error.extensions)),
        None => Ok(response.data.into_json().unwrap()["thing"].take()),
    })
}

async fn next<S: Stream + Unpin>(stream: &mut S) -> S::Item {
    tokio::time::timeout(Duration::from_secs(5), stream.next())
        .await
        .expect("a message within 5 s")
        .expect("the stream goes on")
}

/// Waits until the hub has `n` subscribers of any key (subscribing is asynchronous).
async fn subscribed(bus: &EventBus, n: usize) {
    for _ in 0..500 {
        let count: usize = bus
            .hubs()
            .hubs
            .lock()
            .unwrap()
            .get("test.thing")
            .and_then(|hub| hub.clone().downcast::<Hub<Thing>>().ok())
            .map(|hub| hub.subscriber_count())
            .unwrap_or(0);
        if count >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    panic!("{n} subscribers never joined");
}

async fn many_subscribers_of_one_key_share_one_read_per_change(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "OPEN", 0);
    let mut streams: Vec<_> = (0..1000).map(|_| follow_thing(&schema, "t1")).collect();
    // Streams start when first polled.
    for stream in &mut streams {
        assert!(futures::poll!(stream.next()).is_pending());
    }
    subscribed(&bus, 1000).await;
    store.set("t1", "OPEN", 7);
    bus.publish(&changed("t1")).await.unwrap();
    for stream in &mut streams {
        assert_eq!(next(stream).await, Ok(("OPEN".into(), 7)));
    }
    assert_eq!(
        store.reads.load(Ordering::SeqCst),
        1,
        "one read for 1 000 subscribers"
    );
    assert_eq!(bus.live_reads().with_label_values(&["test.thing"]).get(), 1);
}

async fn subscribers_see_only_their_own_key(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("alice-order", "OPEN", 0);
    store.set("bob-order", "OPEN", 0);
    let mut alice = follow_thing(&schema, "alice-order");
    let mut bob = follow_thing(&schema, "bob-order");
    assert!(futures::poll!(alice.next()).is_pending());
    assert!(futures::poll!(bob.next()).is_pending());
    subscribed(&bus, 2).await;
    store.set("alice-order", "PAID", 1);
    bus.publish(&changed("alice-order")).await.unwrap();
    assert_eq!(next(&mut alice).await, Ok(("PAID".into(), 1)));
    store.set("bob-order", "SHIPPED", 2);
    bus.publish(&changed("bob-order")).await.unwrap();
    // Bob's first message is his own change: Alice's never reached him.
    assert_eq!(next(&mut bob).await, Ok(("SHIPPED".into(), 2)));
    assert!(
        tokio::time::timeout(Duration::from_millis(50), alice.next())
            .await
            .is_err(),
        "nothing of Bob's reached Alice"
    );
}

async fn a_slow_subscriber_gets_the_latest_position_and_every_status(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "PICKED_UP", 0);
    let mut slow = follow_thing(&schema, "t1");
    assert!(futures::poll!(slow.next()).is_pending());
    subscribed(&bus, 1).await;
    // While the client reads nothing: 100 moves, a status change, 100 more moves, the end.
    let mut changes = Vec::new();
    for at in 1..=100 {
        changes.push(("PICKED_UP", at));
    }
    changes.push(("NEARBY", 101));
    for at in 102..=200 {
        changes.push(("NEARBY", at));
    }
    changes.push(("DONE", 201));
    for (status, at) in changes {
        store.set("t1", status, at);
        bus.publish(&changed("t1")).await.unwrap();
        // Let the hub read each change on its own (no batching), as events far apart would.
        tokio::task::yield_now().await;
    }
    let mut received = Vec::new();
    while let Some(message) = tokio::time::timeout(Duration::from_secs(5), slow.next())
        .await
        .expect("the stream ends after DONE")
    {
        received.push(message.unwrap());
    }
    let statuses: Vec<&str> = received.iter().map(|(status, _)| status.as_str()).collect();
    let mut distinct = statuses.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        ["PICKED_UP", "NEARBY", "DONE"],
        "every status, in order"
    );
    assert!(received.len() <= 3, "positions merged, not queued: {received:?}");
    assert_eq!(received.last(), Some(&("DONE".to_string(), 201)));
}

async fn a_subscriber_behind_on_statuses_is_told_and_ends(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "S0", 0);
    let mut slow = follow_thing(&schema, "t1");
    assert!(futures::poll!(slow.next()).is_pending());
    subscribed(&bus, 1).await;
    // More status changes than a queue holds, none superseding another.
    for n in 1..=(QUEUE_BOUND as i64 + 10) {
        store.set("t1", &format!("S{n}"), n);
        bus.publish(&changed("t1")).await.unwrap();
        tokio::task::yield_now().await;
    }
    let mut received = 0;
    let end = loop {
        match next(&mut slow).await {
            Ok(_) => received += 1,
            Err(code) => break code,
        }
    };
    assert_eq!(received, QUEUE_BOUND);
    assert!(end.contains("CONFLICT"), "{end}");
    assert!(slow.next().await.is_none(), "the stream ended");
}

async fn leaving_frees_the_place(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "OPEN", 0);
    let mut first = follow_thing(&schema, "t1");
    assert!(futures::poll!(first.next()).is_pending());
    subscribed(&bus, 1).await;
    drop(first);
    assert_eq!(bus.live_gauge().get(), 0);
    let hub = bus
        .hubs()
        .hubs
        .lock()
        .unwrap()
        .get("test.thing")
        .cloned()
        .unwrap();
    assert_eq!(hub.downcast::<Hub<Thing>>().unwrap().subscriber_count(), 0);
}

#[test]
fn anonymous_subscriptions_leave_seats_for_signed_in_callers() {
    let seats = Seats::with_limits(Limits {
        per_process: 5,
        anonymous: 2,
        per_caller: 2,
    });
    let refused = |taken: Result<Seat, ApiError>| match taken {
        Err(ApiError::RateLimited(message)) => message,
        Err(other) => panic!("refused with {other:?}"),
        Ok(_) => panic!("a seat past the limit"),
    };
    let anonymous = [seats.take(None, None).unwrap(), seats.take(None, None).unwrap()];
    assert!(refused(seats.take(None, None)).contains("anonymous"));
    // The anonymous flood is full, yet signed-in callers still get seats, each up to theirs.
    let alice = [
        seats.take(Some("alice"), None).unwrap(),
        seats.take(Some("alice"), None).unwrap(),
    ];
    assert!(refused(seats.take(Some("alice"), None)).contains("at most 2"));
    let bob = seats.take(Some("bob"), None).unwrap();
    assert_eq!(seats.gauge().get(), 5);
    assert!(refused(seats.take(Some("carol"), None)).contains("too many live subscriptions"));
    // Seats come back when their subscriptions end.
    drop(anonymous);
    drop(bob);
    let again = seats.take(None, None).unwrap();
    let carol = seats.take(Some("carol"), None).unwrap();
    assert_eq!(seats.gauge().get(), 4);
    drop((again, carol, alice));
    assert_eq!(seats.gauge().get(), 0);
}

/// Takes a seat for `caller` following `follows`.
fn follow_seat(seats: &Seats, caller: &str, follows: &str) -> Result<Seat, ApiError> {
    seats.take(Some(caller), Some(follows))
}

fn was_replaced(seat: &Seat) -> bool {
    futures::FutureExt::now_or_never(seat.replaced()).is_some()
}

#[test]
fn a_caller_at_the_limit_ends_their_oldest_duplicate_instead_of_being_refused() {
    let seats = Seats::with_limits(Limits {
        per_process: 10,
        anonymous: 10,
        per_caller: 3,
    });
    // Two notification bells (one left behind by a reloaded page) and one order followed.
    let old_bell = follow_seat(&seats, "alice", "bell(alice)").unwrap();
    let bell = follow_seat(&seats, "alice", "bell(alice)").unwrap();
    let order = follow_seat(&seats, "alice", "order(o1)").unwrap();
    // At the limit, a second order is followed all the same: the oldest duplicate ends.
    let second_order = follow_seat(&seats, "alice", "order(o2)").unwrap();
    assert!(was_replaced(&old_bell));
    assert!(!was_replaced(&bell) && !was_replaced(&order) && !was_replaced(&second_order));
    assert_eq!(seats.replaced().get(), 1);
    // The ended one's seat went to the new one: its end gives none back.
    drop(old_bell);
    let refused = follow_seat(&seats, "alice", "order(o3)")
        .err()
        .expect("no duplicate left to end");
    assert!(matches!(refused, ApiError::RateLimited(message) if message.contains("at most 3")));
    // The same subscription again replaces its own oldest copy, whatever else is older.
    let new_bell = follow_seat(&seats, "alice", "bell(alice)").unwrap();
    assert!(was_replaced(&bell));
    assert!(!was_replaced(&order));
    // Seats taken without saying what they follow (joiners of a shared run) are never ended,
    // and other callers are not touched.
    let bob = [
        seats.take(Some("bob"), None).unwrap(),
        seats.take(Some("bob"), None).unwrap(),
    ];
    drop(order);
    let third_order = follow_seat(&seats, "alice", "order(o3)").unwrap();
    assert!(follow_seat(&seats, "alice", "order(o4)").is_err());
    drop((bell, second_order, new_bell, third_order, bob));
    assert_eq!(seats.gauge().get(), 0);
    assert_eq!(seats.callers(), 0, "nothing kept for callers who left");
}

async fn a_duplicate_ended_for_a_newer_subscription_is_told_and_ends(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "OPEN", 0);
    store.set("t2", "OPEN", 0);
    let alice = || Identity::customer("alice");
    let mut held: Vec<_> = (0..PER_CALLER)
        .map(|_| follow_thing_as(&schema, "t1", alice()))
        .collect();
    for stream in &mut held {
        assert!(futures::poll!(stream.next()).is_pending());
    }
    subscribed(&bus, PER_CALLER).await;
    // Alice holds her most; following another thing ends her oldest copy of the first.
    let mut other = follow_thing_as(&schema, "t2", alice());
    assert!(futures::poll!(other.next()).is_pending());
    let end = next(&mut held[0])
        .await
        .expect_err("the oldest copy is told why it ends");
    assert!(end.contains("CONFLICT"), "{end}");
    assert!(held[0].next().await.is_none(), "and it ended");
    // The others, and the new one, still get their changes.
    store.set("t1", "PAID", 1);
    bus.publish(&changed("t1")).await.unwrap();
    assert_eq!(next(&mut held[1]).await, Ok(("PAID".into(), 1)));
    store.set("t2", "PAID", 2);
    bus.publish(&changed("t2")).await.unwrap();
    assert_eq!(next(&mut other).await, Ok(("PAID".into(), 2)));
    assert_eq!(bus.live_gauge().get(), PER_CALLER as i64);
}

async fn each_subscriber_resolves_as_itself(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("alice-order", "OPEN", 0);
    store.set("bob-order", "OPEN", 0);
    let signed_in = |customer| async_graphql::Request::new("").data(Identity::customer(customer));
    let mut alice = subscribe(&schema, "alice-order", signed_in("alice"));
    let mut bob = subscribe(&schema, "bob-order", signed_in("bob"));
    assert!(futures::poll!(alice.next()).is_pending());
    assert!(futures::poll!(bob.next()).is_pending());
    subscribed(&bus, 2).await;
    // Handed over, both resolve through one shape, made from Alice's request: each change is
    // still resolved as its own subscriber.
    for (n, customer) in ["alice", "bob", "alice"].into_iter().enumerate() {
        let thing = format!("{customer}-order");
        store.set(&thing, "PAID", n as i64);
        bus.publish(&changed(&thing)).await.unwrap();
        let stream = if customer == "alice" { &mut alice } else { &mut bob };
        let seen = next(stream).await.unwrap();
        assert_eq!(seen["at"], n as i64);
        assert_eq!(seen["seenBy"], customer, "{mode:?}");
    }
    let nothing_more = tokio::time::timeout(Duration::from_millis(50), bob.next()).await;
    assert!(nothing_more.is_err(), "nothing of Alice's reached Bob");
}

async fn an_expired_sign_in_ends_the_subscription(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "OPEN", 0);
    let expires = crate::identity::SessionExpiry(chrono::Utc::now().timestamp() + 1);
    let request = async_graphql::Request::new("")
        .data(Identity::customer("alice"))
        .data(expires);
    let mut stream = subscribe(&schema, "t1", request);
    assert!(futures::poll!(stream.next()).is_pending());
    subscribed(&bus, 1).await;
    store.set("t1", "PAID", 1);
    bus.publish(&changed("t1")).await.unwrap();
    assert_eq!(next(&mut stream).await.unwrap()["status"], "PAID");
    let end = next(&mut stream).await.expect_err("told why it ends");
    assert!(end.contains("UNAUTHENTICATED"), "{end}");
    assert!(stream.next().await.is_none(), "and it ended");
}

/// async-graphql keeps each subscription's whole request (its document, variables and query
/// environment, each holding the connection's data) for the subscription's life; handed over,
/// a subscription keeps only its own request data, and the shape's few environments hold the
/// connection's.
async fn subscriptions_keep_their_request_only_until_handed_over(mode: Mode) {
    let (bus, store) = (EventBus::new(), Store::default());
    let schema = schema(&bus, &store, mode);
    store.set("t1", "OPEN", 0);
    let connection = Arc::new(async_graphql::Data::default());
    let subscribers = 100;
    let mut streams: Vec<_> = (0..subscribers)
        .map(|_| subscribe_on(&schema, "t1", async_graphql::Request::new(""), connection.clone()))
        .collect();
    for stream in &mut streams {
        assert!(futures::poll!(stream.next()).is_pending());
    }
    subscribed(&bus, subscribers).await;
    store.set("t1", "PAID", 1);
    bus.publish(&changed("t1")).await.unwrap();
    for stream in &mut streams {
        assert_eq!(next(stream).await.unwrap()["status"], "PAID");
    }
    let held = Arc::strong_count(&connection) - 1;
    match mode {
        Mode::InAsyncGraphql => assert!(held >= subscribers, "{held}"),
        Mode::HandedOver => assert!(
            held <= 2 * (1 + handoff::IDLE_ENVIRONMENTS),
            "{held} for {subscribers} subscriptions"
        ),
    }
}
