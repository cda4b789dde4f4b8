use crate::helpers::{error_codes, TestSystem};
use serde_json::json;

#[tokio::test]
async fn an_unknown_field_is_a_validation_error_not_a_crash() {
    let system = TestSystem::embedded().await;
    let response = system.graphql("{ products(first: 1) { nam } }", json!({})).await;
    assert!(response.get("data").is_none_or(|d| d.is_null()), "{response}");
    let message = response["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("Cannot query field \"nam\" on type \"Product\""),
        "{message}"
    );
}

#[tokio::test]
async fn a_malformed_json_body_gets_400_with_a_graphql_error() {
    let system = TestSystem::embedded().await;
    let (status, body) = system.post_raw("{\"query\": \"{ products(fir".to_string()).await;
    assert_eq!(status, 400);
    assert!(body["errors"][0]["message"].is_string(), "{body}");
    // And the router is still serving.
    let response = system.graphql("{ products(first: 1) { name } }", json!({})).await;
    assert!(response["data"]["products"][0]["name"].is_string());
}

/// Input that Hive 0.2.5's validation lets through reaches the subgraph, whose refusal carries
/// no code of async-graphql's; the client was told `DOWNSTREAM_SERVICE_ERROR`, a fault of the
/// service's, for input of its own.
#[tokio::test]
async fn input_the_router_lets_through_is_bad_user_input_from_the_subgraph() {
    let system = TestSystem::embedded().await;
    // An object literal for a `String`.
    let object = "{ searchProducts(tags: [\"a\"], query: {a: {b: 1}}) { __typename } }";
    let response = system.graphql(object, json!({})).await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");
    // A variable's `Int` past 32 bits.
    let response = system
        .graphql(
            "query($n: Int!) { products(first: $n) { id } }",
            json!({ "n": 2_147_483_648_u64 }),
        )
        .await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");
    assert!(
        response["errors"][0]["message"].as_str().unwrap().contains("Int"),
        "{response}"
    );
}

#[tokio::test]
async fn page_size_over_the_cap_is_bad_user_input() {
    let system = TestSystem::embedded().await;
    let response = system
        .graphql("{ products(first: 500) { name } }", json!({}))
        .await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"]);
    assert_eq!(
        response["errors"][0]["message"],
        "first must be between 1 and 100"
    );
}

#[tokio::test]
async fn an_unknown_category_is_not_found() {
    let system = TestSystem::embedded().await;
    let response = system
        .graphql("{ products(categoryId: \"cat_nope\") { name } }", json!({}))
        .await;
    assert_eq!(error_codes(&response), vec!["NOT_FOUND"]);
}

#[tokio::test]
async fn an_unknown_product_is_null_not_an_error() {
    let system = TestSystem::embedded().await;
    let response = system
        .graphql("{ product(id: \"prd_missing\") { name stock } }", json!({}))
        .await;
    assert_eq!(response, json!({ "data": { "product": null } }));
}
