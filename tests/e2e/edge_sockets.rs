//! The router's edge for long-lived connections: WebSockets and subscription streams (SSE,
//! multipart) that nest deep, read nothing, or come in numbers.

use crate::helpers::{error_codes, TestSystem};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// About the deepest a WebSocket message can nest within the largest the router reads (64 KiB).
const MOST_BRACKETS: usize = 32_000;
/// Seconds a deep message may take to be answered: well under one alone, but CI runs tests
/// side by side; a worker that overflowed never answers.
const ANSWER_WITHIN: u64 = 15;

/// WebSocket messages reach plugins parsed, and Hive's parse of one recurses once per level of
/// nesting, bounded only by the message's size. With ntex's 2 MiB worker stacks a debug build
/// overflowed at about 100 levels (a release build at about 7 500), in `connection_init`
/// (which no plugin sees) as in a subscription's variables, and ntex-rt's SIGSEGV handler then
/// spun that worker for ever, growing memory; two such messages took the router down.
#[tokio::test]
async fn deeply_nested_websocket_messages_are_answered_and_the_router_serves_on() {
    use crate::live::connect;
    let system = TestSystem::embedded().await;
    let nested = |depth: usize| format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    for depth in [60, 120, 1_000, 5_000, MOST_BRACKETS, MOST_BRACKETS + 1_000] {
        let fits = depth <= MOST_BRACKETS;
        // Deep in a subscription's variables: the guard refuses it.
        let mut socket = connect(&system, None).await;
        let subscribe = format!(
            r#"{{"id":"1","type":"subscribe","payload":{{"query":"subscription($p: ID!) {{ stockChanged(productId: $p) {{ stock }} }}","variables":{{"p":"prd_x","x":{}}}}}}}"#,
            nested(depth)
        );
        match within_seconds(ANSWER_WITHIN, first_answer(&mut socket, subscribe)).await {
            Some(answer) => {
                assert_eq!(answer["type"], "next", "depth {depth}: {answer}");
                let code = &answer["payload"]["errors"][0]["extensions"]["code"];
                assert_eq!(code, "BAD_USER_INPUT", "depth {depth}: {answer}");
            }
            None => assert!(!fits, "depth {depth}: closed"),
        }
        // Deep in `connection_init`: acknowledged.
        let mut socket = raw_socket(&system).await;
        let init = format!(
            r#"{{"type":"connection_init","payload":{{"x":{}}}}}"#,
            nested(depth)
        );
        match within_seconds(ANSWER_WITHIN, first_answer(&mut socket, init)).await {
            Some(answer) => assert_eq!(answer["type"], "connection_ack", "depth {depth}: {answer}"),
            None => assert!(!fits, "depth {depth}: closed"),
        }
    }
    system.assert_still_serving().await;
}

