use super::*;
use crate::signature::verify_signature;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::Mutex;

/// What a receiver got: (event id header, signature header, raw body) per request.
#[derive(Clone, Default)]
struct Received(Arc<Mutex<Vec<(String, String, String)>>>);

impl Received {
    fn all(&self) -> Vec<(String, String, String)> {
        self.0.lock().unwrap().clone()
    }
}

/// A receiver on 127.0.0.1:0 answering `statuses` in turn (the last one from then on).
async fn receiver(statuses: Vec<u16>) -> (String, Received) {
    let received = Received::default();
    let app = axum::Router::new()
        .route(
            "/hook",
            post(
                |State((received, statuses)): State<(Received, Arc<Vec<u16>>)>,
                 headers: HeaderMap,
                 body: String| async move {
                    let header = |name: &str| {
                        headers
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or_default()
                            .to_string()
                    };
                    let mut all = received.0.lock().unwrap();
                    all.push((header("vitrine-event-id"), header("vitrine-signature"), body));
                    let status = statuses[(all.len() - 1).min(statuses.len() - 1)];
                    StatusCode::from_u16(status).unwrap()
                },
            ),
        )
        .with_state((received.clone(), Arc::new(statuses)));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, received)
}

/// A URL nothing listens on: bound once to get a free port, then closed.
async fn unreachable_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    drop(listener);
    url
}

const LOG: &str = "query($w: ID!) { webhookDeliveries(webhookId: $w) { deliveries { eventId topic status \
     attemptCount lastOutcome lastStatusCode lastError attempts { attemptNo outcome statusCode error } } \
     nextCursor } }";

async fn log(sys: &System, who: &Identity, webhook_id: &str) -> Vec<Value> {
    let data = sys.gql(who, LOG, json!({ "w": webhook_id })).await;
    data["webhookDeliveries"]["deliveries"]
        .as_array()
        .unwrap()
        .clone()
}

/// Runs the sender until nothing is pending (or 10 s pass).
async fn drain(sys: &System) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        sys.parts.sender.run_once().await.unwrap();
        let pending = sys
            .count(
                "SELECT COUNT(*) FROM webhook_delivery WHERE status = $1",
                "PENDING",
            )
            .await;
        if pending == 0 {
            return;
        }
        assert!(tokio::time::Instant::now() < deadline, "still pending");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn bad_urls_and_unknown_topics_are_bad_user_input() {
    let sys = system().await;
    let register = "mutation($u: String!, $t: [String!]) { registerWebhook(url: $u, topics: $t) { secret } }";
    for url in [
        "ftp://example.com/hook",
        "javascript:alert(1)",
        "garbage",
        "http://",
    ] {
        let code = sys
            .gql_code(Some(&customer(ALICE)), register, json!({ "u": url }))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{url}");
    }
    let topics = json!({ "u": "https://example.com/hook", "t": ["delivery.courier_moved"] });
    assert_eq!(
        sys.gql_code(Some(&customer(ALICE)), register, topics).await,
        "BAD_USER_INPUT"
    );
}

#[tokio::test]
async fn an_owner_has_at_most_ten_webhooks_and_only_removes_their_own() {
    let sys = system().await;
    let mut ids = Vec::new();
    for n in 0..10 {
        let (id, secret) = sys
            .register(&customer(ALICE), &format!("https://example.com/{n}"), None)
            .await;
        assert_eq!(secret.len(), 64);
        ids.push(id);
    }
    let register = "mutation { registerWebhook(url: \"https://example.com/11\") { secret } }";
    assert_eq!(
        sys.gql_code(Some(&customer(ALICE)), register, json!({})).await,
        "CONFLICT"
    );
    let remove = "mutation($id: ID!) { removeWebhook(id: $id) }";
    assert_eq!(
        sys.gql_code(Some(&customer(BOB)), remove, json!({ "id": ids[0] }))
            .await,
        "NOT_FOUND"
    );
    assert_eq!(
        sys.gql_code(Some(&customer(BOB)), LOG, json!({ "w": ids[0] }))
            .await,
        "NOT_FOUND"
    );
    let removed = sys.gql(&customer(ALICE), remove, json!({ "id": ids[0] })).await;
    assert_eq!(removed["removeWebhook"], json!(true));
    assert_eq!(
        sys.gql_code(Some(&customer(ALICE)), remove, json!({ "id": ids[0] }))
            .await,
        "NOT_FOUND",
        "already removed"
    );
    let mine = sys
        .gql(
            &customer(ALICE),
            "{ myWebhooks { id url topics allCustomers } }",
            json!({}),
        )
        .await;
    assert_eq!(mine["myWebhooks"].as_array().unwrap().len(), 9);
    assert_eq!(mine["myWebhooks"][0]["allCustomers"], json!(false));
    sys.gql(&customer(ALICE), register, json!({})).await;
}

