use super::*;
use vitrine_kit::contracts::{PaymentChanged, PAYMENT_AUTHORIZED, PAYMENT_CAPTURED};

async fn rows(sys: &System, event_id: &str) -> (i64, i64, i64) {
    let notifications = sys
        .count("SELECT COUNT(*) FROM notification WHERE event_id = $1", event_id)
        .await;
    let emails = sys
        .count(
            "SELECT COUNT(*) FROM email_job j JOIN notification n ON n.notification_id = j.notification_id \
             WHERE n.event_id = $1",
            event_id,
        )
        .await;
    let deliveries = sys
        .count(
            "SELECT COUNT(*) FROM webhook_delivery WHERE event_id = $1",
            event_id,
        )
        .await;
    (notifications, emails, deliveries)
}

async fn inbox_body(sys: &System, event_id: &str) -> String {
    sqlx::query_scalar("SELECT body FROM notification WHERE event_id = $1")
        .bind(event_id)
        .fetch_one(sys.parts.db.pool())
        .await
        .unwrap()
}

#[tokio::test]
async fn the_same_event_twice_makes_one_notification_one_email_and_one_delivery() {
    let sys = system().await;
    sys.register(&customer(ALICE), "http://127.0.0.1:9/hook", None)
        .await;
    let event = order_status(ALICE, "ord_1", "PENDING", "CONFIRMED");
    sys.publish(&event).await;
    sys.publish(&event).await;
    assert_eq!(rows(&sys, &event.id).await, (1, 1, 1));
    // Even past the processed_event record (say, a consumer renamed), the unique keys hold.
    sqlx::query("DELETE FROM processed_event")
        .execute(sys.parts.db.pool())
        .await
        .unwrap();
    sys.publish(&event).await;
    assert_eq!(rows(&sys, &event.id).await, (1, 1, 1));
}

#[tokio::test]
async fn customers_webhooks_get_their_own_events_and_admins_everyones() {
    let sys = system().await;
    let (alice_hook, _) = sys.register(&customer(ALICE), "http://127.0.0.1:9/a", None).await;
    let (bob_hook, _) = sys.register(&customer(BOB), "http://127.0.0.1:9/b", None).await;
    let (admin_hook, _) = sys.register(&admin(), "http://127.0.0.1:9/admin", None).await;
    let (payments_only, _) = sys
        .register(
            &customer(ALICE),
            "http://127.0.0.1:9/p",
            Some(vec![PAYMENT_AUTHORIZED]),
        )
        .await;
    sys.publish(&order_status(ALICE, "ord_1", "PENDING", "CONFIRMED"))
        .await;
    let per_hook = "SELECT COUNT(*) FROM webhook_delivery WHERE webhook_id = $1";
    assert_eq!(sys.count(per_hook, &alice_hook).await, 1);
    assert_eq!(sys.count(per_hook, &bob_hook).await, 0, "not Bob's order");
    assert_eq!(sys.count(per_hook, &admin_hook).await, 1);
    assert_eq!(sys.count(per_hook, &payments_only).await, 0, "filtered out");
}

#[tokio::test]
async fn an_event_told_elsewhere_reaches_webhooks_but_not_the_inbox() {
    let sys = system().await;
    sys.register(&customer(ALICE), "http://127.0.0.1:9/hook", None)
        .await;
    let payload = PaymentChanged {
        payment_id: "pay_1".into(),
        order_id: "ord_1".into(),
        customer_id: ALICE.into(),
        status: vitrine_kit::contracts::status::Payment::Authorized,
        amount: 129_900,
        refunded_amount: 0,
        currency: "KZT".into(),
        fully_refunded: false,
    };
    let event = Event {
        id: new_id("evt"),
        topic: PAYMENT_AUTHORIZED.into(),
        payload: serde_json::to_value(payload).unwrap(),
    };
    sys.publish(&event).await;
    assert_eq!(rows(&sys, &event.id).await, (0, 0, 1));
    let body: Value = {
        use sqlx::Row;
        let row = sqlx::query("SELECT body FROM webhook_delivery WHERE event_id = $1")
            .bind(&event.id)
            .fetch_one(sys.parts.db.pool())
            .await
            .unwrap();
        serde_json::from_str(&row.try_get::<String, _>("body").unwrap()).unwrap()
    };
    assert_eq!(body["id"], json!(event.id));
    assert_eq!(body["topic"], json!(PAYMENT_AUTHORIZED));
    assert_eq!(body["customerId"], json!(ALICE));
    assert_eq!(body["notification"]["orderId"], json!("ord_1"));
    assert_eq!(body["data"], event.payload);
}