/// A WebSocket whose client reads nothing, while answering the router's pings blind, made the
/// router keep every result of its subscriptions: Hive 0.2.5 writes them to the connection
/// without waiting. The router closes such a connection once more than
/// `max_websocket_unsent_bytes` wait for it.
#[tokio::test]
async fn a_websocket_client_that_reads_nothing_is_closed_before_its_results_pile_up() {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    let system = TestSystem::embedded_with(&[
        ("VITRINE_MAX_WEBSOCKET_UNSENT_BYTES", "262144"),
        ("VITRINE_LIVE_REFRESH_SECS", "1"),
    ])
    .await;
    let stream = small_window_connection(&system).await;
    let request = crate::live::upgrade_request(&system.router_url);
    let (mut socket, _) = tokio_tungstenite::client_async(request, stream).await.unwrap();
    socket
        .send(Message::Text(
            json!({ "type": "connection_init" }).to_string().into(),
        ))
        .await
        .unwrap();
    let ack = socket.next().await.unwrap().unwrap();
    assert!(ack.to_text().unwrap().contains("connection_ack"), "{ack:?}");
    // Subscriptions whose every result is large, each sent again every second.
    let query = large_results();
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    // Enough that the kernel's buffers for the connection (about 4 MiB) fill within seconds.
    for n in 0..1_000 {
        let subscribe = json!({ "id": n.to_string(), "type": "subscribe", "payload": { "query": query, "variables": { "p": product } } });
        socket
            .send(Message::Text(subscribe.to_string().into()))
            .await
            .unwrap();
    }
    // From now on it only writes: a pong a second, as a client would to stay connected.
    let (mut writer, mut reader) = socket.split();
    let pongs = tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let pong = Message::Text(json!({ "type": "pong" }).to_string().into());
            if writer.send(pong).await.is_err() {
                return;
            }
        }
    });
    // About 5 s alone (the kernel's buffers fill first); more beside other tests.
    let within = Duration::from_secs(60);
    crate::shopping::eventually_within("the unread WebSocket closed", within, || async {
        (system.gauge_total("vitrine_websockets_closed_unread_total").await == 1).then_some(())
    })
    .await;
    pongs.abort();
    // What the kernel held for it is there to read, then the end.
    let drained = tokio::time::timeout(Duration::from_secs(20), async {
        while let Some(Ok(_)) = reader.next().await {}
    })
    .await;
    assert!(drained.is_ok(), "the connection ended");
    system.assert_still_serving().await;
}

