//! Subscriptions through the router, as a subscription client uses them: graphql-transport-ws
//! on the router's /graphql, the token in `connection_init`.

use crate::fulfillment::kitchen_offer;
use crate::helpers::{mint_token, TestSystem};
use crate::shopping::Shopper;
use futures::{SinkExt, StreamExt};
use serde_json::{json, Value};
use std::time::Duration;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A graphql-transport-ws connection to the router, initialised with `token` (if any).
pub async fn connect(system: &TestSystem, token: Option<&str>) -> Socket {
    connect_to(&system.router_url, token).await
}

/// The upgrade request of a graphql-transport-ws connection to the router at `router_url`.
pub fn upgrade_request(router_url: &str) -> tokio_tungstenite::tungstenite::handshake::client::Request {
    let url = format!("{}/graphql", router_url.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Sec-WebSocket-Protocol", "graphql-transport-ws".parse().unwrap());
    request
}

/// [`connect`] to the router at `router_url` (one replica of several).
pub async fn connect_to(router_url: &str, token: Option<&str>) -> Socket {
    let (mut socket, _) = tokio_tungstenite::connect_async(upgrade_request(router_url))
        .await
        .expect("WebSocket to the router");
    let payload = match token {
        Some(token) => json!({ "Authorization": format!("Bearer {token}") }),
        None => json!({}),
    };
    send(
        &mut socket,
        json!({ "type": "connection_init", "payload": payload }),
    )
    .await;
    let ack = receive(&mut socket).await;
    assert_eq!(ack["type"], "connection_ack", "{ack}");
    socket
}

pub async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
}

/// The next protocol message (pings answered on the way).
pub async fn receive(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(30), socket.next())
            .await
            .expect("a message within 30 s")
            .expect("the socket stays open")
            .expect("a readable message");
        let Message::Text(text) = message else {
            continue;
        };
        let value: Value = serde_json::from_str(&text).unwrap();
        if value["type"] == "ping" {
            send(socket, json!({ "type": "pong" })).await;
            continue;
        }
        return value;
    }
}

pub const TRACK: &str = "subscription($o: ID!) { orderStatusChanged(orderId: $o) { id status \
     lines { product { name } quantity } delivery { status etaSeconds } } }";

/// Every status of an order, in order, up to DELIVERED, each enriched by other subgraphs
/// (product names from catalog, the delivery from delivery); another customer is refused.
#[tokio::test]
async fn a_customer_follows_an_order_live_up_to_delivered() {
    let system = TestSystem::embedded_with(&[
        ("VITRINE_SIMULATE_COURIERS", "true"),
        ("VITRINE_TIME_SCALE", "300"),
    ])
    .await;
    let (pizza, price) = kitchen_offer("pizza");
    let aru = Shopper::new(&system, "aru-live", 3 * price).await;
    let order_id = aru.place_order(&system, &pizza, 1, "live").await;

    // Someone else's order: refused.
    let stranger = Shopper::new(&system, "stranger-live", 0).await;
    let mut snoop = connect(&system, Some(&stranger.token)).await;
    send(&mut snoop, json!({ "id": "1", "type": "subscribe", "payload": { "query": TRACK, "variables": { "o": order_id } } })).await;
    assert_forbidden(&receive(&mut snoop).await);

    let statuses = follow(&system, &aru.token, &order_id).await;
    assert!(statuses.len() >= 3, "{statuses:?}");
    let first = statuses.first().cloned().unwrap_or_default();
    assert!(
        ["CONFIRMED", "PREPARING", "READY_FOR_DELIVERY"].contains(&first.as_str()),
        "{statuses:?}"
    );
    let expected = [
        "CONFIRMED",
        "PREPARING",
        "READY_FOR_DELIVERY",
        "OUT_FOR_DELIVERY",
        "DELIVERED",
    ];
    let from = expected.iter().position(|s| *s == first).unwrap();
    assert_eq!(statuses, expected[from..], "every status, in order, once");
}

/// A subscription's first message refuses it with FORBIDDEN.
fn assert_forbidden(refused: &Value) {
    assert_refused(refused, "FORBIDDEN");
}

/// A subscription's first message refuses it with `code`, as an `error` message or as a
/// `next` carrying the error (either is the protocol's way to refuse).
fn assert_refused(refused: &Value, code: &str) {
    let in_error = &refused["payload"][0]["extensions"]["code"];
    let in_next = &refused["payload"]["errors"][0]["extensions"]["code"];
    assert!(in_error == code || in_next == code, "{refused}");
}

/// Subscribes to `order_id` over WebSocket and returns each status it went through (each
/// event checked to carry fields of other subgraphs), until the server completes it.
pub async fn follow(system: &TestSystem, token: &str, order_id: &str) -> Vec<String> {
    follow_on(&system.router_url, token, order_id).await
}

