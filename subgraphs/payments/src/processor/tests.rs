//! The processor against a real accounts subgraph in process and the simulated gateway, each
//! test on fresh SQLite databases, or fresh PostgreSQL ones with
//! `VITRINE_TEST_DATABASE_URL=postgres://…` (as the e2e tests).

use super::*;
use crate::cards::CardNumber;
use crate::domain::{PaymentMethod, PaymentStatus, Terms};
use crate::store::SavedCardRow;
use serde_json::{json, Value};
use vitrine_kit::config::{AppConfig, SecretsConfig, StorageConfig};
use vitrine_kit::contracts::{OrderEnded, OrderFact, ORDER_CANCELLED, ORDER_DELIVERED};
use vitrine_kit::error::ErrorCode;
use vitrine_kit::events::{Event, EventBus, Relay};
use vitrine_kit::identity::{Identity, DEV_INTERNAL_SECRET};
use vitrine_kit::ids::stable_id;
use vitrine_kit::sql_tally::SqlTally;
use vitrine_kit::wiring::Wiring;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/payments");

struct System {
    processor: Processor,
    peers: Arc<Peers>,
    bus: Arc<EventBus>,
    _dir: tempfile::TempDir,
}

/// Accounts (with its demo customers) and payments, wired like the embedded binary.
async fn system(payments_name: &str) -> System {
    let dir = tempfile::tempdir().unwrap();
    let cfg = AppConfig {
        storage: StorageConfig::for_tests(dir.path()),
        secrets: SecretsConfig::default(),
        ..AppConfig::default()
    };
    let peers = Peers::in_process(DEV_INTERNAL_SECRET);
    let wiring = Wiring::new(vitrine_kit::system::System::new(), peers.clone());
    let bus = wiring.bus().clone();
    peers.register(vitrine_accounts::start(&cfg, &wiring).await.unwrap());
    peers.mark_ready();
    let db = Db::open(&wiring.system, &cfg.storage, payments_name, &MIGRATOR)
        .await
        .unwrap();
    let outbox = Relay::new(db.clone(), bus.clone()).spawn(Duration::from_secs(60));
    System {
        processor: Processor::new(db, peers.clone(), outbox),
        peers,
        bus,
        _dir: dir,
    }
}

fn customer(email: &str) -> String {
    stable_id("cus", email)
}

impl System {
    async fn accounts(&self, who: &Identity, query: &str) -> Value {
        self.peers
            .call_unchecked("accounts", who, query, json!({}))
            .await
            .unwrap()
    }

    async fn top_up(&self, customer_id: &str, amount: i64) {
        let query = format!("mutation {{ topUpWallet(amount: {amount}, idempotencyKey: \"t{amount}\") {{ entry {{ id }} }} }}");
        self.accounts(&Identity::customer(customer_id), &query).await;
    }

    /// (balance, held) in tiyn.
    async fn wallet(&self, customer_id: &str) -> (i64, i64) {
        let me = self
            .accounts(
                &Identity::customer(customer_id),
                "{ me { wallet { balance { amount } held { amount } } } }",
            )
            .await;
        let wallet = &me["me"]["wallet"];
        (
            wallet["balance"]["amount"].as_i64().unwrap(),
            wallet["held"]["amount"].as_i64().unwrap(),
        )
    }

    async fn card(&self, customer_id: &str, number: &str) -> String {
        let number = CardNumber::parse(number).ok().unwrap();
        let card = SavedCardRow {
            id: vitrine_kit::ids::new_id("card"),
            customer_id: customer_id.to_string(),
            brand: number.brand(),
            last4: number.last4(),
            exp_month: 12,
            exp_year: 2040,
            gateway_token: self.processor.gateway.tokenize(&number).await.unwrap(),
            created_at: store::now(),
        };
        let mut tx = self.processor.db.begin_write().await.unwrap();
        store::insert_card(&mut tx, &card).await.unwrap();
        tx.commit().await.unwrap();
        card.id
    }

    async fn topics(&self) -> Vec<String> {
        use sqlx::Row;
        sqlx::query("SELECT topic FROM outbox ORDER BY created_at, event_id")
            .fetch_all(self.processor.db.pool())
            .await
            .unwrap()
            .iter()
            .map(|r| r.get::<String, _>("topic"))
            .collect()
    }

    async fn history(&self, payment_id: &str) -> Vec<&'static str> {
        store::history_by_payment_ids(&self.processor.db, &[payment_id.to_string()])
            .await
            .unwrap()
            .iter()
            .map(|h| h.kind.as_str())
            .collect()
    }
}