/// A subscription stream (SSE) whose client takes nothing: ntex takes the next result only when
/// the connection's buffer has room, so the results waited in the router and the subscription
/// ran on in its subgraph for as long as the client kept the connection. The router closes
/// such a stream once its client has taken nothing for `stalled_stream_secs`, which ends the
/// subscription in the subgraph; a stream whose client reads stays open.
#[tokio::test]
async fn a_stream_whose_client_takes_nothing_is_closed_and_its_subscription_ended() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let system = TestSystem::embedded_with(&[
        ("VITRINE_STALLED_STREAM_SECS", "2"),
        ("VITRINE_LIVE_REFRESH_SECS", "1"),
    ])
    .await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let live = || async { system.gauge_total("vitrine_live_subscriptions").await };
    let before = live().await;
    // A client that reads: its stream must outlive the other's.
    let mut reading = system
        .request(reqwest::Method::POST, "/graphql")
        .header("accept", "text/event-stream")
        .json(&json!({
            "query": "subscription($p: ID!) { stockChanged(productId: $p) { stock } }",
            "variables": { "p": product },
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(reading.status(), 200);
    // Results of 145 KB (29 times the longest description), sent again every second, to a
    // client with a small receive window: the kernel's buffers for it (about 4 MiB) fill
    // within half a minute.
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let categories = system.graphql("{ categories { id } }", json!({})).await;
    let long = json!({ "i": {
        "name": "Long read",
        "slug": format!("long-{}", uuid::Uuid::new_v4().simple()),
        "description": "x".repeat(5_000),
        "price": 1000,
        "categoryId": categories["data"]["categories"][0]["id"],
    } });
    let created = system
        .graphql_as(
            &seller,
            "mutation($i: ProductInput!) { createProduct(input: $i) { id } }",
            long,
        )
        .await;
    let long = created["data"]["createProduct"]["id"].clone();
    assert!(long.is_string(), "{created}");
    let body = json!({ "query": large_results(), "variables": { "p": long } }).to_string();
    let mut stalled = small_window_connection(&system).await;
    let request = format!(
        "POST /graphql HTTP/1.1\r\nHost: router\r\nAccept: text/event-stream\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stalled.write_all(request.as_bytes()).await.unwrap();
    crate::shopping::eventually_within("both subscriptions running", Duration::from_secs(30), || async {
        (live().await == before + 2).then_some(())
    })
    .await;
    // About 30 s alone (the kernel's buffers fill first); more beside other tests.
    let within = Duration::from_secs(120);
    crate::shopping::eventually_within("the stalled stream closed", within, || async {
        (system.gauge_total("vitrine_streams_closed_stalled_total").await == 1).then_some(())
    })
    .await;
    crate::shopping::eventually_within("its subscription ended", Duration::from_secs(30), || async {
        (live().await == before + 1).then_some(())
    })
    .await;
    // What the kernel held for it is there to read, then the end.
    let drained = tokio::time::timeout(Duration::from_secs(20), async {
        let mut buffer = vec![0; 64 * 1024];
        while matches!(stalled.read(&mut buffer).await, Ok(n) if n > 0) {}
    })
    .await;
    assert!(drained.is_ok(), "the connection ended");
    // The reading client still gets its results.
    for _ in 0..3 {
        let chunk = tokio::time::timeout(Duration::from_secs(10), reading.chunk())
            .await
            .expect("a result within 10 s")
            .unwrap()
            .expect("the stream goes on");
        assert!(!chunk.is_empty());
    }
    assert_eq!(
        system.gauge_total("vitrine_streams_closed_stalled_total").await,
        1
    );
    system.assert_still_serving().await;
}

/// A TCP connection to the router from a client with a small receive window, so that the
/// kernel holds little for it.
async fn small_window_connection(system: &TestSystem) -> tokio::net::TcpStream {
    let address: std::net::SocketAddr = system.router_url.trim_start_matches("http://").parse().unwrap();
    let tcp = tokio::net::TcpSocket::new_v4().unwrap();
    tcp.set_recv_buffer_size(4096).unwrap();
    tcp.connect(address).await.unwrap()
}

/// A subscription of a product's stock whose every result holds its description 29 times
/// (Hive's alias limit is 30).
fn large_results() -> String {
    let descriptions: Vec<String> = (0..29).map(|n| format!("d{n}: description")).collect();
    format!(
        "subscription($p: ID!) {{ stockChanged(productId: $p) {{ name {} }} }}",
        descriptions.join(" ")
    )
}

/// A graphql-transport-ws connection to the router, not yet initialised.
async fn raw_socket(system: &TestSystem) -> crate::live::Socket {
    let request = crate::live::upgrade_request(&system.router_url);
    tokio_tungstenite::connect_async(request)
        .await
        .expect("WebSocket to the router")
        .0
}

/// Sends `text`; the first message back, or `None` when the router closed the connection.
async fn first_answer(socket: &mut crate::live::Socket, text: String) -> Option<Value> {
    use futures::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    socket.send(Message::Text(text.into())).await.ok()?;
    loop {
        match socket.next().await? {
            Ok(Message::Text(text)) => return Some(serde_json::from_str(&text).unwrap()),
            Ok(Message::Close(_)) | Err(_) => return None,
            Ok(_) => continue,
        }
    }
}

async fn within_seconds<T>(seconds: u64, answer: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(seconds), answer)
        .await
        .unwrap_or_else(|_| panic!("no answer within {seconds} s"))
}

/// A WebSocket is one HTTP request (its upgrade), then any number of operation messages: each
/// of those costs its address like a request, or one connection could open subscriptions
/// without end.
#[tokio::test]
async fn each_websocket_operation_counts_against_its_address_rate() {
    use crate::live::{connect, receive, send};
    let system = TestSystem::embedded_with(&[("VITRINE_RATE_LIMIT_PER_ADDRESS", "1:4")]).await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let subscribe = |id: usize| {
        json!({ "id": id.to_string(), "type": "subscribe", "payload": {
            "query": "subscription($p: ID!) { stockChanged(productId: $p) { stock } }",
            "variables": { "p": product },
        } })
    };
    // The upgrade takes one of the burst's four.
    let mut socket = connect(&system, None).await;
    let started = Instant::now();
    const SENT: usize = 10;
    for id in 1..=SENT {
        send(&mut socket, subscribe(id)).await;
    }
    let mut first_of_each = std::collections::HashMap::new();
    while first_of_each.len() < SENT {
        let message = receive(&mut socket).await;
        let id: usize = message["id"].as_str().unwrap().parse().unwrap();
        first_of_each.entry(id).or_insert(message);
    }
    let seconds = started.elapsed().as_secs_f64().ceil() as usize;
    let passed = |m: &Value| m["payload"]["data"]["stockChanged"]["stock"].is_number();
    for id in 1..=3 {
        assert!(passed(&first_of_each[&id]), "{:?}", first_of_each[&id]);
    }
    let limited: Vec<&Value> = first_of_each
        .values()
        .filter(|m| m["payload"]["errors"][0]["extensions"]["code"] == "RATE_LIMITED")
        .collect();
    let served = first_of_each.values().filter(|m| passed(m)).count();
    assert_eq!(served + limited.len(), SENT, "{first_of_each:?}");
    assert!(!limited.is_empty(), "{first_of_each:?}");
    // The rest of the burst, then one a second (refusals are held until the next is due).
    assert!(served <= 3 + seconds + 1, "{served} served in {seconds} s");
    // A rate, not a ban: the same connection is served again once the address may.
    tokio::time::sleep(Duration::from_secs(2)).await;
    send(&mut socket, subscribe(SENT + 1)).await;
    let last = (SENT + 1).to_string();
    let again = loop {
        let message = receive(&mut socket).await;
        if message["id"] == last.as_str() {
            break message;
        }
    };
    assert!(passed(&again), "{again}");
}

/// An idle WebSocket that answers pings lasts for ever, and each holds memory in the router:
/// an address may hold a bounded number open, and gets a seat back when one closes.
#[tokio::test]
async fn an_address_holds_a_bounded_number_of_websockets() {
    use crate::live::connect;
    let system = TestSystem::embedded_with(&[("VITRINE_MAX_WEBSOCKETS_PER_ADDRESS", "3")]).await;
    let upgrade =
        || async { tokio_tungstenite::connect_async(crate::live::upgrade_request(&system.router_url)).await };
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(connect(&system, None).await);
    }
    let refused = match upgrade().await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response,
        Err(other) => panic!("refused with {other}"),
        Ok(_) => panic!("a fourth connection from one address was upgraded"),
    };
    assert_eq!(refused.status(), 429);
    let body: Value = serde_json::from_slice(refused.body().as_deref().unwrap_or_default()).unwrap();
    assert_eq!(error_codes(&body), vec!["RATE_LIMITED"], "{body}");
    // Plain requests from the same address are not held back by its open sockets.
    system.assert_still_serving().await;
    // One closes; its seat comes back once the router has let the connection go.
    drop(open.pop());
    let started = Instant::now();
    loop {
        match upgrade().await {
            Ok(_) => break,
            Err(_) if started.elapsed() < Duration::from_secs(10) => {
                tokio::time::sleep(Duration::from_millis(100)).await
            }
            Err(err) => panic!("no seat came back after a connection closed: {err}"),
        }
    }
}

