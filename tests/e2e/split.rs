use crate::helpers::TestSystem;
use serde_json::json;

const QUERY: &str = "{ products(first: 20) { id name price { amount currency formatted } stock inStock category { name parent { name } } } lowStockProducts(threshold: 10) { id stock } }";

/// Subgraphs as separate processes behind `vitrine router --supergraph schema/supergraph.graphql`
/// (URLs overridden by router config) answer exactly as the embedded process does.
#[tokio::test]
async fn split_processes_answer_like_the_embedded_process() {
    let (embedded, split) = tokio::join!(TestSystem::embedded(), TestSystem::split());
    let expected = embedded.graphql(QUERY, json!({})).await;
    assert!(expected.get("errors").is_none(), "{expected}");
    assert_eq!(split.graphql(QUERY, json!({})).await, expected);
    // The split router really went over HTTP to the subgraph processes.
    let counts = split.sql_queries().await;
    assert!(counts["catalog"] > 0 && counts["inventory"] > 0, "{counts:?}");
}

/// Errors from a subgraph keep their code through the router over HTTP too.
#[tokio::test]
async fn split_mode_keeps_error_codes() {
    let split = TestSystem::split().await;
    let response = split.graphql("{ products(first: 0) { name } }", json!({})).await;
    assert_eq!(response["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}