fn wallet_terms(customer_id: &str, amount: i64) -> Terms {
    Terms {
        customer_id: customer_id.to_string(),
        method: PaymentMethod::Wallet,
        amount,
        currency: "KZT".into(),
        card_id: None,
    }
}

fn card_terms(customer_id: &str, card_id: &str, amount: i64) -> Terms {
    Terms {
        method: PaymentMethod::Card,
        card_id: Some(card_id.to_string()),
        ..wallet_terms(customer_id, amount)
    }
}

fn code<T: std::fmt::Debug>(result: Result<T, ApiError>) -> ErrorCode {
    result.unwrap_err().code()
}

#[tokio::test]
async fn a_wallet_payment_is_held_captured_and_refunded_once_per_request() {
    let sys = system("payments_wallet_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;

    let authorized = p.authorize("ord_1", wallet_terms(&alice, 3_000)).await.unwrap();
    assert_eq!(authorized.status, PaymentStatus::Authorized);
    assert_eq!(sys.wallet(&alice).await, (10_000, 3_000), "held, not taken");
    let replay = p.authorize("ord_1", wallet_terms(&alice, 3_000)).await.unwrap();
    assert_eq!(replay.id, authorized.id);
    assert_eq!(sys.wallet(&alice).await, (10_000, 3_000), "held once");
    assert_eq!(
        code(p.authorize("ord_1", wallet_terms(&alice, 3_001)).await),
        ErrorCode::Conflict
    );
    assert_eq!(
        code(p.refund("ord_1", None, "too early", "r0").await),
        ErrorCode::Conflict,
        "an authorization is voided, not refunded"
    );

    assert_eq!(p.capture("ord_1").await.unwrap().status, PaymentStatus::Captured);
    assert_eq!(p.capture("ord_1").await.unwrap().status, PaymentStatus::Captured);
    assert_eq!(sys.wallet(&alice).await, (7_000, 0), "taken once");
    assert_eq!(code(p.void("ord_1").await), ErrorCode::Conflict);

    let partly = p.refund("ord_1", Some(1_000), "damaged", "r1").await.unwrap();
    assert_eq!(partly.status, PaymentStatus::PartiallyRefunded);
    assert_eq!(partly.refunded_amount, 1_000);
    let again = p.refund("ord_1", Some(1_000), "damaged", "r1").await.unwrap();
    assert_eq!(again.refunded_amount, 1_000, "the same key refunds once");
    assert_eq!(
        code(p.refund("ord_1", Some(900), "damaged", "r1").await),
        ErrorCode::Conflict
    );
    assert_eq!(
        code(p.refund("ord_1", Some(2_001), "too much", "r2").await),
        ErrorCode::BadUserInput
    );
    assert_eq!(sys.wallet(&alice).await, (8_000, 0));

    let rest = p.refund("ord_1", None, "returned", "r3").await.unwrap();
    assert_eq!(
        (rest.status, rest.refunded_amount),
        (PaymentStatus::Refunded, 3_000)
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0), "all money back");
    assert_eq!(
        code(p.refund("ord_1", None, "again", "r4").await),
        ErrorCode::Conflict
    );
    assert_eq!(p.capture("ord_1").await.unwrap().status, PaymentStatus::Refunded);

    assert_eq!(
        sys.history(&authorized.id).await,
        ["AUTHORIZED", "CAPTURED", "REFUNDED", "REFUNDED"]
    );
    assert_eq!(
        sys.topics().await,
        [
            "payments.payment_authorized",
            "payments.payment_captured",
            "payments.payment_refunded",
            "payments.payment_refunded"
        ]
    );
}

#[tokio::test]
async fn a_declined_authorization_is_recorded_and_answered_again() {
    let sys = system("payments_decline_test").await;
    let p = &sys.processor;
    let bob = customer("seller@vitrine.kz");
    sys.top_up(&bob, 1_000).await;
    for _ in 0..2 {
        let declined = p.authorize("ord_2", wallet_terms(&bob, 5_000)).await;
        assert!(
            matches!(&declined, Err(ApiError::PaymentDeclined(_))),
            "{declined:?}"
        );
    }
    assert_eq!(sys.wallet(&bob).await, (1_000, 0));
    let payment = p.void("ord_2").await.unwrap().unwrap();
    assert_eq!(
        payment.status,
        PaymentStatus::Declined,
        "a void leaves it as it is"
    );
    assert_eq!(code(p.capture("ord_2").await), ErrorCode::Conflict);
    assert!(sys.topics().await.is_empty(), "no money moved, no event");
}

