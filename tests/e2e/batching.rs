use crate::helpers::TestSystem;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Each check runs its request this many times and wants the same exact counts every time: a
/// DataLoader batch split by a descheduled thread, or an N+1 pattern, would show on some run.
const RUNS: usize = 5;

/// The statements of `query` per subgraph, the same on every one of [`RUNS`] runs.
pub async fn exact_sql_statements(
    system: &TestSystem,
    token: Option<&str>,
    query: &str,
    check: impl Fn(&Value),
) -> HashMap<String, u64> {
    let mut seen: Option<HashMap<String, u64>> = None;
    for run in 0..RUNS {
        let (response, counts) = system.sql_statements(token, query, json!({})).await;
        assert!(response.get("errors").is_none(), "{response}");
        check(&response);
        if let Some(first) = &seen {
            assert_eq!(&counts, first, "run {run} of {query}");
        }
        seen = Some(counts);
    }
    seen.unwrap()
}

fn counts(pairs: &[(&str, u64)]) -> HashMap<String, u64> {
    pairs.iter().map(|(s, n)| (s.to_string(), *n)).collect()
}

/// 50 products with stock and category: without DataLoader and batched `_entities` this would be
/// 1 + 50 statements in catalog and 50 in inventory.
#[tokio::test]
async fn fifty_products_with_stock_cost_a_fixed_number_of_sql_statements() {
    let system = TestSystem::embedded().await;
    let spent = exact_sql_statements(
        &system,
        None,
        "{ products(first: 50) { name inStock stock category { name parent { name } } } }",
        |response| assert_eq!(response["data"]["products"].as_array().unwrap().len(), 50),
    )
    .await;
    // catalog: the page, one batch of categories, one of their parents; inventory: one batched
    // `_entities` fetch answered by one IN (…) query.
    assert_eq!(spent, counts(&[("catalog", 3), ("inventory", 1)]));
}

/// 25 orders with their lines, history and payment: one batch per field per subgraph, not one
/// query per order.
#[tokio::test]
async fn twenty_five_orders_with_lines_history_and_payments_are_batched() {
    let system = TestSystem::embedded().await;
    let (offer, price) = crate::shopping::cheapest_offer();
    let buyer = crate::shopping::Shopper::new(&system, "batched-buyer", 30 * price).await;
    for n in 0..25 {
        buyer.add(&system, &offer, 1).await;
        let placed = buyer.checkout_wallet(&system, &format!("b{n}")).await;
        crate::shopping::assert_placed(&placed);
    }
    let spent = exact_sql_statements(
        &system,
        Some(&buyer.token),
        "{ myOrders(first: 25) { orders { id total { amount } lines { quantity unitPrice { amount } } \
         statusHistory { to at } payment { status amount { amount } } } } }",
        |response| {
            assert_eq!(
                response["data"]["myOrders"]["orders"].as_array().unwrap().len(),
                25
            )
        },
    )
    .await;
    // orders: the page, one batch of lines, one of histories; payments: one IN (…) query.
    assert_eq!(spent, counts(&[("orders", 3), ("payments", 1)]));
}

/// 50 products with their options, variants and each variant's offers and stock: variants are
/// one batch in catalog (shared by `options` and `variants`), their offers one in shops, their
/// stock one in inventory, however many variants the page holds.
#[tokio::test]
async fn fifty_products_with_variants_and_their_offers_are_batched() {
    let system = TestSystem::embedded().await;
    let spent = exact_sql_statements(
        &system,
        None,
        "{ products(first: 50) { name options { name values } variants { name price { amount } \
         offers { price { amount } stock } } } }",
        |response| {
            let products = response["data"]["products"].as_array().unwrap();
            let variants: usize = products
                .iter()
                .map(|p| p["variants"].as_array().unwrap().len())
                .sum();
            assert!(variants >= 3, "the page holds demo variants: {response}");
        },
    )
    .await;
    assert_eq!(spent, counts(&[("catalog", 2), ("shops", 1), ("inventory", 1)]));
}

/// 30 aliases of one wallet audit: one read, whatever the ledger's length. Each alias read the
/// whole ledger into memory before (46 000 entries a customer topped up: 5.2 s in a debug
/// build for the 30, a lower estimated cost than a shelf of 20 products).
#[tokio::test]
async fn aliased_wallet_audits_share_one_read() {
    let system = TestSystem::embedded().await;
    let (id, token, _) = system.register("audits").await;
    let top_up = "mutation($k: String!) { topUpWallet(amount: 500, idempotencyKey: $k) { entry { id } } }";
    for key in ["a", "b", "c"] {
        let response = system.graphql_as(&token, top_up, json!({ "k": key })).await;
        assert!(response.get("errors").is_none(), "{response}");
    }
    let aliases: String = (0..30)
        .map(|i| format!("a{i}: walletReconciliation(customerId: \"{id}\") {{ ledgerBalance {{ amount }} consistent }} "))
        .collect();
    let spent = exact_sql_statements(&system, Some(&token), &format!("{{ {aliases} }}"), |response| {
        for i in 0..30 {
            let audit = &response["data"][format!("a{i}")];
            assert_eq!(audit["ledgerBalance"]["amount"], 1500, "{response}");
            assert_eq!(audit["consistent"], true, "{response}");
        }
    })
    .await;
    assert_eq!(spent, counts(&[("accounts", 1)]));
}