/// [`follow`] through the router at `router_url`.
pub async fn follow_on(router_url: &str, token: &str, order_id: &str) -> Vec<String> {
    statuses(&mut track(router_url, token, order_id).await).await
}

/// A connection to the router at `router_url` subscribed to `order_id` with [`TRACK`].
pub async fn track(router_url: &str, token: &str, order_id: &str) -> Socket {
    let mut socket = connect_to(router_url, Some(token)).await;
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": TRACK, "variables": { "o": order_id } } }),
    )
    .await;
    socket
}

/// Each status a [`track`]ed order goes through from here, until the server completes it.
pub async fn statuses(socket: &mut Socket) -> Vec<String> {
    let mut statuses: Vec<String> = Vec::new();
    loop {
        let message = receive(socket).await;
        match message["type"].as_str() {
            Some("next") => {
                let order = &message["payload"]["data"]["orderStatusChanged"];
                assert!(message["payload"]["errors"].is_null(), "{message}");
                assert_eq!(
                    order["lines"][0]["product"]["name"]
                        .as_str()
                        .map(|n| !n.is_empty()),
                    Some(true),
                    "{message}"
                );
                let status = order["status"].as_str().unwrap().to_string();
                if status == "OUT_FOR_DELIVERY" {
                    assert!(
                        order["delivery"]["status"].is_string(),
                        "enriched by delivery: {message}"
                    );
                }
                if statuses.last() != Some(&status) {
                    statuses.push(status);
                }
            }
            Some("complete") => return statuses,
            _ => panic!("unexpected {message}"),
        }
    }
}

/// The same over SSE (`Accept: text/event-stream`, the token in the Authorization header), and
/// an anonymous subscriber is told to sign in.
#[tokio::test]
async fn an_order_can_be_followed_over_server_sent_events() {
    let system = TestSystem::embedded_with(&[("VITRINE_SIMULATE_COURIERS", "true")]).await;
    let (offer, price, _) = crate::shopping::plain_offer(9);
    let beka = Shopper::new(&system, "beka-sse", 3 * price).await;
    let order_id = beka.place_order(&system, &offer, 1, "sse").await;
    let body = json!({ "query": TRACK, "variables": { "o": order_id } });

    let anonymous = sse_events(&system, None, &body).await;
    let code = &anonymous[0]["errors"][0]["extensions"]["code"];
    assert_eq!(code, "UNAUTHENTICATED", "{anonymous:?}");

    let events = sse_events(&system, Some(&beka.token), &body).await;
    let statuses: Vec<&str> = events
        .iter()
        .map(|e| {
            e["data"]["orderStatusChanged"]["status"]
                .as_str()
                .unwrap_or_else(|| panic!("{e}"))
        })
        .collect();
    assert_eq!(statuses.last(), Some(&"DELIVERED"), "{statuses:?}");
    assert!(statuses.contains(&"OUT_FOR_DELIVERY"), "{statuses:?}");
    assert!(events
        .iter()
        .all(|e| e["data"]["orderStatusChanged"]["lines"][0]["product"]["name"].is_string()));
}