#[tokio::test]
async fn voids_give_the_hold_back_and_a_void_first_refuses_a_late_authorization() {
    let sys = system("payments_void_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;

    p.authorize("ord_3", wallet_terms(&alice, 4_000)).await.unwrap();
    assert_eq!(
        p.void("ord_3").await.unwrap().unwrap().status,
        PaymentStatus::Voided
    );
    assert_eq!(
        p.void("ord_3").await.unwrap().unwrap().status,
        PaymentStatus::Voided
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0));
    assert_eq!(code(p.capture("ord_3").await), ErrorCode::Conflict);
    assert_eq!(
        code(p.authorize("ord_3", wallet_terms(&alice, 4_000)).await),
        ErrorCode::Conflict
    );

    assert!(p.void("ord_4").await.unwrap().is_none(), "nothing to void yet");
    assert_eq!(
        code(p.authorize("ord_4", wallet_terms(&alice, 4_000)).await),
        ErrorCode::Conflict
    );
    assert_eq!(
        sys.wallet(&alice).await,
        (10_000, 0),
        "nothing held for a voided order"
    );
    assert_eq!(code(p.capture("ord_5").await), ErrorCode::NotFound);
}

#[tokio::test]
async fn a_void_settles_an_authorization_whose_answer_was_lost() {
    let sys = system("payments_lost_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;
    // authorizePayment wrote its attempt and accounts held the money, but the answer never
    // came back (a timeout): payments recorded no payment.
    let terms = wallet_terms(&alice, 2_500);
    let mut tx = p.db.begin_write().await.unwrap();
    store::insert_attempt(&mut tx, "ord_6", &terms).await.unwrap();
    tx.commit().await.unwrap();
    let answer = p.ask("ord_6", &terms, None).await;
    assert!(answer.is_ok());
    assert_eq!(sys.wallet(&alice).await, (10_000, 2_500));

    let voided = p.void("ord_6").await.unwrap().unwrap();
    assert_eq!(voided.status, PaymentStatus::Voided);
    assert_eq!(
        sys.wallet(&alice).await,
        (10_000, 0),
        "the lost hold was released"
    );
    assert_eq!(code(p.authorize("ord_6", terms).await), ErrorCode::Conflict);
}

#[tokio::test]
async fn card_payments_retry_transient_failures_and_keep_declines() {
    let sys = system("payments_card_test").await;
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    let bob = customer("seller@vitrine.kz");
    let flaky = sys.card(&alice, "4000 0000 0000 0119").await;
    let declined = sys.card(&alice, "4000000000000002").await;
    let poor = sys.card(&alice, "4000000000009995").await;
    let bobs = sys.card(&bob, "5555555555554444").await;

    let paid = p
        .authorize("ord_7", card_terms(&alice, &flaky, 9_900))
        .await
        .unwrap();
    assert_eq!(
        paid.status,
        PaymentStatus::Authorized,
        "approved on the third attempt"
    );
    assert_eq!(paid.card_last4.as_deref(), Some("0119"));
    let refused = p.authorize("ord_8", card_terms(&alice, &declined, 100)).await;
    assert!(matches!(&refused, Err(ApiError::PaymentDeclined(r)) if r == "card declined"));
    let refused = p.authorize("ord_8", card_terms(&alice, &declined, 100)).await;
    assert!(matches!(&refused, Err(ApiError::PaymentDeclined(r)) if r == "card declined"));
    let refused = p.authorize("ord_9", card_terms(&alice, &poor, 100)).await;
    assert!(matches!(&refused, Err(ApiError::PaymentDeclined(r)) if r == "insufficient funds"));
    assert_eq!(
        code(p.authorize("ord_10", card_terms(&alice, &bobs, 100)).await),
        ErrorCode::NotFound,
        "someone else's card"
    );
    assert!(
        p.void("ord_10").await.unwrap().is_none(),
        "a refused card left no attempt behind"
    );

    p.capture("ord_7").await.unwrap();
    let refunded = p.refund("ord_7", Some(900), "late", "r1").await.unwrap();
    assert_eq!(refunded.status, PaymentStatus::PartiallyRefunded);
    p.cancel("ord_7", Some("changed my mind")).await.unwrap();
    let cancelled = p.payment("ord_7").await.unwrap().unwrap();
    assert_eq!(
        (cancelled.status, cancelled.refunded_amount),
        (PaymentStatus::Refunded, 9_900)
    );
}

#[tokio::test]
async fn a_page_of_orders_loads_its_payments_in_one_query() {
    use async_graphql::Request;
    let name = "payments_batch_test";
    let sys = system(name).await;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 100_000).await;
    for n in 0..10 {
        sys.processor
            .authorize(&format!("ord_b{n}"), wallet_terms(&alice, 100))
            .await
            .unwrap();
    }
    let representations: Vec<Value> = (0..10)
        .map(|n| json!({ "__typename": "Order", "id": format!("ord_b{n}") }))
        .collect();
    let query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payment { status amount { amount } } } } }";
    let schema = crate::graphql::schema(Some(sys.processor.clone()));
    // Counted for this request alone, so the relay's polling beside it does not count.
    let tally = SqlTally::default();
    let response = tally
        .scope(
            schema.execute(
                Request::new(query)
                    .variables(async_graphql::Variables::from_json(
                        json!({ "r": representations }),
                    ))
                    .data(Identity::customer(&alice)),
            ),
        )
        .await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    assert_eq!(tally.counts()[name], 1, "one IN (…) query for ten orders");
    let data = response.data.into_json().unwrap();
    assert_eq!(data["_entities"][9]["payment"]["status"], "AUTHORIZED");

    let stranger = schema
        .execute(
            Request::new(query)
                .variables(async_graphql::Variables::from_json(
                    json!({ "r": [representations[0]] }),
                ))
                .data(Identity::customer(&customer("seller@vitrine.kz"))),
        )
        .await;
    let code = stranger.errors[0]
        .extensions
        .as_ref()
        .unwrap()
        .get("code")
        .cloned();
    assert_eq!(code, Some(async_graphql::Value::from("FORBIDDEN")));
}

