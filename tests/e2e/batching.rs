use crate::helpers::{assert_batched, TestSystem};
use serde_json::json;

/// 50 products with stock and category: without DataLoader and batched `_entities` this would be
/// 1 + 50 statements in catalog and 50 in inventory.
#[tokio::test]
async fn fifty_products_with_stock_cost_a_bounded_number_of_sql_statements() {
    let system = TestSystem::embedded().await;
    let spent = system
        .fewest_sql_statements(|| async {
            let response = system
                .graphql(
                    "{ products(first: 50) { name inStock stock category { name parent { name } } } }",
                    json!({}),
                )
                .await;
            assert!(response.get("errors").is_none(), "{response}");
            assert_eq!(response["data"]["products"].as_array().unwrap().len(), 50);
        })
        .await;
    let spent = |subgraph: &str| spent[subgraph];
    // The page, one batch of categories, one batch of their parents.
    assert_batched("catalog", spent("catalog"), 3, 50);
    // One batched `_entities` fetch answered by one IN (…) query.
    assert_batched("inventory", spent("inventory"), 1, 50);
}

/// 25 orders with their lines, history, payment and cart: one batch per field per subgraph,
/// not one query per order.
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
    let spent = system
        .fewest_sql_statements(|| async {
            let response = buyer
                .ask(
                    &system,
                    "{ myOrders(first: 25) { orders { id total { amount } lines { quantity unitPrice { amount } } \
                     statusHistory { to at } payment { status amount { amount } } } } }",
                    json!({}),
                )
                .await;
            assert!(response.get("errors").is_none(), "{response}");
            assert_eq!(
                response["data"]["myOrders"]["orders"].as_array().unwrap().len(),
                25
            );
        })
        .await;
    let spent = |subgraph: &str| spent[subgraph];
    // The page, one batch of lines, one of histories.
    assert_batched("orders", spent("orders"), 3, 25 * 3);
    assert_batched("payments", spent("payments"), 1, 25);
}
