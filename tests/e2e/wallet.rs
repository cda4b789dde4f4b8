use crate::helpers::{error_codes, TestSystem};
use serde_json::{json, Value};

const TOP_UP: &str =
    "mutation($a: Int!, $k: String!) { topUpWallet(amount: $a, idempotencyKey: $k) { entry { id kind amount { amount } } wallet { balance { amount } } } }";
const DEBIT: &str = "mutation($c: ID!, $a: Int!, $k: String!) { debitWallet(customerId: $c, amount: $a, reference: \"test\", idempotencyKey: $k) { entry { id } } }";
const RECONCILE: &str = "query($c: ID!) { walletReconciliation(customerId: $c) { balance { amount } held { amount } ledgerBalance { amount } ledgerHeld { amount } consistent } }";

#[tokio::test]
async fn top_ups_are_idempotent_by_key() {
    let system = TestSystem::embedded().await;
    let (_, token, _) = system.register("topup").await;
    let first = system
        .graphql_as(&token, TOP_UP, json!({ "a": 250_000, "k": "t-1" }))
        .await;
    let replay = system
        .graphql_as(&token, TOP_UP, json!({ "a": 250_000, "k": "t-1" }))
        .await;
    assert_eq!(
        first["data"]["topUpWallet"]["entry"],
        replay["data"]["topUpWallet"]["entry"]
    );
    assert_eq!(
        replay["data"]["topUpWallet"]["wallet"]["balance"]["amount"], 250_000,
        "credited once: {replay}"
    );
    let different = system
        .graphql_as(&token, TOP_UP, json!({ "a": 1, "k": "t-1" }))
        .await;
    assert_eq!(error_codes(&different), vec!["CONFLICT"]);
}

#[tokio::test]
async fn negative_or_absurd_top_ups_are_bad_input_and_change_nothing() {
    let system = TestSystem::embedded().await;
    let (id, token, _) = system.register("absurd").await;
    for amount in [-100_i64, 0, 100_000_000_000] {
        let response = system
            .graphql_as(&token, TOP_UP, json!({ "a": amount, "k": format!("k{amount}") }))
            .await;
        assert_eq!(
            error_codes(&response),
            vec!["BAD_USER_INPUT"],
            "{amount}: {response}"
        );
    }
    let audit = system.graphql_as(&token, RECONCILE, json!({ "c": id })).await;
    assert_eq!(
        audit["data"]["walletReconciliation"]["ledgerBalance"]["amount"],
        0
    );
}

#[tokio::test]
async fn holds_reduce_what_is_available_and_settle_once() {
    let system = TestSystem::embedded().await;
    let (id, token, _) = system.register("holds").await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    system
        .graphql_as(&token, TOP_UP, json!({ "a": 10_000, "k": "h-topup" }))
        .await;
    let hold = system
        .graphql_as(
            &admin,
            "mutation($c: ID!) { holdWalletFunds(customerId: $c, amount: 7000, reference: \"order-9\", idempotencyKey: \"h-1\") { entry { id } wallet { available { amount } held { amount } } } }",
            json!({ "c": id }),
        )
        .await;
    assert_eq!(
        hold["data"]["holdWalletFunds"]["wallet"],
        json!({ "available": { "amount": 3000 }, "held": { "amount": 7000 } })
    );
    // Only 3000 is available now.
    let too_much = system
        .graphql_as(&admin, DEBIT, json!({ "c": id, "a": 5000, "k": "d-1" }))
        .await;
    assert_eq!(error_codes(&too_much), vec!["PAYMENT_DECLINED"]);
    let hold_id = hold["data"]["holdWalletFunds"]["entry"]["id"].clone();
    let settle = "mutation($h: ID!, $k: String!) { settleWalletHold(holdId: $h, capture: true, idempotencyKey: $k) { entry { kind } wallet { balance { amount } held { amount } } } }";
    let captured = system
        .graphql_as(&admin, settle, json!({ "h": hold_id, "k": "s-1" }))
        .await;
    assert_eq!(
        captured["data"]["settleWalletHold"],
        json!({ "entry": { "kind": "CAPTURE" }, "wallet": { "balance": { "amount": 3000 }, "held": { "amount": 0 } } })
    );
    let twice = system
        .graphql_as(&admin, settle, json!({ "h": hold_id, "k": "s-2" }))
        .await;
    assert_eq!(error_codes(&twice), vec!["CONFLICT"]);
    let audit = system.graphql_as(&token, RECONCILE, json!({ "c": id })).await;
    assert_eq!(
        audit["data"]["walletReconciliation"]["consistent"], true,
        "{audit}"
    );
}

/// 100 concurrent requests on one wallet: 50 top-ups of 1 000 and 50 debits of 1 500 tiyn
/// starting from 20 000. Whatever interleaving happens, the balance equals the ledger's sum,
/// matches the successful operations exactly, and never goes below zero; and audits taken
/// while they run each see one moment (cached totals and ledger read apart reported
/// mismatches that were not there).
#[tokio::test]
async fn a_hundred_concurrent_top_ups_and_debits_reconcile() {
    let system = TestSystem::embedded().await;
    let (id, token, _) = system.register("concurrent").await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    system
        .graphql_as(&token, TOP_UP, json!({ "a": 20_000, "k": "seed" }))
        .await;

    let requests = (0..120).map(|i| {
        let (system, token, admin, id) = (&system, &token, &admin, &id);
        async move {
            if i >= 100 {
                (
                    "audit",
                    system.graphql_as(token, RECONCILE, json!({ "c": id })).await,
                )
            } else if i % 2 == 0 {
                (
                    "credit",
                    system
                        .graphql_as(token, TOP_UP, json!({ "a": 1000, "k": format!("c{i}") }))
                        .await,
                )
            } else {
                (
                    "debit",
                    system
                        .graphql_as(admin, DEBIT, json!({ "c": id, "a": 1500, "k": format!("d{i}") }))
                        .await,
                )
            }
        }
    });
    let results: Vec<(&str, Value)> = futures::future::join_all(requests).await;
    let ok = |kind: &str| {
        results
            .iter()
            .filter(|(k, r)| *k == kind && r.get("errors").is_none())
            .count() as i64
    };
    for (kind, response) in &results {
        if *kind == "audit" {
            let audit = &response["data"]["walletReconciliation"];
            assert_eq!(audit["consistent"], true, "an audit amid payments: {response}");
            continue;
        }
        let codes = error_codes(response);
        assert!(
            codes.is_empty() || codes == ["PAYMENT_DECLINED"],
            "unexpected failure: {response}"
        );
    }
    assert_eq!(ok("credit"), 50, "every top-up succeeds");
    let expected = 20_000 + 1000 * ok("credit") - 1500 * ok("debit");
    assert!(expected >= 0);

    let audit = system.graphql_as(&token, RECONCILE, json!({ "c": id })).await;
    let reconciliation = &audit["data"]["walletReconciliation"];
    assert_eq!(reconciliation["consistent"], true, "{audit}");
    assert_eq!(reconciliation["balance"]["amount"], expected);
    assert_eq!(reconciliation["ledgerBalance"]["amount"], expected);
}