fn delivery_ready(customer_id: &str) -> Event {
    let payload = vitrine_kit::contracts::DeliveryChanged {
        delivery_id: "dlv_1".into(),
        order_id: "ord_1".into(),
        customer_id: customer_id.into(),
        status: vitrine_kit::contracts::status::Delivery::Ready,
        courier_id: None,
        eta_seconds: None,
        reason: None,
        at: vitrine_kit::time::to_db(vitrine_kit::time::now()),
    };
    Event {
        id: new_id("evt"),
        topic: vitrine_kit::contracts::DELIVERY_CHANGED.into(),
        payload: serde_json::to_value(payload).unwrap(),
    }
}

/// A webhooks-only event that no webhook wants (a delivery's internal READY, one per order)
/// writes nothing, not even its `processed_event` record; once a webhook wants it, it is
/// recorded and delivered once.
#[tokio::test]
async fn an_event_for_no_inbox_and_no_webhook_writes_nothing() {
    let sys = system().await;
    let processed = "SELECT COUNT(*) FROM processed_event WHERE event_id = $1";
    // Another customer's webhook, and one of Alice's for another topic: neither wants it.
    sys.register(&customer(BOB), "http://127.0.0.1:9/bob", None).await;
    sys.register(
        &customer(ALICE),
        "http://127.0.0.1:9/a",
        Some(vec![PAYMENT_CAPTURED]),
    )
    .await;
    let unwanted = delivery_ready(ALICE);
    sys.publish(&unwanted).await;
    assert_eq!(rows(&sys, &unwanted.id).await, (0, 0, 0));
    assert_eq!(sys.count(processed, &unwanted.id).await, 0);

    sys.register(&customer(ALICE), "http://127.0.0.1:9/all", None)
        .await;
    let wanted = delivery_ready(ALICE);
    sys.publish(&wanted).await;
    sys.publish(&wanted).await;
    assert_eq!(rows(&sys, &wanted.id).await, (0, 0, 1));
    assert_eq!(sys.count(processed, &wanted.id).await, 1);
}

#[tokio::test]
async fn payment_messages_name_the_order_by_the_number_its_status_event_carried() {
    let sys = system().await;
    let mut confirmed = order_status(ALICE, "ord_1", "PENDING", "CONFIRMED");
    confirmed.payload["order_number"] = json!(1042);
    sys.publish(&confirmed).await;
    assert_eq!(
        inbox_body(&sys, &confirmed.id).await,
        "Your order #1042 is confirmed and on its way to the kitchen."
    );
    let captured = |order_id: &str| Event {
        id: new_id("evt"),
        topic: PAYMENT_CAPTURED.into(),
        payload: serde_json::to_value(PaymentChanged {
            payment_id: "pay_1".into(),
            order_id: order_id.into(),
            customer_id: ALICE.into(),
            status: vitrine_kit::contracts::status::Payment::Captured,
            amount: 349_000,
            refunded_amount: 0,
            currency: "KZT".into(),
            fully_refunded: false,
        })
        .unwrap(),
    };
    let known = captured("ord_1");
    sys.publish(&known).await;
    assert_eq!(
        inbox_body(&sys, &known.id).await,
        "You were charged ₸3\u{a0}490 for your order #1042."
    );
    // An order none of whose status events came by is named without a number, never by its id.
    let unknown = captured("ord_2");
    sys.publish(&unknown).await;
    assert_eq!(
        inbox_body(&sys, &unknown.id).await,
        "You were charged ₸3\u{a0}490 for your order."
    );
}

#[tokio::test]
async fn a_payload_that_does_not_decode_is_skipped_instead_of_blocking_the_publisher() {
    let sys = system().await;
    let event = Event {
        id: new_id("evt"),
        topic: ORDER_STATUS_CHANGED.into(),
        payload: json!({ "unexpected": true }),
    };
    sys.publish(&event).await;
    assert_eq!(rows(&sys, &event.id).await, (0, 0, 0));
    let handled = sys
        .count(
            "SELECT COUNT(*) FROM processed_event WHERE event_id = $1",
            &event.id,
        )
        .await;
    assert_eq!(handled, 1);
}
