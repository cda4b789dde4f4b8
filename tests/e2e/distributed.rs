//! Distributed mode: every subgraph its own process, events through NATS JetStream, and the
//! faults such a deployment must survive, with orders, events, stock and money reconciled.

use crate::fulfillment::kitchen_offer;
use crate::helpers::{checked_in_supergraph, TestSystem};
use crate::shopping::{
    assert_placed, eventually, eventually_within, is_placed, plain_offer, stock, Shopper, CHECKOUT,
};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A NATS server of the test's own, so it can be stopped without disturbing other tests.
struct Nats {
    port: u16,
    store: tempfile::TempDir,
    process: Option<Child>,
}

impl Nats {
    async fn start() -> Nats {
        let port = crate::helpers::free_port();
        let mut nats = Nats {
            port,
            store: tempfile::tempdir().unwrap(),
            process: None,
        };
        nats.start_again().await;
        nats
    }

    fn url(&self) -> String {
        format!("nats://127.0.0.1:{}", self.port)
    }

    /// Starts it (again) on the same port and storage, so streams and consumers survive.
    async fn start_again(&mut self) {
        let process = Command::new("nats-server")
            .args(["-a", "127.0.0.1", "-p", &self.port.to_string(), "-js", "-sd"])
            .arg(self.store.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nats-server (Debian package nats-server) runs");
        self.process = Some(process);
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "nats-server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn stop(&mut self) {
        if let Some(mut process) = self.process.take() {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}

impl Drop for Nats {
    fn drop(&mut self) {
        self.stop();
    }
}

const DELIVERED: &str = "query($id: ID!) { order(id: $id) { status statusHistory { to } \
     payment { status } delivery { status } } }";

/// The order once DELIVERED with its payment CAPTURED.
async fn delivered(system: &TestSystem, shopper: &Shopper, order_id: &str) -> Value {
    eventually_within(
        &format!("order {order_id} delivered and captured"),
        Duration::from_secs(60),
        || async {
            let reply = shopper.ask(system, DELIVERED, json!({ "id": order_id })).await;
            let order = reply["data"]["order"].clone();
            (order["status"] == "DELIVERED" && order["payment"]["status"] == "CAPTURED").then_some(order)
        },
    )
    .await
}

fn history(order: &Value) -> Vec<String> {
    order["statusHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["to"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_order_is_cooked_and_delivered_across_processes_through_nats() {
    let system = TestSystem::split_with(
        &checked_in_supergraph(),
        &[
            ("VITRINE_SIMULATE_COURIERS", "true"),
            ("VITRINE_TIME_SCALE", "1000"),
        ],
    )
    .await;
    let (burger, price) = kitchen_offer("burgers");
    let arman = Shopper::new(&system, "arman-split", 3 * price).await;
    arman.add(&system, &burger, 1).await;
    let placed = arman.checkout_wallet(&system, "split-dinner").await;
    assert_placed(&placed);
    let order_id = placed["data"]["checkout"]["id"].as_str().unwrap();
    let order = delivered(&system, &arman, order_id).await;
    assert_eq!(
        history(&order),
        [
            "PENDING",
            "CONFIRMED",
            "PREPARING",
            "READY_FOR_DELIVERY",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ],
        "kitchen, delivery, orders and payments each in their own process: {order}"
    );
    assert_eq!(order["delivery"]["status"], "DELIVERED");
    // Live too: the orders process hears the events through its own NATS feed. The grill is
    // paused until the subscriber is listening, so it sees the kitchen start.
    let kitchen = system.login("kitchen@vitrine.kz", "kitchen-demo-2026").await;
    let pause = "mutation($p: Boolean!) { pauseStation(name: \"GRILL\", paused: $p) { paused } }";
    system.graphql_as(&kitchen, pause, json!({ "p": true })).await;
    let again = Shopper::new(&system, "arman-live", 3 * price).await;
    again.add(&system, &burger, 1).await;
    let placed = again.checkout_wallet(&system, "split-live").await;
    let live_id = placed["data"]["checkout"]["id"].as_str().unwrap();
    let resume = async {
        eventually("the subscriber to be listening", || async {
            (system.gauge_total("vitrine_live_subscriptions").await > 0).then_some(())
        })
        .await;
        system.graphql_as(&kitchen, pause, json!({ "p": false })).await;
    };
    let (statuses, ()) = tokio::join!(crate::live::follow(&system, &again.token, live_id), resume);
    assert_eq!(
        statuses,
        [
            "CONFIRMED",
            "PREPARING",
            "READY_FOR_DELIVERY",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ],
        "live across processes"
    );
    assert_eq!(arman.wallet(&system).await, (2 * price, 0));
    let inbox = arman
        .ask(
            &system,
            "{ myNotifications { notifications { kind orderId } } }",
            json!({}),
        )
        .await;
    let kinds: Vec<&str> = inbox["data"]["myNotifications"]["notifications"]
        .as_array()
        .unwrap_or_else(|| panic!("{inbox}"))
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"ORDER_STATUS") && kinds.contains(&"KITCHEN"),
        "{inbox}"
    );
}

/// NATS goes away while a burst of checkouts runs, then comes back: checkouts still succeed
/// (the saga calls subgraphs directly), the events wait in the outboxes and all arrive, once.
#[tokio::test]
async fn nats_stopped_during_a_burst_of_checkouts_loses_and_doubles_nothing() {
    let mut nats = Nats::start().await;
    let system = TestSystem::split_with(
        &checked_in_supergraph(),
        &[
            ("VITRINE_NATS_URL", &nats.url()),
            ("VITRINE_SIMULATE_COURIERS", "true"),
            ("VITRINE_TIME_SCALE", "1000"),
        ],
    )
    .await;
    let (offer, price, units) = plain_offer(5);
    let system = &system;
    let shoppers = futures::future::join_all(
        (0..8).map(|i| async move { Shopper::new(system, &format!("burst-{i}"), 2 * price).await }),
    )
    .await;
    for shopper in &shoppers {
        shopper.add(system, &offer, 1).await;
    }
    // The first half is sent and NATS dies once one of them has answered (its events are
    // committed and on their way); the second half starts once NATS is gone, so every one of
    // its events is committed while the relays cannot publish. NATS stays down until all eight
    // have answered.
    let (first, second) = shoppers.split_at(4);
    let answered = std::sync::atomic::AtomicUsize::new(0);
    let answered = &answered;
    let in_flight = futures::future::join_all(first.iter().map(|s| async move {
        let reply = s.checkout_wallet(system, "burst").await;
        answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        reply
    }));
    let during_the_outage = async {
        eventually("a first checkout to answer", || async {
            (answered.load(std::sync::atomic::Ordering::SeqCst) > 0).then_some(())
        })
        .await;
        nats.stop();
        futures::future::join_all(second.iter().map(|s| s.checkout_wallet(system, "burst"))).await
    };
    let (mut placed, after) = tokio::join!(in_flight, during_the_outage);
    placed.extend(after);
    for reply in &placed {
        assert_placed(reply);
    }
    nats.start_again().await;

    let mut statuses_seen = BTreeMap::new();
    for (shopper, reply) in shoppers.iter().zip(&placed) {
        let order_id = reply["data"]["checkout"]["id"].as_str().unwrap();
        let order = delivered(system, shopper, order_id).await;
        let history = history(&order);
        let mut unique = history.clone();
        unique.dedup();
        assert_eq!(unique, history, "no status applied twice: {order}");
        *statuses_seen.entry(history.join(">")).or_insert(0) += 1;
        assert_eq!(
            shopper.wallet(system).await,
            (price, 0),
            "charged once: {}",
            shopper.id
        );
        // One notification per status change, however often NATS redelivered. The last ones
        // can still be on their way when the order already reads DELIVERED.
        let changes = history.len() - 1;
        let (titles, inbox) = eventually("a notification for each status change", || async {
            let inbox = shopper
                .ask(
                    system,
                    "{ myNotifications(first: 100) { notifications { kind title } } }",
                    json!({}),
                )
                .await;
            let titles: Vec<String> = inbox["data"]["myNotifications"]["notifications"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|n| n["kind"] == "ORDER_STATUS")
                .map(|n| n["title"].as_str().unwrap().to_string())
                .collect();
            (titles.len() >= changes).then_some((titles, inbox))
        })
        .await;
        let mut distinct = titles.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(titles.len(), distinct.len(), "a notification twice: {inbox}");
        assert_eq!(titles.len(), changes, "one per change after PENDING: {inbox}");
    }
    assert_eq!(
        statuses_seen.len(),
        1,
        "every order went the same way: {statuses_seen:?}"
    );
    assert_eq!(
        stock(system, &offer).await,
        units - 8,
        "eight units sold, once each"
    );
}

/// The orders process dies right after reserving stock; restarted, it finishes the saga.
#[tokio::test]
async fn the_orders_process_killed_mid_saga_finishes_it_after_restart() {
    let mut system = TestSystem::split_with(&checked_in_supergraph(), &[]).await;
    let (offer, price, units) = plain_offer(7);
    let gulnar = Shopper::new(&system, "gulnar-crash", 4 * price).await;
    gulnar.add(&system, &offer, 2).await;
    system
        .restart_subgraph("orders", &[("VITRINE_FAULT_CRASH_AFTER_STEP", "RESERVE_STOCK")])
        .await;
    let reply = system
        .graphql_as(
            &gulnar.token,
            CHECKOUT,
            json!({ "i": { "deliveryAddressId": gulnar.address_id, "paymentMethod": "WALLET", "idempotencyKey": "crash" } }),
        )
        .await;
    assert!(
        reply["errors"].is_array(),
        "the orders process died mid-checkout: {reply}"
    );
    eventually("orders to exit", || {
        let running = system.all_running();
        async move { (!running).then_some(()) }
    })
    .await;
    system
        .restart_subgraph("orders", &[("VITRINE_FAULT_CRASH_AFTER_STEP", "")])
        .await;
    let order = eventually("the resumed saga", || async {
        let orders = gulnar
            .ask(&system, "{ myOrders { orders { id status } } }", json!({}))
            .await;
        let order = orders["data"]["myOrders"]["orders"][0].clone();
        (!order.is_null() && order["status"] != "PENDING").then_some(order)
    })
    .await;
    assert!(crate::shopping::is_placed(&order["status"]), "{order}");
    let replay = system
        .graphql_as(
            &gulnar.token,
            CHECKOUT,
            json!({ "i": { "deliveryAddressId": gulnar.address_id, "paymentMethod": "WALLET", "idempotencyKey": "crash" } }),
        )
        .await;
    assert_eq!(
        replay["data"]["checkout"]["id"], order["id"],
        "the same order: {replay}"
    );
    assert_eq!(
        stock(&system, &offer).await,
        units - 2,
        "reserved and committed once"
    );
    assert_eq!(gulnar.wallet(&system).await, (4 * price, 2 * price), "held once");
}

/// A TCP proxy (to PostgreSQL, to a peer) that can cut every connection and refuse new ones,
/// then recover; or hang up on the next few connections as they arrive.
struct FlakyLink {
    port: u16,
    target: String,
    accept: Option<tokio::task::JoinHandle<()>>,
    connections: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
    /// Connections still to hang up on as soon as they are accepted.
    to_drop: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    dropped: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    /// Connections still to take and never answer (a hung peer).
    to_hold: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    held: std::sync::Arc<std::sync::Mutex<Vec<tokio::net::TcpStream>>>,
}

impl FlakyLink {
    async fn to(target: &str) -> FlakyLink {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut link = FlakyLink {
            port: listener.local_addr().unwrap().port(),
            target: target.to_string(),
            accept: None,
            connections: Default::default(),
            to_drop: Default::default(),
            dropped: Default::default(),
            to_hold: Default::default(),
            held: Default::default(),
        };
        link.serve(listener);
        link
    }

    fn serve(&mut self, listener: tokio::net::TcpListener) {
        use std::sync::atomic::Ordering::SeqCst;
        let (target, connections) = (self.target.clone(), self.connections.clone());
        let (to_drop, dropped) = (self.to_drop.clone(), self.dropped.clone());
        let (to_hold, held) = (self.to_hold.clone(), self.held.clone());
        self.accept = Some(tokio::spawn(async move {
            while let Ok((mut client, _)) = listener.accept().await {
                if to_drop.fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1)).is_ok() {
                    dropped.fetch_add(1, SeqCst);
                    continue;
                }
                if to_hold.fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1)).is_ok() {
                    held.lock().unwrap().push(client);
                    continue;
                }
                let target = target.clone();
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = tokio::net::TcpStream::connect(&target).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                connections.lock().unwrap().push(pipe);
            }
        }));
    }

    /// Every connection dropped, new ones refused.
    fn cut(&mut self) {
        if let Some(accept) = self.accept.take() {
            accept.abort();
        }
        self.drop_open();
    }

    fn drop_open(&self) {
        for pipe in self.connections.lock().unwrap().drain(..) {
            pipe.abort();
        }
    }

    /// Every open connection dropped, and the next `count` hung up on as they arrive; the
    /// ones after pass. [`FlakyLink::dropped`] counts the hang-ups.
    fn drop_next(&self, count: usize) {
        self.drop_open();
        self.to_drop.store(count, std::sync::atomic::Ordering::SeqCst);
    }

    fn dropped(&self) -> usize {
        self.dropped.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Every open connection dropped, and the next `count` taken and never answered (nor
    /// closed); the ones after pass. [`FlakyLink::held`] counts those taken.
    fn hold_next(&self, count: usize) {
        self.drop_open();
        self.to_hold.store(count, std::sync::atomic::Ordering::SeqCst);
    }

    fn held(&self) -> usize {
        self.held.lock().unwrap().len()
    }

    async fn restore(&mut self) {
        let listener = loop {
            match tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await {
                Ok(listener) => break listener,
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        };
        self.serve(listener);
    }
}

/// PostgreSQL goes away under a running system: requests fail with a clear, retryable error
/// and readiness says so; when it returns, everything works again without a restart.
#[tokio::test]
async fn postgresql_connection_loss_fails_clearly_and_recovers() {
    let Some(server) = std::env::var("VITRINE_TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        // SQLite has no connection to lose; CI runs this on PostgreSQL.
        return;
    };
    let target = server
        .trim_end_matches('/')
        .rsplit('@')
        .next()
        .unwrap()
        .to_string();
    let mut link = FlakyLink::to(&target).await;
    let through_link = server.replacen(&target, &format!("127.0.0.1:{}", link.port), 1);
    let database = format!(
        "{}/vitrine_test_{}",
        through_link.trim_end_matches('/'),
        uuid::Uuid::new_v4().simple()
    );
    let system = TestSystem::split_on(&checked_in_supergraph(), Some(database), &[]).await;
    let query = "{ products(first: 3) { id name } }";
    assert!(system.graphql(query, json!({})).await["errors"].is_null());
    let (offer, price, units) = plain_offer(8);
    let dina = Shopper::new(&system, "dina-outage", 3 * price).await;
    dina.add(&system, &offer, 1).await;
    let checkout = json!({ "i": { "deliveryAddressId": dina.address_id, "paymentMethod": "WALLET", "idempotencyKey": "outage" } });
    let readiness = format!(
        "{}readiness",
        system.subgraph_urls["catalog"].trim_end_matches("graphql")
    );

    link.cut();
    let failed = system.graphql(query, json!({})).await;
    let error = &failed["errors"][0];
    assert_eq!(error["extensions"]["code"], "INTERNAL", "{failed}");
    assert_eq!(error["extensions"]["retryable"], true, "{failed}");
    assert!(
        error["message"].as_str().unwrap().contains("unreachable"),
        "{failed}"
    );
    let status = reqwest::get(&readiness).await.unwrap().status();
    assert_eq!(status, 503, "readiness reports the lost database");
    let refused = system.graphql_as(&dina.token, CHECKOUT, checkout.clone()).await;
    assert_eq!(refused["errors"][0]["extensions"]["retryable"], true, "{refused}");

    link.restore().await;
    eventually("queries to work again", || async {
        system.graphql(query, json!({})).await["errors"]
            .is_null()
            .then_some(())
    })
    .await;
    assert_eq!(reqwest::get(&readiness).await.unwrap().status(), 200);
    // Nothing half-written: no order left PENDING, stock and money as before (or, if the
    // checkout got as far as an order, undone by its saga), then a retry works.
    let orders = eventually("no order left pending", || async {
        let reply = dina
            .ask(&system, "{ myOrders { orders { id status } } }", json!({}))
            .await;
        let orders = reply["data"]["myOrders"]["orders"].as_array()?.clone();
        orders.iter().all(|o| o["status"] != "PENDING").then_some(orders)
    })
    .await;
    assert!(orders.iter().all(|o| o["status"] == "FAILED"), "{orders:?}");
    assert_eq!(stock(&system, &offer).await, units, "no unit left reserved");
    assert_eq!(dina.wallet(&system).await, (3 * price, 0), "no money left held");
    // A new key: a replayed key answers what the first attempt got.
    let retry = json!({ "i": { "deliveryAddressId": dina.address_id, "paymentMethod": "WALLET", "idempotencyKey": "after-outage" } });
    let placed = system.graphql_as(&dina.token, CHECKOUT, retry).await;
    assert_placed(&placed);
    assert_eq!(stock(&system, &offer).await, units - 1);
    assert_eq!(dina.wallet(&system).await, (3 * price, price));
}

/// A split system whose orders calls cart through a [`FlakyLink`] (the router and the other
/// subgraphs reach cart directly).
async fn split_with_orders_reaching_cart_through_a_link() -> (TestSystem, FlakyLink) {
    let mut system = TestSystem::split().await;
    let cart = system.subgraph_urls["cart"].clone();
    let cart_address = cart.trim_start_matches("http://").trim_end_matches("/graphql");
    let link = FlakyLink::to(cart_address).await;
    let through_link = format!("http://127.0.0.1:{}/graphql", link.port);
    system
        .restart_subgraph("orders", &[("VITRINE_CART_URL", through_link.as_str())])
        .await;
    (system, link)
}

/// A peer that does not answer the saga's first call (restarting, or rejoining the registry
/// after an outage, as after the PostgreSQL loss above) costs the customer a short pause, not
/// a timeout: checkout tries the step again while they wait, and the order is placed once.
#[tokio::test]
async fn a_peer_missing_for_a_moment_delays_checkout_without_failing_it() {
    let (system, link) = split_with_orders_reaching_cart_through_a_link().await;
    let (offer, price, units) = plain_offer(2);
    let timur = Shopper::new(&system, "timur-hiccup", 3 * price).await;
    timur.add(&system, &offer, 1).await;

    link.drop_next(1);
    let placed = timur.checkout_wallet(&system, "hiccup").await;
    assert_eq!(link.dropped(), 1, "the saga's call to cart was hung up on");
    assert_placed(&placed);
    assert_eq!(stock(&system, &offer).await, units - 1);
    assert_eq!(timur.wallet(&system).await, (3 * price, price), "held once");
}

/// A peer that takes the saga's call and never answers (hung, or cut off by the network)
/// costs the customer at most checkout's 7 s: they get the PENDING order before the router's
/// 10 s deadline instead of a timeout, and the saga places it once the peer answers again.
#[tokio::test]
async fn a_hung_peer_gets_checkout_an_answer_in_time_and_the_order_placed_later() {
    let (system, link) = split_with_orders_reaching_cart_through_a_link().await;
    let (offer, price, units) = plain_offer(4);
    let saule = Shopper::new(&system, "saule-hung", 3 * price).await;
    saule.add(&system, &offer, 1).await;

    link.hold_next(1);
    let started = Instant::now();
    let answer = saule.checkout_wallet(&system, "hung").await;
    let waited = started.elapsed();
    assert_eq!(
        link.held(),
        1,
        "the saga's call to cart was taken and not answered"
    );
    assert!(waited < Duration::from_secs(10), "answered after {waited:?}");
    eprintln!("checkout answered in {waited:?} with cart hung");
    assert!(answer["errors"].is_null(), "{answer}");
    assert_eq!(answer["data"]["checkout"]["status"], "PENDING", "{answer}");
    let order_id = answer["data"]["checkout"]["id"].as_str().unwrap().to_string();
    // The call gives up after its 15 s; the saga tries again and the link lets it through.
    let status = eventually_within("the order placed", Duration::from_secs(40), || async {
        let reply = saule
            .ask(
                &system,
                "query($id: ID!) { order(id: $id) { status } }",
                json!({ "id": order_id }),
            )
            .await;
        let status = reply["data"]["order"]["status"].clone();
        (status != "PENDING").then_some(status)
    })
    .await;
    assert!(is_placed(&status), "{status}");
    assert_eq!(stock(&system, &offer).await, units - 1);
    assert_eq!(saule.wallet(&system).await, (3 * price, price), "held once");
    // A replay of the key now answers the placed order at once.
    let replayed = saule.checkout_wallet(&system, "hung").await;
    assert_eq!(
        replayed["data"]["checkout"]["id"],
        order_id.as_str(),
        "{replayed}"
    );
    assert_placed(&replayed);
}

/// The router restarts under a subscribed client: the connection drops, the client reconnects
/// and subscribes again, and events reach it as before; nothing was lost from the stock.
#[tokio::test]
async fn the_router_restarted_clients_reconnect_and_subscriptions_resume() {
    use crate::live::{connect, receive, send};
    use futures::StreamExt;
    let mut system = TestSystem::split().await;
    let (shop, product, _, _) = vitrine_kit::demo::demo_offers()
        .find(|(shop, _, _, units)| shop.slug == "technodom-dostyk" && *units >= 5)
        .unwrap();
    let offer = vitrine_kit::demo::offer_id(shop.slug, product.slug);
    let watch = json!({ "id": "1", "type": "subscribe", "payload": {
        "query": "subscription($p: ID!) { stockChanged(productId: $p) { stock name } }",
        "variables": { "p": product.id() } } });
    let mut socket = connect(&system, None).await;
    send(&mut socket, watch.clone()).await;
    let before = receive(&mut socket).await["payload"]["data"]["stockChanged"]["stock"]
        .as_i64()
        .unwrap();

    system.restart_router().await;
    let closed = tokio::time::timeout(Duration::from_secs(20), async {
        loop {
            match socket.next().await {
                None | Some(Err(_)) => return,
                Some(Ok(message)) if message.is_close() => return,
                Some(Ok(_)) => continue,
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the old connection ended with the old router");

    let mut socket = connect(&system, None).await;
    send(&mut socket, watch).await;
    let resumed = receive(&mut socket).await;
    assert_eq!(
        resumed["payload"]["data"]["stockChanged"]["stock"], before,
        "{resumed}"
    );
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let adjust = "mutation($o: ID!) { adjustStock(offerId: $o, delta: 2, reason: \"delivery\") { stock } }";
    let adjusted = system.graphql_as(&seller, adjust, json!({ "o": offer })).await;
    assert!(adjusted["errors"].is_null(), "{adjusted}");
    let next = receive(&mut socket).await;
    assert_eq!(
        next["payload"]["data"]["stockChanged"]["stock"],
        before + 2,
        "{next}"
    );
    assert!(
        next["payload"]["data"]["stockChanged"]["name"].is_string(),
        "still enriched: {next}"
    );
}

/// Two router replicas on the same subgraphs and NATS, each holding its own clients: a
/// subscriber on each follows their own order, one replica dies, its client reconnects to the
/// other and goes on from the order's current state to DELIVERED, missing no status after it.
#[tokio::test]
async fn live_orders_follow_across_router_replicas_and_survive_one_dying() {
    let mut system = TestSystem::split_with(
        &checked_in_supergraph(),
        &[
            ("VITRINE_SIMULATE_COURIERS", "true"),
            ("VITRINE_TIME_SCALE", "1000"),
        ],
    )
    .await;
    let replica = system.start_router_replica().await;
    let (burger, price) = kitchen_offer("burgers");
    // The grill waits until both subscribers listen, so both see the kitchen start.
    let kitchen = system.login("kitchen@vitrine.kz", "kitchen-demo-2026").await;
    let pause = "mutation($p: Boolean!) { pauseStation(name: \"GRILL\", paused: $p) { paused } }";
    system.graphql_as(&kitchen, pause, json!({ "p": true })).await;
    let mut orders = Vec::new();
    for name in ["aigerim-replicas", "bolat-replicas"] {
        let shopper = Shopper::new(&system, name, 3 * price).await;
        let order_id = shopper.place_order(&system, &burger, 1, "replicas").await;
        orders.push((shopper, order_id));
    }
    let ((aigerim, aigerim_order), (bolat, bolat_order)) = (&orders[0], &orders[1]);
    let all = [
        "CONFIRMED",
        "PREPARING",
        "READY_FOR_DELIVERY",
        "OUT_FOR_DELIVERY",
        "DELIVERED",
    ];

    // Bolat follows on the replica, Aigerim on the main router; each gets the current state.
    let mut bolat_socket = crate::live::track(&replica, &bolat.token, bolat_order).await;
    let mut aigerim_socket = crate::live::track(&system.router_url, &aigerim.token, aigerim_order).await;
    for socket in [&mut bolat_socket, &mut aigerim_socket] {
        let state = crate::live::receive(socket).await;
        assert_eq!(
            state["payload"]["data"]["orderStatusChanged"]["status"], "CONFIRMED",
            "{state}"
        );
    }
    // The main router dies; Aigerim's connection goes with it.
    system.kill_router();
    let ended = tokio::time::timeout(
        Duration::from_secs(10),
        futures::StreamExt::next(&mut aigerim_socket),
    )
    .await
    .expect("the dead replica's socket ends");
    assert!(
        ended.is_none_or(|message| message.is_err() || message.is_ok_and(|m| m.is_close())),
        "the connection went with its router"
    );
    // The load balancer sends her to the replica: she resumes from the current state.
    system.router_url = replica.clone();
    let mut again = crate::live::track(&replica, &aigerim.token, aigerim_order).await;
    let state = crate::live::receive(&mut again).await;
    assert_eq!(
        state["payload"]["data"]["orderStatusChanged"]["status"], "CONFIRMED",
        "{state}"
    );
    system.graphql_as(&kitchen, pause, json!({ "p": false })).await;
    let (aigerim_rest, bolat_rest) = tokio::join!(
        crate::live::statuses(&mut again),
        crate::live::statuses(&mut bolat_socket),
    );
    // Nothing missed from the current state on, through either replica.
    assert_eq!(aigerim_rest, all[1..], "after reconnecting");
    assert_eq!(bolat_rest, all[1..], "on the replica that stayed");
}

/// Delivery restarts under a followed delivery whose run the router carries on its own
/// connection: the client is told the subscription was lost (SERVICE_UNAVAILABLE) and it ends;
/// subscribing again follows the delivery from its current state over a new connection.
#[tokio::test]
async fn a_subgraph_restarted_under_a_handed_over_run_ends_it_and_a_new_one_follows() {
    use crate::live::{connect, receive, send, DELIVERY};
    let mut system = TestSystem::split().await;
    let (pizza, price) = kitchen_offer("pizza");
    let shopper = Shopper::new(&system, "saule-restart", 3 * price).await;
    let order_id = shopper.place_order(&system, &pizza, 1, "restarted").await;
    crate::live::delivery_opened(&system, &shopper, &order_id).await;
    let subscribe = |id: &str| json!({ "id": id, "type": "subscribe", "payload": { "query": DELIVERY, "variables": { "o": order_id } } });
    let mut socket = connect(&system, Some(&shopper.token)).await;
    send(&mut socket, subscribe("1")).await;
    let first = receive(&mut socket).await;
    assert_eq!(
        first["payload"]["data"]["deliveryUpdated"]["orderId"],
        order_id.as_str(),
        "{first}"
    );
    eventually("the run on the router's own connection", || async {
        (handed_over(&system).await == 1.0).then_some(())
    })
    .await;

    system.restart_subgraph("delivery", &[]).await;
    let lost = receive(&mut socket).await;
    assert_eq!(
        (lost["id"].as_str(), lost["type"].as_str()),
        (Some("1"), Some("next")),
        "{lost}"
    );
    assert_eq!(
        lost["payload"]["errors"][0]["extensions"]["code"], "SERVICE_UNAVAILABLE",
        "{lost}"
    );
    let ended = receive(&mut socket).await;
    assert_eq!(
        (ended["id"].as_str(), ended["type"].as_str()),
        (Some("1"), Some("complete")),
        "{ended}"
    );

    send(&mut socket, subscribe("2")).await;
    let again = receive(&mut socket).await;
    assert_eq!(again["id"], "2", "{again}");
    assert_eq!(
        again["payload"]["data"]["deliveryUpdated"], first["payload"]["data"]["deliveryUpdated"],
        "the same state, read again after the restart"
    );
    eventually("the new run on a new connection", || async {
        (handed_over(&system).await == 2.0).then_some(())
    })
    .await;
}

/// Runs the router moved to its own subgraph connections.
async fn handed_over(system: &TestSystem) -> f64 {
    let counter = "vitrine_router_subscriptions_handed_over_total ";
    system.router_metric(counter).await.unwrap_or(0.0)
}
