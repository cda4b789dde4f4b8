//! Customer A tries every query and mutation that takes an id of customer B's data.

use crate::helpers::{error_codes, TestSystem};
use serde_json::{json, Value};

#[tokio::test]
async fn a_customer_cannot_read_or_change_another_customers_data() {
    let system = TestSystem::embedded().await;
    let (_, alice, _) = system.register("alice").await;
    let (bob_id, bob, _) = system.register("bob").await;
    let bob_address = system
        .graphql_as(
            &bob,
            "mutation($i: AddressInput!) { addAddress(input: $i) { id } }",
            json!({ "i": { "label": "Home", "line1": "Satpayev 1", "city": "Almaty", "latitude": 43.2, "longitude": 76.9 } }),
        )
        .await["data"]["addAddress"]["id"]
        .clone();
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    system
        .graphql_as(
            &bob,
            "mutation { topUpWallet(amount: 500000, idempotencyKey: \"bob-1\") { entry { id } } }",
            json!({}),
        )
        .await;
    let bob_hold = system
        .graphql_as(
            &admin,
            "mutation($c: ID!) { holdWalletFunds(customerId: $c, amount: 1000, reference: \"order-1\", idempotencyKey: \"h1\") { entry { id } } }",
            json!({ "c": bob_id }),
        )
        .await["data"]["holdWalletFunds"]["entry"]["id"]
        .clone();
    assert!(bob_hold.is_string());

    let attempts: Vec<(&str, Value, &str)> = vec![
        ("query($id: ID!) { customer(id: $id) { email } }", json!({ "id": bob_id }), "FORBIDDEN"),
        ("query($id: ID!) { walletReconciliation(customerId: $id) { consistent } }", json!({ "id": bob_id }), "FORBIDDEN"),
        (
            "mutation($id: ID!) { updateAddress(id: $id, input: { label: \"Mine\", line1: \"x\", city: \"y\", latitude: 1, longitude: 1 }) { id } }",
            json!({ "id": bob_address }),
            "NOT_FOUND",
        ),
        ("mutation($id: ID!) { removeAddress(id: $id) }", json!({ "id": bob_address }), "NOT_FOUND"),
        (
            "mutation($id: ID!) { debitWallet(customerId: $id, amount: 100, reference: \"steal\", idempotencyKey: \"x1\") { entry { id } } }",
            json!({ "id": bob_id }),
            "FORBIDDEN",
        ),
        (
            "mutation($id: ID!) { holdWalletFunds(customerId: $id, amount: 100, reference: \"steal\", idempotencyKey: \"x2\") { entry { id } } }",
            json!({ "id": bob_id }),
            "FORBIDDEN",
        ),
        (
            "mutation($id: ID!) { settleWalletHold(holdId: $id, capture: false, idempotencyKey: \"x3\") { entry { id } } }",
            json!({ "id": bob_hold }),
            "FORBIDDEN",
        ),
    ];
    for (query, variables, expected) in attempts {
        let response = system.graphql_as(&alice, query, variables).await;
        assert_eq!(error_codes(&response), vec![expected], "{query}: {response}");
    }

    // Bob's data is untouched.
    let bob_view = system
        .graphql_as(
            &bob,
            "{ me { addresses { label } wallet { balance { amount } held { amount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        bob_view["data"]["me"],
        json!({ "addresses": [{ "label": "Home" }], "wallet": { "balance": { "amount": 500000 }, "held": { "amount": 1000 } } })
    );
    // And an admin may look.
    let audit = system
        .graphql_as(
            &admin,
            "query($id: ID!) { customer(id: $id) { name } }",
            json!({ "id": bob_id }),
        )
        .await;
    assert_eq!(audit["data"]["customer"]["name"], "bob");
}

#[tokio::test]
async fn anonymous_callers_are_told_to_sign_in() {
    let system = TestSystem::embedded().await;
    let response = system
        .graphql(
            "mutation { topUpWallet(amount: 100, idempotencyKey: \"k\") { entry { id } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&response), vec!["UNAUTHENTICATED"]);
}
