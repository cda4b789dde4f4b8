use crate::helpers::{assert_batched, TestSystem};
use serde_json::json;

/// 50 products with stock and category: without DataLoader and batched `_entities` this would be
/// 1 + 50 statements in catalog and 50 in inventory.
#[tokio::test]
async fn fifty_products_with_stock_cost_a_bounded_number_of_sql_statements() {
    let system = TestSystem::embedded().await;
    let before = system.sql_queries().await;
    let response = system
        .graphql(
            "{ products(first: 50) { name inStock stock category { name parent { name } } } }",
            json!({}),
        )
        .await;
    assert!(response.get("errors").is_none(), "{response}");
    assert_eq!(response["data"]["products"].as_array().unwrap().len(), 50);
    let after = system.sql_queries().await;
    let spent = |subgraph: &str| after[subgraph] - before.get(subgraph).copied().unwrap_or(0);
    // The page, one batch of categories, one batch of their parents.
    assert_batched("catalog", spent("catalog"), 3, 50);
    // One batched `_entities` fetch answered by one IN (…) query.
    assert_batched("inventory", spent("inventory"), 1, 50);
}