fn order_ended(order_id: &str, customer_id: &str, total: i64) -> OrderEnded {
    OrderEnded {
        order: OrderFact {
            order_id: order_id.to_string(),
            customer_id: customer_id.to_string(),
            total,
            currency: "KZT".into(),
            lines: Vec::new(),
            delivery_latitude: 43.2,
            delivery_longitude: 76.9,
        },
        reason: Some("changed my mind".into()),
    }
}

#[tokio::test]
async fn delivery_captures_and_cancellation_voids_refunds_or_marks_once_per_event() {
    let sys = system("payments_events_test").await;
    crate::events::subscribe(&sys.processor, &sys.bus);
    let p = &sys.processor;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 10_000).await;
    let publish = |topic: &str, ended: OrderEnded, id: &str| Event {
        id: id.to_string(),
        topic: topic.to_string(),
        payload: serde_json::to_value(ended).unwrap(),
    };

    p.authorize("ord_d", wallet_terms(&alice, 1_000)).await.unwrap();
    let delivered = publish(ORDER_DELIVERED, order_ended("ord_d", &alice, 1_000), "evt_1");
    sys.bus.publish(&delivered).await.unwrap();
    assert_eq!(
        p.payment("ord_d").await.unwrap().unwrap().status,
        PaymentStatus::Captured
    );
    let cancelled = publish(ORDER_CANCELLED, order_ended("ord_d", &alice, 1_000), "evt_2");
    sys.bus.publish(&cancelled).await.unwrap();
    sys.bus.publish(&cancelled).await.unwrap();
    let refunded = p.payment("ord_d").await.unwrap().unwrap();
    assert_eq!(
        (refunded.status, refunded.refunded_amount),
        (PaymentStatus::Refunded, 1_000)
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0), "refunded once");

    p.authorize("ord_c", wallet_terms(&alice, 2_000)).await.unwrap();
    let cancelled = publish(ORDER_CANCELLED, order_ended("ord_c", &alice, 2_000), "evt_3");
    sys.bus.publish(&cancelled).await.unwrap();
    assert_eq!(
        p.payment("ord_c").await.unwrap().unwrap().status,
        PaymentStatus::Voided
    );
    assert_eq!(sys.wallet(&alice).await, (10_000, 0), "the hold is back");

    let early = publish(ORDER_CANCELLED, order_ended("ord_e", &alice, 500), "evt_4");
    sys.bus.publish(&early).await.unwrap();
    assert_eq!(
        code(p.authorize("ord_e", wallet_terms(&alice, 500)).await),
        ErrorCode::Conflict
    );
    // Delivering an order whose payment was voided is refused and logged, not retried forever.
    let odd = publish(ORDER_DELIVERED, order_ended("ord_c", &alice, 2_000), "evt_5");
    sys.bus.publish(&odd).await.unwrap();
}