#[tokio::test]
async fn a_receiver_failing_twice_gets_the_event_accepted_once_after_three_attempts() {
    let sys = system().await;
    let (url, received) = receiver(vec![500, 500, 200]).await;
    let (webhook_id, secret) = sys.register(&customer(ALICE), &url, None).await;
    let event = order_status(ALICE, "ord_1", "PENDING", "CONFIRMED");
    sys.publish(&event).await;
    drain(&sys).await;

    let requests = received.all();
    assert_eq!(requests.len(), 3);
    let now = chrono::Utc::now().timestamp();
    for (event_id, signature, body) in &requests {
        assert_eq!(event_id, &event.id, "every retry carries the event id");
        assert_eq!(body, &requests[0].2, "and the same body");
        verify_signature(&secret, signature, body.as_bytes(), now, Duration::from_secs(300)).unwrap();
    }
    let body: Value = serde_json::from_str(&requests[0].2).unwrap();
    assert_eq!(body["id"], json!(event.id));
    assert_eq!(body["data"]["status"], json!("CONFIRMED"));

    let deliveries = log(&sys, &customer(ALICE), &webhook_id).await;
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(delivery["status"], json!("DELIVERED"));
    assert_eq!(delivery["attemptCount"], json!(3));
    assert_eq!(delivery["lastOutcome"], json!("DELIVERED"));
    let outcomes: Vec<(Value, Value)> = delivery["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["outcome"].clone(), a["statusCode"].clone()))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (json!("HTTP_ERROR"), json!(500)),
            (json!("HTTP_ERROR"), json!(500)),
            (json!("DELIVERED"), json!(200)),
        ]
    );
    // Delivered: later passes send nothing more.
    sys.parts.sender.run_once().await.unwrap();
    assert_eq!(received.all().len(), 3);
}

#[tokio::test]
async fn an_unreachable_endpoint_fails_after_the_last_attempt() {
    let sys = system().await;
    let url = unreachable_url().await;
    let (webhook_id, _) = sys.register(&customer(ALICE), &url, None).await;
    sys.publish(&order_status(ALICE, "ord_1", "PENDING", "CONFIRMED"))
        .await;
    drain(&sys).await;
    let deliveries = log(&sys, &customer(ALICE), &webhook_id).await;
    let delivery = &deliveries[0];
    assert_eq!(delivery["status"], json!("FAILED"));
    assert_eq!(delivery["attemptCount"], json!(3), "webhook_max_attempts");
    assert_eq!(delivery["lastOutcome"], json!("UNREACHABLE"));
    for attempt in delivery["attempts"].as_array().unwrap() {
        assert_eq!(attempt["outcome"], json!("UNREACHABLE"));
        assert_eq!(attempt["statusCode"], Value::Null);
        assert!(!attempt["error"].as_str().unwrap().is_empty());
    }

    let ping = "mutation($id: ID!) { pingWebhook(id: $id) { attemptNo outcome statusCode error } }";
    let data = sys.gql(&customer(ALICE), ping, json!({ "id": webhook_id })).await;
    let attempt = &data["pingWebhook"];
    assert_eq!(attempt["outcome"], json!("UNREACHABLE"));
    let error = attempt["error"].as_str().unwrap().to_lowercase();
    assert!(error.contains("connect") || error.contains("refused"), "{error}");
}

#[tokio::test]
async fn a_ping_is_signed_sent_once_and_logged() {
    let sys = system().await;
    let (url, received) = receiver(vec![204]).await;
    let (webhook_id, secret) = sys.register(&customer(ALICE), &url, None).await;
    let ping = "mutation($id: ID!) { pingWebhook(id: $id) { outcome statusCode } }";
    let data = sys.gql(&customer(ALICE), ping, json!({ "id": webhook_id })).await;
    assert_eq!(
        data["pingWebhook"],
        json!({ "outcome": "DELIVERED", "statusCode": 204 })
    );
    let requests = received.all();
    assert_eq!(requests.len(), 1);
    let (_, signature, body) = &requests[0];
    let now = chrono::Utc::now().timestamp();
    verify_signature(&secret, signature, body.as_bytes(), now, Duration::from_secs(300)).unwrap();
    let body: Value = serde_json::from_str(body).unwrap();
    assert_eq!(body["topic"], json!("webhook.ping"));
    let deliveries = log(&sys, &customer(ALICE), &webhook_id).await;
    assert_eq!(deliveries[0]["topic"], json!("webhook.ping"));
    assert_eq!(deliveries[0]["status"], json!("DELIVERED"));
    sys.parts.sender.run_once().await.unwrap();
    assert_eq!(received.all().len(), 1, "pings are not retried or resent");
}