/// Subscriptions are multiplexed over WebSockets, so an address's connections bound nothing
/// by themselves: the subscriptions it has started on its open connections are bounded too.
/// Hive 0.2.5 tells no plugin when one ends, so an ended one counts until its connection
/// closes. Queries over a socket take no seat, and a document refused before planning gets
/// its own error over a socket as over HTTP (not Hive's `INTERNAL_SERVER_ERROR`).
#[tokio::test]
async fn an_address_starts_a_bounded_number_of_subscriptions_over_its_websockets() {
    use crate::live::{connect, receive, send, Socket};
    let system = TestSystem::embedded_with(&[("VITRINE_MAX_WEBSOCKET_SUBSCRIPTIONS_PER_ADDRESS", "3")]).await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let operation = |id: &str, query: &str| json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": { "p": product } } });
    const FOLLOW: &str = "subscription($p: ID!) { stockChanged(productId: $p) { stock } }";
    // The first message for `id`: its first state, or its refusal.
    async fn first(socket: &mut Socket, id: &str) -> Value {
        loop {
            let message = receive(socket).await;
            if message["id"] == id {
                return message;
            }
        }
    }
    let follows = |m: &Value| m["payload"]["data"]["stockChanged"]["stock"].is_number();
    let mut one = connect(&system, None).await;
    send(&mut one, operation("a", FOLLOW)).await;
    assert!(follows(&first(&mut one, "a").await));
    // Ended by its client, it still counts: nothing tells the guard it ended.
    send(&mut one, json!({ "id": "a", "type": "complete" })).await;
    send(&mut one, operation("b", FOLLOW)).await;
    assert!(follows(&first(&mut one, "b").await));
    for id in ["q1", "q2"] {
        send(
            &mut one,
            operation(id, "query($p: ID!) { product(id: $p) { name } }"),
        )
        .await;
        let answer = first(&mut one, id).await;
        assert!(
            answer["payload"]["data"]["product"]["name"].is_string(),
            "{answer}"
        );
    }
    let mut two = connect(&system, None).await;
    send(&mut two, operation("c", FOLLOW)).await;
    assert!(follows(&first(&mut two, "c").await));
    send(&mut two, operation("d", FOLLOW)).await;
    let refused = first(&mut two, "d").await;
    assert_eq!(refused["type"], "next", "{refused}");
    assert_eq!(
        error_codes(&refused["payload"]),
        vec!["RATE_LIMITED"],
        "{refused}"
    );
    assert!(refused.to_string().contains("close a connection"), "{refused}");
    let two_operations = "query A { __typename } query B { __typename }";
    send(&mut two, operation("e", two_operations)).await;
    let refused = first(&mut two, "e").await;
    assert_eq!(
        error_codes(&refused["payload"]),
        vec!["BAD_USER_INPUT"],
        "{refused}"
    );
    // The first connection closes; its two seats come back once the router has let it go.
    drop(one);
    let started = Instant::now();
    for attempt in 0.. {
        let id = format!("again{attempt}");
        send(&mut two, operation(&id, FOLLOW)).await;
        let answer = first(&mut two, &id).await;
        if follows(&answer) {
            break;
        }
        assert_eq!(error_codes(&answer["payload"]), vec!["RATE_LIMITED"], "{answer}");
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no seat came back after a connection closed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A subscription streamed over HTTP holds its connection as long as a WebSocket does: it
/// takes a seat from the same count, and gives it back when the client hangs up. A query from
/// a client that accepts streams too (urql, Apollo Client) takes none.
#[tokio::test]
async fn subscription_streams_count_with_an_addresss_websockets() {
    use crate::live::connect;
    let system = TestSystem::embedded_with(&[("VITRINE_MAX_WEBSOCKETS_PER_ADDRESS", "4")]).await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let post = |path: &str, headers: &[(&'static str, &'static str)], query: &'static str| {
        let mut request = system
            .request(reqwest::Method::POST, path)
            .json(&json!({ "query": query, "variables": { "p": product } }));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    // As urql sends it.
    const URQL: (&str, &str) = ("accept", "application/graphql-response+json, text/event-stream");
    const FOLLOW: &str = "subscription($p: ID!) { stockChanged(productId: $p) { stock } }";
    let _socket = connect(&system, None).await;
    let mut open = Vec::new();
    // A stream however the client asks for it: any case, a wildcard (reqwest's default, which
    // Hive answers with multipart), or an Upgrade header on a request that is no WebSocket.
    let asking: [&[(&str, &str)]; 3] = [
        &[("accept", "TEXT/EVENT-STREAM")],
        &[("accept", "*/*")],
        &[URQL, ("upgrade", "h2c")],
    ];
    for headers in asking {
        let mut response = post("/graphql", headers, FOLLOW).await.unwrap();
        assert_eq!(response.status(), 200, "{headers:?}");
        // Its first state: the subscription runs.
        let first = tokio::time::timeout(Duration::from_secs(10), async {
            let mut text = String::new();
            while !text.contains("\"stock\"") {
                let chunk = response.chunk().await.unwrap().expect("the stream goes on");
                text.push_str(&String::from_utf8_lossy(&chunk));
            }
        })
        .await;
        assert!(first.is_ok(), "no first state within 10 s ({headers:?})");
        open.push(response);
    }
    for _ in 0..3 {
        let response = post("/graphql", &[URQL], "query($p: ID!) { product(id: $p) { name } }")
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let text = response.text().await.unwrap();
        assert!(text.contains("\"name\""), "{text}");
    }
    let refused = post("/graphql", &[URQL], FOLLOW).await.unwrap();
    assert_eq!(refused.status(), 429);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(error_codes(&body), vec!["RATE_LIMITED"], "{body}");
    assert!(body.to_string().contains("subscription streams"), "{body}");
    // Nor does another path in Hive's GraphQL scope get round it.
    for path in ["/graphql/x", "/%67raphql"] {
        let response = post(path, &[URQL], FOLLOW).await.unwrap();
        assert_eq!(response.status(), 404, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(error_codes(&body), vec!["NOT_FOUND"], "{path}: {body}");
    }
    system.assert_still_serving().await;
    // One hangs up; its seat comes back once the router has noticed.
    drop(open.pop());
    let started = Instant::now();
    loop {
        let response = post("/graphql", &[URQL], FOLLOW).await.unwrap();
        if response.status() == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "no seat came back after a stream's client left"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The router's own limit on open streams is the one in force, not Hive's default of 128 for
/// all clients together (which one address could fill).
#[tokio::test]
async fn a_router_holds_as_many_streams_as_its_limit_says() {
    use futures::StreamExt;
    const LIMIT: usize = 140;
    let limit = LIMIT.to_string();
    let system = TestSystem::embedded_with(&[
        ("VITRINE_MAX_WEBSOCKETS_PER_ADDRESS", "0"),
        ("VITRINE_MAX_WEBSOCKETS", limit.as_str()),
        ("VITRINE_RATE_LIMIT_PER_ADDRESS", "0"),
    ])
    .await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let follow = || {
        system
            .request(reqwest::Method::POST, "/graphql")
            .header("accept", "text/event-stream")
            .json(&json!({
                "query": "subscription($p: ID!) { stockChanged(productId: $p) { stock } }",
                "variables": { "p": product },
            }))
            .send()
    };
    let open: Vec<reqwest::Response> = futures::stream::iter(0..LIMIT)
        .map(|_| async {
            let mut response = follow().await.unwrap();
            assert_eq!(response.status(), 200);
            let first = response.chunk().await.unwrap().unwrap_or_default();
            assert!(String::from_utf8_lossy(&first).contains("stock"), "{first:?}");
            response
        })
        .buffer_unordered(20)
        .collect()
        .await;
    assert_eq!(open.len(), LIMIT);
    let refused = follow().await.unwrap();
    let status = refused.status();
    let body = refused.text().await.unwrap();
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("RATE_LIMITED"), "{body}");
}

/// An upgrade the router cannot take (no `Sec-WebSocket-Key`) is answered as any refused
/// request is: HTTP 400 with a coded GraphQL error, and the router serves on.
#[tokio::test]
async fn a_websocket_upgrade_without_its_key_is_refused_with_a_code() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let system = TestSystem::embedded().await;
    let address = system.router_url.trim_start_matches("http://").to_string();
    let mut socket = tokio::net::TcpStream::connect(&address).await.unwrap();
    let head = format!(
        "GET /graphql HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&answer).contains("\"}]}") {
        let read = within_seconds(10, socket.read(&mut buffer)).await.unwrap();
        if read == 0 {
            break;
        }
        answer.extend_from_slice(&buffer[..read]);
    }
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("BAD_USER_INPUT"), "{answer}");
    let alive = system.graphql("{ __typename }", json!({})).await;
    assert_eq!(alive["data"]["__typename"], "Query", "{alive}");
}