/// The JSON payloads of an SSE subscription until the server ends it.
async fn sse_events(system: &TestSystem, token: Option<&str>, body: &Value) -> Vec<Value> {
    let mut request = system
        .request(reqwest::Method::POST, "/graphql")
        .header("accept", "text/event-stream")
        .json(body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let mut response = request.send().await.unwrap();
    assert_eq!(response.status(), 200);
    let mut text = String::new();
    while let Some(chunk) = tokio::time::timeout(Duration::from_secs(30), response.chunk())
        .await
        .expect("an event within 30 s")
        .unwrap()
    {
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    text.lines()
        .filter_map(|line| line.strip_prefix("data:"))
        .filter_map(|data| serde_json::from_str::<Value>(data.trim()).ok())
        .filter(|value| value.is_object() && (value.get("data").is_some() || value.get("errors").is_some()))
        .collect()
}

/// Opens a subscription on a connection of its own and gathers its `next` payloads (errors
/// included) until `enough` says so, the server completes it, or 30 s pass.
async fn gather(
    system: &TestSystem,
    token: Option<&str>,
    query: &str,
    variables: Value,
    enough: impl Fn(&[Value]) -> bool + Send + 'static,
) -> tokio::task::JoinHandle<Vec<Value>> {
    let mut socket = connect(system, token).await;
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": query, "variables": variables } }),
    )
    .await;
    tokio::spawn(async move {
        let mut seen = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
        while tokio::time::Instant::now() < deadline && !enough(&seen) {
            let Ok(message) = tokio::time::timeout_at(deadline, receive(&mut socket)).await else {
                break;
            };
            match message["type"].as_str() {
                Some("next") => seen.push(message["payload"].clone()),
                Some("error") => {
                    seen.push(json!({ "errors": message["payload"] }));
                    break;
                }
                _ => break,
            }
        }
        seen
    })
}

fn first_code(payloads: &[Value]) -> Value {
    payloads
        .first()
        .map(|p| p["errors"][0]["extensions"]["code"].clone())
        .unwrap_or_default()
}

/// Kitchen screen, notification bell, live stock and the courier's progress, each through the
/// router, and each refused to callers without the right.
#[tokio::test]
async fn kitchen_inbox_stock_and_delivery_are_live_and_guarded() {
    let system = TestSystem::embedded_with(&[
        ("VITRINE_SIMULATE_COURIERS", "true"),
        ("VITRINE_TIME_SCALE", "300"),
    ])
    .await;
    let (pizza, price) = kitchen_offer("pizza");
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let dana = Shopper::new(&system, "dana-live", 3 * price).await;
    let kitchen = system.login("kitchen@vitrine.kz", "kitchen-demo-2026").await;

    let refused = gather(
        &system,
        Some(&dana.token),
        "subscription { kitchenTicketUpdated { id } }",
        json!({}),
        |s| !s.is_empty(),
    )
    .await;
    let anonymous = gather(
        &system,
        None,
        "subscription { notificationReceived { id } }",
        json!({}),
        |s| !s.is_empty(),
    )
    .await;
    assert_eq!(first_code(&refused.await.unwrap()), "FORBIDDEN");
    assert_eq!(first_code(&anonymous.await.unwrap()), "UNAUTHENTICATED");

    let tickets = gather(
        &system,
        Some(&kitchen),
        "subscription { kitchenTicketUpdated { orderId status } }",
        json!({}),
        |s| {
            s.iter()
                .any(|p| p["data"]["kitchenTicketUpdated"]["status"] == "READY")
        },
    )
    .await;
    let bell = gather(
        &system,
        Some(&dana.token),
        "subscription { notificationReceived { kind title orderId } }",
        json!({}),
        |s| {
            s.iter()
                .any(|p| p["data"]["notificationReceived"]["kind"] == "DELIVERY")
        },
    )
    .await;
    let stock = gather(
        &system,
        None,
        "subscription($p: ID!) { stockChanged(productId: $p) { id stock name } }",
        json!({ "p": product }),
        |s| s.len() >= 2,
    )
    .await;

    let order_id = dana.place_order(&system, &pizza, 1, "live-all").await;
    let courier = gather(
        &system,
        Some(&dana.token),
        "subscription($o: ID!) { deliveryUpdated(orderId: $o) { status etaSeconds courier { name location { latitude longitude } } } }",
        json!({ "o": order_id }),
        |s| s.iter().any(|p| p["data"]["deliveryUpdated"]["status"] == "DELIVERED"),
    )
    .await;

    let tickets = tickets.await.unwrap();
    let ours: Vec<&str> = tickets
        .iter()
        .map(|p| &p["data"]["kitchenTicketUpdated"])
        .filter(|t| t["orderId"] == order_id.as_str())
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    assert_eq!(ours.last(), Some(&"READY"), "{tickets:?}");
    assert!(ours.contains(&"PREPARING"), "{tickets:?}");

    let bell = bell.await.unwrap();
    assert!(
        bell.iter()
            .all(|p| p["data"]["notificationReceived"]["orderId"] == order_id.as_str()),
        "{bell:?}"
    );

    let stock = stock.await.unwrap();
    let levels: Vec<i64> = stock
        .iter()
        .map(|p| p["data"]["stockChanged"]["stock"].as_i64().unwrap())
        .collect();
    assert!(
        levels.len() >= 2 && levels[1] < levels[0],
        "a unit left stock: {stock:?}"
    );
    assert!(
        stock[0]["data"]["stockChanged"]["name"].is_string(),
        "enriched by catalog: {stock:?}"
    );

    let courier = courier.await.unwrap();
    let updates: Vec<&Value> = courier.iter().map(|p| &p["data"]["deliveryUpdated"]).collect();
    assert_eq!(updates.last().unwrap()["status"], "DELIVERED", "{courier:?}");
    assert!(
        updates
            .iter()
            .any(|u| u["courier"]["location"]["latitude"].is_number() && u["etaSeconds"].is_number()),
        "the courier's position and ETA while on the way: {courier:?}"
    );
}

/// An access token for `customer_id` that expires in `seconds`, signed with the development key.
/// Open live subscriptions in the system, from its /metrics.
async fn open_subscriptions(system: &TestSystem) -> i64 {
    system.gauge_total("vitrine_live_subscriptions").await
}

/// A subscription ends when the access token behind it expires; a caller holds a bounded
/// number of subscriptions; a client that vanished leaves nothing open.
#[tokio::test]
async fn token_expiry_ends_subscriptions_and_closed_connections_free_them() {
    let system = TestSystem::embedded().await;
    let (customer_id, _, _) = system.register("short-session").await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let watch = "subscription($p: ID!) { stockChanged(productId: $p) { stock } }";

    let token = mint_token(&customer_id, "CUSTOMER", 3);
    let ended = gather(&system, Some(&token), watch, json!({ "p": product }), |s| {
        s.len() >= 2
    })
    .await;
    let ended = tokio::time::timeout(Duration::from_secs(20), ended)
        .await
        .unwrap()
        .unwrap();
    assert!(ended[0]["data"]["stockChanged"]["stock"].is_number(), "{ended:?}");
    assert_eq!(
        ended.last().unwrap()["errors"][0]["extensions"]["code"],
        "UNAUTHENTICATED",
        "{ended:?}"
    );

    // Different subscriptions each (identical ones share one run in the router, and so one
    // seat at the subgraph: see `identical_subscriptions_share_a_run_only_within_one_caller`).
    let (_, full_token, _) = system.register("many-tabs").await;
    let mut socket = connect(&system, Some(&full_token)).await;
    for id in 0..LIMIT_PROBE {
        let other_product = format!("{product}-{id}");
        send(
            &mut socket,
            json!({ "id": id.to_string(), "type": "subscribe", "payload": { "query": watch, "variables": { "p": other_product } } }),
        )
        .await;
    }
    let mut first_of_each = std::collections::HashMap::new();
    while first_of_each.len() < LIMIT_PROBE {
        let message = receive(&mut socket).await;
        let id = message["id"].as_str().unwrap_or_default().to_string();
        first_of_each.entry(id).or_insert(message);
    }
    let limited = first_of_each
        .values()
        .filter(|m| {
            m["payload"][0]["extensions"]["code"] == "RATE_LIMITED"
                || m["payload"]["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        })
        .count();
    assert_eq!(
        limited,
        LIMIT_PROBE - vitrine_kit::live::PER_CALLER,
        "the ones past the limit are refused"
    );
    assert!(open_subscriptions(&system).await >= vitrine_kit::live::PER_CALLER as i64);
    // The client goes away without a word. Hive 0.2.5 notices when the subscriptions' next
    // event finds nobody listening, and then closes them at the subgraph too.
    drop(socket);
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let (pizza, _) = kitchen_offer("pizza");
    let adjust = "mutation($o: ID!) { adjustStock(offerId: $o, delta: 1, reason: \"recount\") { stock } }";
    let adjusted = system.graphql_as(&seller, adjust, json!({ "o": pizza })).await;
    assert!(adjusted["errors"].is_null(), "{adjusted}");
    crate::shopping::eventually("every subscription freed", || async {
        (open_subscriptions(&system).await == 0).then_some(())
    })
    .await;
}

/// A client that ends its subscriptions (or leaves) while nothing changes frees them at the
/// subgraph all the same: Hive 0.2.5 closes a subscription there only when a result finds its
/// client gone, so the subgraph sends an idle state subscription its state again
/// (`VITRINE_LIVE_REFRESH_SECS`). Without that, a customer who had looked at 100 products
/// whose stock did not move could follow no more.
#[tokio::test]
async fn subscriptions_a_client_ended_are_freed_without_any_change() {
    let system = TestSystem::embedded_with(&[("VITRINE_LIVE_REFRESH_SECS", "1")]).await;
    let (_, token, _) = system.register("browsing").await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let watch = "subscription($p: ID!) { stockChanged(productId: $p) { stock } }";
    let mut socket = connect(&system, Some(&token)).await;
    let subscribe = |id: String| json!({ "id": id, "type": "subscribe", "payload": { "query": watch, "variables": { "p": product } } });
    for round in 0..2 {
        for n in 0..vitrine_kit::live::PER_CALLER {
            send(&mut socket, subscribe(format!("{round}-{n}"))).await;
        }
        let mut served = std::collections::HashSet::new();
        while served.len() < vitrine_kit::live::PER_CALLER {
            let message = receive(&mut socket).await;
            assert!(
                message["payload"]["data"]["stockChanged"]["stock"].is_number(),
                "round {round}: {message}"
            );
            served.insert(message["id"].as_str().unwrap().to_string());
        }
        for id in served {
            send(&mut socket, json!({ "id": id, "type": "complete" })).await;
        }
        crate::shopping::eventually("every ended subscription freed at the subgraph", || async {
            (open_subscriptions(&system).await == 0).then_some(())
        })
        .await;
    }
    // One still followed is sent the same state again, and is not freed.
    send(&mut socket, subscribe("kept".into())).await;
    let first = receive(&mut socket).await;
    let again = receive(&mut socket).await;
    assert_eq!(again["id"], "kept", "{again}");
    assert_eq!(again["payload"], first["payload"], "the same state");
    assert_eq!(open_subscriptions(&system).await, 1);
}

/// Notification bells left behind by reloaded pages do not lock a customer out: an event
/// subscription has no state to send again, and Hive 0.2.5's own WebSocket server left one
/// whose client ended it open at the subgraph until the customer's next notification or their
/// token's expiry. The router's server drops it at once, so the subgraph closes it at once, and
/// the customer's next page follows what it shows without replacing anything.
#[tokio::test]
async fn bells_left_behind_give_their_seats_to_what_the_customer_follows_next() {
    let system = TestSystem::embedded().await;
    let (_, token, _) = system.register("reloading").await;
    let bell = |id: String| json!({ "id": id, "type": "subscribe", "payload": { "query": "subscription { notificationReceived { id title } }" } });
    let mut socket = connect(&system, Some(&token)).await;
    for n in 0..vitrine_kit::live::PER_CALLER {
        send(&mut socket, bell(format!("page-{n}"))).await;
    }
    crate::shopping::eventually("every bell open at the subgraph", || async {
        (open_subscriptions(&system).await == vitrine_kit::live::PER_CALLER as i64).then_some(())
    })
    .await;
    for n in 0..vitrine_kit::live::PER_CALLER {
        send(
            &mut socket,
            json!({ "id": format!("page-{n}"), "type": "complete" }),
        )
        .await;
    }
    crate::shopping::eventually("the ended bells closed at the subgraph", || async {
        (open_subscriptions(&system).await == 0).then_some(())
    })
    .await;
    // The customer opens a product page: its stock is followed.
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let watch = "subscription($p: ID!) { stockChanged(productId: $p) { stock } }";
    send(
        &mut socket,
        json!({ "id": "product", "type": "subscribe", "payload": { "query": watch, "variables": { "p": product } } }),
    )
    .await;
    let served = receive(&mut socket).await;
    assert_eq!(served["id"], "product", "{served}");
    assert!(
        served["payload"]["data"]["stockChanged"]["stock"].is_number(),
        "{served}"
    );
    // And a bell on the next page too, with nothing to replace.
    send(&mut socket, bell("page-next".into())).await;
    crate::shopping::eventually("the product and the new bell open", || async {
        (open_subscriptions(&system).await == 2).then_some(())
    })
    .await;
    assert_eq!(system.gauge_total("vitrine_live_replaced_total").await, 0);
    // Nothing was sent to the ended bells' ids, nor refused.
    send(&mut socket, json!({ "id": "ping", "type": "ping" })).await;
    let pong = receive(&mut socket).await;
    assert_eq!(pong["type"], "pong", "{pong}");
}

/// More subscriptions than one caller may hold.
const LIMIT_PROBE: usize = vitrine_kit::live::PER_CALLER + 5;

pub const DELIVERY: &str = "subscription($o: ID!) { deliveryUpdated(orderId: $o) { orderId status \
     courier { name location { latitude longitude } } etaSeconds } }";

/// Follows `order_id`'s delivery up to the server's `complete`: the order ids and statuses of
/// every message.
async fn follow_delivery(system: &TestSystem, token: &str, order_id: &str) -> Vec<(String, String)> {
    let mut socket = connect(system, Some(token)).await;
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": DELIVERY, "variables": { "o": order_id } } }),
    )
    .await;
    let mut seen = Vec::new();
    loop {
        let message = receive(&mut socket).await;
        match message["type"].as_str() {
            Some("next") => {
                assert!(message["payload"]["errors"].is_null(), "{message}");
                let delivery = &message["payload"]["data"]["deliveryUpdated"];
                seen.push((
                    delivery["orderId"].as_str().unwrap().to_string(),
                    delivery["status"].as_str().unwrap().to_string(),
                ));
            }
            Some("complete") => return seen,
            _ => panic!("unexpected {message}"),
        }
    }
}

/// Waits until `order_id` has a delivery to follow (opened once the order is confirmed).
pub async fn delivery_opened(system: &TestSystem, shopper: &Shopper, order_id: &str) {
    crate::shopping::eventually("a delivery to follow", || async {
        let reply = shopper
            .ask(
                system,
                "query($id: ID!) { order(id: $id) { delivery { status } } }",
                json!({ "id": order_id }),
            )
            .await;
        reply["data"]["order"]["delivery"]["status"]
            .is_string()
            .then_some(())
    })
    .await;
}

/// Live reads are shared per order, not per selection: two customers with the same
/// subscription on their own orders, delivered side by side by moving couriers, each get only
/// their own order's states, every status among them, up to DELIVERED.
#[tokio::test]
async fn shared_live_reads_keep_each_customer_to_their_own_order() {
    let system = TestSystem::embedded_with(&[
        ("VITRINE_SIMULATE_COURIERS", "true"),
        ("VITRINE_TIME_SCALE", "300"),
    ])
    .await;
    let (pizza, price) = kitchen_offer("pizza");
    let mut orders = Vec::new();
    for name in ["dana-live", "erlan-live"] {
        let shopper = Shopper::new(&system, name, 3 * price).await;
        let order_id = shopper.place_order(&system, &pizza, 1, "side-by-side").await;
        orders.push((shopper, order_id));
    }
    for (shopper, order_id) in &orders {
        delivery_opened(&system, shopper, order_id).await;
    }
    let (dana, erlan) = (&orders[0], &orders[1]);
    let (dana_seen, erlan_seen) = tokio::join!(
        follow_delivery(&system, &dana.0.token, &dana.1),
        follow_delivery(&system, &erlan.0.token, &erlan.1),
    );
    for ((_, order_id), seen) in [(dana, &dana_seen), (erlan, &erlan_seen)] {
        assert!(
            seen.iter().all(|(id, _)| id == order_id),
            "only their own order: {seen:?}"
        );
        let mut statuses: Vec<&str> = seen.iter().map(|(_, status)| status.as_str()).collect();
        statuses.dedup();
        assert_eq!(statuses.last(), Some(&"DELIVERED"), "{seen:?}");
        assert!(
            statuses.contains(&"PICKED_UP") || statuses.contains(&"ASSIGNED"),
            "{seen:?}"
        );
    }
}

/// A followed delivery's run moves to the router's own connection to delivery once started:
/// Hive's subscription at delivery is dropped (one open there, not two), and every later state,
/// each status up to DELIVERED, comes through the router's; when the server completes it, the
/// router's subscription is gone too.
#[tokio::test]
async fn a_followed_delivery_moves_to_the_routers_own_subscription_at_delivery() {
    let system = TestSystem::embedded_with(&[
        ("VITRINE_SIMULATE_COURIERS", "true"),
        ("VITRINE_TIME_SCALE", "300"),
    ])
    .await;
    let (pizza, price) = kitchen_offer("pizza");
    let shopper = Shopper::new(&system, "gulnar-live", 3 * price).await;
    let order_id = shopper.place_order(&system, &pizza, 1, "handed over").await;
    delivery_opened(&system, &shopper, &order_id).await;

    let mut socket = connect(&system, Some(&shopper.token)).await;
    send(
        &mut socket,
        json!({ "id": "1", "type": "subscribe", "payload": { "query": DELIVERY, "variables": { "o": order_id } } }),
    )
    .await;
    let mut statuses = Vec::new();
    let mut moved = false;
    loop {
        let message = receive(&mut socket).await;
        match message["type"].as_str() {
            Some("next") => {
                assert!(message["payload"]["errors"].is_null(), "{message}");
                let delivery = &message["payload"]["data"]["deliveryUpdated"];
                assert_eq!(delivery["orderId"], order_id.as_str(), "{message}");
                statuses.push(delivery["status"].as_str().unwrap().to_string());
            }
            Some("complete") => break,
            _ => panic!("unexpected {message}"),
        }
        if !moved
            && system
                .counter("vitrine_router_subscriptions_handed_over_total")
                .await
                == 1
        {
            moved = true;
            assert_eq!(
                system.gauge_total("vitrine_router_upstream_subscriptions").await,
                1
            );
            // Hive's subscription ends at delivery as soon as the router drops it.
            crate::shopping::eventually("one subscription at delivery", || async {
                (open_subscriptions(&system).await == 1).then_some(())
            })
            .await;
        }
    }
    assert!(moved, "the run moved before the delivery ended: {statuses:?}");
    statuses.dedup();
    assert_eq!(
        statuses.last().map(String::as_str),
        Some("DELIVERED"),
        "{statuses:?}"
    );
    assert!(
        statuses.iter().any(|s| s == "PICKED_UP" || s == "ASSIGNED"),
        "{statuses:?}"
    );
    crate::shopping::eventually("nothing left open", || async {
        let upstream = system.gauge_total("vitrine_router_upstream_subscriptions").await;
        (upstream == 0 && open_subscriptions(&system).await == 0).then_some(())
    })
    .await;
}

/// Subscribers of one product share its reads: 60 watchers of the same product, on six
/// connections, all get a stock change, for one read of changed state (not one each). The 59
/// identical to the first join its run in the router, so inventory runs one subscription.
#[tokio::test]
async fn watchers_of_one_product_share_one_read_per_change() {
    let system = TestSystem::embedded().await;
    let (pizza, _) = kitchen_offer("pizza");
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let watch = "subscription($p: ID!) { stockChanged(productId: $p) { id stock } }";
    let mut watchers = Vec::new();
    for _ in 0..6 {
        let mut socket = connect(&system, None).await;
        for id in 0..10 {
            send(
                &mut socket,
                json!({ "id": id.to_string(), "type": "subscribe", "payload": { "query": watch, "variables": { "p": product } } }),
            )
            .await;
        }
        watchers.push(socket);
    }
    // Each one's first state (the stock now) arrives, so all 60 have joined.
    let mut before = None;
    for socket in &mut watchers {
        for _ in 0..10 {
            let message = receive(socket).await;
            assert_eq!(message["type"], "next", "{message}");
            before = message["payload"]["data"]["stockChanged"]["stock"].as_i64();
        }
    }
    let reads = || system.counter_where("vitrine_live_reads_total", "field", "inventory.stockChanged");
    let reads_before = reads().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let adjust = "mutation($o: ID!) { adjustStock(offerId: $o, delta: 1, reason: \"recount\") { stock } }";
    let adjusted = system.graphql_as(&seller, adjust, json!({ "o": pizza })).await;
    assert!(adjusted["errors"].is_null(), "{adjusted}");
    for socket in &mut watchers {
        for _ in 0..10 {
            let message = receive(socket).await;
            let stock = message["payload"]["data"]["stockChanged"]["stock"].as_i64();
            assert_eq!(stock, before.map(|units| units + 1), "{message}");
        }
    }
    assert_eq!(reads().await - reads_before, 1, "one read for 60 watchers");
    assert_eq!(
        system.counter("vitrine_router_subscriptions_joined_total").await,
        59,
        "one run for 60 identical subscriptions"
    );
    assert_eq!(
        open_subscriptions(&system).await,
        1,
        "one subscription at inventory"
    );
}

/// Identical subscriptions run once per caller, never across callers: a customer's second
/// tab on their order joins the first tab's run and starts from its latest state; a stranger
/// sending the very same subscription is still refused, not handed that run.
#[tokio::test]
async fn identical_subscriptions_share_a_run_only_within_one_caller() {
    let system = TestSystem::embedded().await;
    let (pizza, price) = kitchen_offer("pizza");
    let aru = Shopper::new(&system, "aru-tabs", 3 * price).await;
    let order_id = aru.place_order(&system, &pizza, 1, "two tabs").await;
    let joined = || system.counter("vitrine_router_subscriptions_joined_total");

    let mut first_tab = track(&system.router_url, &aru.token, &order_id).await;
    let first = receive(&mut first_tab).await;
    assert_eq!(
        first["payload"]["data"]["orderStatusChanged"]["id"],
        order_id.as_str(),
        "{first}"
    );
    let before = joined().await;

    let stranger = Shopper::new(&system, "stranger-tabs", 0).await;
    let mut snoop = track(&system.router_url, &stranger.token, &order_id).await;
    assert_forbidden(&receive(&mut snoop).await);
    assert_eq!(joined().await, before, "a stranger never joins a customer's run");

    let mut second_tab = track(&system.router_url, &aru.token, &order_id).await;
    let second = receive(&mut second_tab).await;
    let order = &second["payload"]["data"]["orderStatusChanged"];
    assert_eq!(order["id"], order_id.as_str(), "{second}");
    assert!(
        order["lines"][0]["product"]["name"].is_string(),
        "enriched: {second}"
    );
    assert_eq!(
        joined().await,
        before + 1,
        "the second tab joined the first's run"
    );
}

/// The router carries every client's subscriptions to a subgraph over one connection, and
/// each subscription on it runs as its own caller: while a customer follows their order, an
/// anonymous client's identical subscription is told to sign in and a stranger's is refused,
/// all three on the one connection the customer's subscription opened. The caller is the one
/// the router verified, never one a client writes into its own extensions.
#[tokio::test]
async fn one_connection_per_subgraph_carries_every_caller_each_as_themselves() {
    let system = TestSystem::embedded().await;
    let (pizza, price) = kitchen_offer("pizza");
    let aru = Shopper::new(&system, "aru-shared", 3 * price).await;
    let order_id = aru.place_order(&system, &pizza, 1, "shared connection").await;

    let mut owner = track(&system.router_url, &aru.token, &order_id).await;
    let first = receive(&mut owner).await;
    assert_eq!(
        first["payload"]["data"]["orderStatusChanged"]["id"],
        order_id.as_str(),
        "{first}"
    );

    // Anonymous, even when claiming the owner's claims in its own extensions: the router
    // forwards only claims it verified.
    let mut anonymous = connect(&system, None).await;
    let forged = json!({ "jwt": { "sub": aru.id, "roles": ["CUSTOMER"] } });
    let payload = json!({ "query": TRACK, "variables": { "o": order_id }, "extensions": forged });
    send(
        &mut anonymous,
        json!({ "id": "1", "type": "subscribe", "payload": payload }),
    )
    .await;
    assert_refused(&receive(&mut anonymous).await, "UNAUTHENTICATED");

    let stranger = Shopper::new(&system, "stranger-shared", 0).await;
    let mut snoop = track(&system.router_url, &stranger.token, &order_id).await;
    assert_forbidden(&receive(&mut snoop).await);

    // A connection of their own would outlive this test (Hive keeps idle ones 50 s).
    let sockets = system
        .counter_where("vitrine_subscription_sockets", "subgraph", "orders")
        .await;
    assert_eq!(
        sockets, 1,
        "three callers, one connection from the router to orders"
    );
}

/// A subscription id is free again once its subscription is over: ended by the server (a
/// refusal streamed as its only result, then `complete`), or completed by the client, even
/// while it was still starting; nothing of the earlier one reaches the later one under the
/// same id.
#[tokio::test]
async fn a_subscription_id_is_free_again_once_its_subscription_is_over() {
    let system = TestSystem::embedded().await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let other = vitrine_kit::demo::product_id("pizza-pepperoni");
    let watch = "subscription($p: ID!) { stockChanged(productId: $p) { id stock } }";
    let subscribe = |id: &str, query: &str, variables: Value| json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } });
    let mut socket = connect(&system, None).await;

    // Anonymous: the subgraph refuses, and the server ends the subscription.
    send(
        &mut socket,
        subscribe("1", TRACK, json!({ "o": "order-of-nobody" })),
    )
    .await;
    let refused = receive(&mut socket).await;
    assert_refused(&refused, "UNAUTHENTICATED");
    if refused["type"] == "next" {
        let ended = receive(&mut socket).await;
        assert_eq!(
            (ended["id"].as_str(), ended["type"].as_str()),
            (Some("1"), Some("complete")),
            "{ended}"
        );
    }
    send(&mut socket, subscribe("1", watch, json!({ "p": product }))).await;
    let reused = receive(&mut socket).await;
    assert_eq!(reused["id"], "1", "{reused}");
    assert_eq!(
        reused["payload"]["data"]["stockChanged"]["id"],
        product.as_str(),
        "{reused}"
    );

    // Completed by the client as soon as sent, and the id taken again at once.
    send(&mut socket, subscribe("2", watch, json!({ "p": product }))).await;
    send(&mut socket, json!({ "id": "2", "type": "complete" })).await;
    send(&mut socket, subscribe("2", watch, json!({ "p": other }))).await;
    // The first may have sent its state before the client's `complete` was read; after that,
    // only the second's.
    loop {
        let later = receive(&mut socket).await;
        assert_eq!(
            (later["id"].as_str(), later["type"].as_str()),
            (Some("2"), Some("next")),
            "{later}"
        );
        let followed = later["payload"]["data"]["stockChanged"]["id"].clone();
        if followed == other.as_str() {
            break;
        }
        assert_eq!(followed, product.as_str(), "{later}");
    }
    // Nothing else came for either: the next message answers a ping.
    send(&mut socket, json!({ "type": "ping" })).await;
    let pong = receive(&mut socket).await;
    assert_eq!(pong["type"], "pong", "{pong}");
}

/// A subscription id longer than 128 bytes closes the connection (4400): each is kept while
/// its subscription runs and written into every message for it.
#[tokio::test]
async fn a_subscription_id_too_long_closes_the_connection() {
    let system = TestSystem::embedded().await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let watch = "subscription($p: ID!) { stockChanged(productId: $p) { id stock } }";
    let mut socket = connect(&system, None).await;
    let longest = "i".repeat(128);
    send(
        &mut socket,
        json!({ "id": longest, "type": "subscribe", "payload": { "query": watch, "variables": { "p": product } } }),
    )
    .await;
    assert_eq!(receive(&mut socket).await["id"], longest.as_str());
    let too_long = "i".repeat(129);
    send(
        &mut socket,
        json!({ "id": too_long, "type": "subscribe", "payload": { "query": watch, "variables": { "p": product } } }),
    )
    .await;
    let closed = loop {
        match tokio::time::timeout(Duration::from_secs(10), socket.next()).await {
            Ok(Some(Ok(Message::Close(frame)))) => break frame,
            Ok(Some(Ok(_))) => continue,
            other => panic!("no close frame: {other:?}"),
        }
    };
    assert_eq!(closed.map(|frame| u16::from(frame.code)), Some(4400));
}
