//! Orders' short numbers through the router: one per order, counting up, kept by a retried
//! checkout, found by number only by whoever may see the order, and named in notifications
//! and in the wallet's ledger.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::{eventually, plain_offer, Shopper};
use serde_json::{json, Value};

const CHECKOUT: &str = "mutation($i: CheckoutInput!) { checkout(input: $i) { id number } }";
const BY_NUMBER: &str = "query($n: Int!) { orderByNumber(number: $n) { id number } }";
const INBOX: &str = "{ myNotifications(first: 20) { notifications { title body } } }";

async fn checkout(system: &TestSystem, shopper: &Shopper, key: &str) -> (String, i64) {
    let placed = shopper
        .ask(
            system,
            CHECKOUT,
            json!({ "i": { "deliveryAddressId": shopper.address_id, "paymentMethod": "WALLET", "idempotencyKey": key } }),
        )
        .await;
    assert!(placed["errors"].is_null(), "{placed}");
    let order = &placed["data"]["checkout"];
    (
        order["id"].as_str().unwrap().to_string(),
        order["number"].as_i64().unwrap(),
    )
}

#[tokio::test]
async fn each_order_gets_the_next_number_and_only_those_who_may_see_it_find_it_by_number() {
    let system = TestSystem::embedded().await;
    let (offer, price, _) = plain_offer(1);
    let alice = Shopper::new(&system, "alice-numbers", 10 * price).await;
    let bob = Shopper::new(&system, "bob-numbers", 10 * price).await;

    alice.add(&system, &offer, 1).await;
    let (alice_order, alice_number) = checkout(&system, &alice, "n1").await;
    assert!(alice_number > 1000, "numbers start past 1000: {alice_number}");
    // The same checkout again answers with the same order and number, and uses up none.
    assert_eq!(
        checkout(&system, &alice, "n1").await,
        (alice_order.clone(), alice_number)
    );
    bob.add(&system, &offer, 1).await;
    let (bob_order, bob_number) = checkout(&system, &bob, "n1").await;
    assert_eq!(bob_number, alice_number + 1, "the next order, the next number");

    let found = alice.ask(&system, BY_NUMBER, json!({ "n": alice_number })).await;
    assert_eq!(
        found["data"]["orderByNumber"]["id"],
        json!(alice_order),
        "{found}"
    );
    // Another customer's number reads like a number nobody has: counting tells nothing.
    let theirs = alice.ask(&system, BY_NUMBER, json!({ "n": bob_number })).await;
    assert_eq!(error_codes(&theirs), ["NOT_FOUND"], "{theirs}");
    let nobody = alice
        .ask(&system, BY_NUMBER, json!({ "n": bob_number + 1000 }))
        .await;
    assert_eq!(error_codes(&nobody), ["NOT_FOUND"], "{nobody}");
    let anonymous = system.graphql(BY_NUMBER, json!({ "n": alice_number })).await;
    assert_eq!(error_codes(&anonymous), ["UNAUTHENTICATED"], "{anonymous}");
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let staff = system
        .graphql_as(&admin, BY_NUMBER, json!({ "n": bob_number }))
        .await;
    assert_eq!(staff["data"]["orderByNumber"]["id"], json!(bob_order), "{staff}");

    // The wallet's hold for the order links to it, number included (orders resolves it).
    let ledger = alice
        .ask(
            &system,
            "{ me { wallet { entries(first: 10) { kind order { id number } } } } }",
            json!({}),
        )
        .await;
    let entries = ledger["data"]["me"]["wallet"]["entries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let hold = entries
        .iter()
        .find(|e| e["kind"] == "HOLD")
        .unwrap_or_else(|| panic!("{ledger}"));
    assert_eq!(
        hold["order"],
        json!({ "id": alice_order, "number": alice_number })
    );
    let top_up = entries
        .iter()
        .find(|e| e["kind"] == "CREDIT")
        .unwrap_or_else(|| panic!("{ledger}"));
    assert_eq!(top_up["order"], Value::Null, "a top-up names no order");

    // The inbox names the order by its number, not by its id.
    let inbox: Value = eventually("the confirmation in the inbox", || async {
        let inbox = alice.ask(&system, INBOX, json!({})).await;
        let notifications = inbox["data"]["myNotifications"]["notifications"].clone();
        notifications
            .as_array()
            .is_some_and(|list| list.iter().any(|n| n["title"] == "Order confirmed"))
            .then_some(notifications)
    })
    .await;
    let confirmed = inbox
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["title"] == "Order confirmed")
        .unwrap();
    assert_eq!(
        confirmed["body"],
        format!("Your order #{alice_number} is confirmed and on its way to the kitchen.")
    );
    assert!(
        inbox
            .as_array()
            .unwrap()
            .iter()
            .all(|n| !n["body"].as_str().unwrap().contains(&alice_order)),
        "no raw ids: {inbox}"
    );
}