#[tokio::test]
async fn two_senders_at_once_send_a_delivery_once() {
    let sys = system().await;
    let (url, received) = receiver(vec![200]).await;
    sys.register(&customer(ALICE), &url, None).await;
    sys.publish(&order_status(ALICE, "ord_1", "PENDING", "CONFIRMED"))
        .await;
    let other = crate::sender::Sender::new(sys.parts.db.clone(), &sys.cfg.notifications);
    let (a, b) = tokio::join!(sys.parts.sender.run_once(), other.run_once());
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    assert_eq!(received.all().len(), 1);
}

#[tokio::test]
async fn removing_a_webhook_gives_up_its_pending_deliveries() {
    let sys = system().await;
    let (url, received) = receiver(vec![200]).await;
    let (webhook_id, _) = sys.register(&customer(ALICE), &url, None).await;
    sys.publish(&order_status(ALICE, "ord_1", "PENDING", "CONFIRMED"))
        .await;
    sys.gql(
        &customer(ALICE),
        "mutation($id: ID!) { removeWebhook(id: $id) }",
        json!({ "id": webhook_id }),
    )
    .await;
    sys.parts.sender.run_once().await.unwrap();
    assert!(received.all().is_empty());
    let deliveries = log(&sys, &customer(ALICE), &webhook_id).await;
    assert_eq!(deliveries[0]["status"], json!("FAILED"));
    assert_eq!(deliveries[0]["lastError"], json!("webhook removed"));
}

/// A webhook stored as if registered earlier (say, while the allowance was on, or under a name
/// that resolved elsewhere then): the sender must still refuse it.
async fn stored_webhook(sys: &System, owner: &str, url: &str) -> String {
    let hook = crate::store::WebhookRow {
        id: new_id("whk"),
        owner_id: owner.into(),
        all_customers: false,
        url: url.into(),
        secret: crate::webhook::new_secret(),
        topics: None,
        active: true,
        created_at: crate::store::now(),
    };
    crate::store::insert_webhook(&sys.parts.db, &hook).await.unwrap();
    hook.id
}

#[tokio::test]
async fn by_default_loopback_private_and_metadata_urls_are_refused_and_never_contacted() {
    let sys = system_with(|cfg| cfg.notifications.webhooks_allow_private = false).await;
    let (url, received) = receiver(vec![200]).await;
    let port = url
        .split(':')
        .nth(2)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let register = "mutation($u: String!) { registerWebhook(url: $u) { secret } }";
    for refused in [
        url.clone(),
        format!("http://localhost:{port}/hook"),
        format!("http://[::1]:{port}/hook"),
        format!("http://[::ffff:127.0.0.1]:{port}/hook"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.1/hook".to_string(),
        "http://192.168.1.1/hook".to_string(),
        "http://100.64.0.1/hook".to_string(),
        "http://0.0.0.0/hook".to_string(),
        "http://[fe80::1]/hook".to_string(),
    ] {
        let code = sys
            .gql_code(Some(&customer(ALICE)), register, json!({ "u": refused }))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{refused}");
    }

    // Stored anyway: an IP literal is refused before connecting, and a name is resolved to
    // public addresses only (localhost has none), for pings and for event deliveries alike.
    let by_literal = stored_webhook(&sys, ALICE, &url).await;
    let by_name = stored_webhook(&sys, ALICE, &format!("http://localhost:{port}/hook")).await;
    let ping = "mutation($id: ID!) { pingWebhook(id: $id) { outcome statusCode error } }";
    for id in [&by_literal, &by_name] {
        let data = sys.gql(&customer(ALICE), ping, json!({ "id": id })).await;
        let attempt = &data["pingWebhook"];
        assert_eq!(attempt["outcome"], json!("UNREACHABLE"), "{attempt}");
        assert_eq!(attempt["statusCode"], json!(null));
        let error = attempt["error"].as_str().unwrap();
        assert!(error.contains("refused"), "{error}");
    }
    sys.publish(&order_status(ALICE, "ord_ssrf", "PENDING", "CONFIRMED"))
        .await;
    drain(&sys).await;
    for id in [&by_literal, &by_name] {
        let deliveries = log(&sys, &customer(ALICE), id).await;
        let event = deliveries
            .iter()
            .find(|d| d["topic"] != json!("webhook.ping"))
            .unwrap();
        assert_eq!(event["status"], json!("FAILED"), "{event}");
        assert_eq!(event["lastOutcome"], json!("UNREACHABLE"), "{event}");
    }
    assert!(
        received.all().is_empty(),
        "the receiver on 127.0.0.1 was contacted"
    );
}
