use crate::helpers::TestSystem;
use crate::shopping::{plain_offer, stock, Shopper};
use serde_json::json;
use std::path::Path;

const QUERY: &str = "{ products(first: 20) { id name price { amount currency formatted } stock inStock category { name parent { name } } images { url alt } } lowStockOffers(threshold: 10) { id stock price { amount } shop { name } } }";

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
    // It serves the pictures catalog stored (the two share the media store).
    let url = expected["data"]["products"][0]["images"][0]["url"]
        .as_str()
        .unwrap();
    let picture = split.request(reqwest::Method::GET, url).send().await.unwrap();
    assert_eq!(picture.status(), 200, "{url}");
}

/// Errors from a subgraph keep their code through the router over HTTP too.
#[tokio::test]
async fn split_mode_keeps_error_codes() {
    let split = TestSystem::split().await;
    let response = split.graphql("{ products(first: 0) { name } }", json!({})).await;
    assert_eq!(response["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
}

/// The router is not tied to our composer: a supergraph composed by The Guild's
/// federation-composition (`scripts/guild-compose`, output checked in) serves the same answers.
#[tokio::test]
async fn a_supergraph_composed_by_another_tool_serves_the_same_answers() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/supergraph.guild.graphql");
    let (embedded, split) = tokio::join!(TestSystem::embedded(), TestSystem::split_with(&fixture, &[]));
    let expected = embedded.graphql(QUERY, json!({})).await;
    assert!(expected.get("errors").is_none(), "{expected}");
    assert_eq!(split.graphql(QUERY, json!({})).await, expected);
}

/// Subgraphs believe only identities the router signed: a client calling a subgraph directly
/// with a made-up identity header is refused.
#[tokio::test]
async fn a_direct_call_with_a_forged_identity_is_refused() {
    let split = TestSystem::split().await;
    let forged = "eyJzdWIiOiJjdXNfYWRtaW4iLCJyb2xlcyI6WyJBRE1JTiJdLCJleHAiOjk5OTk5OTk5OTl9.Zm9yZ2Vk";
    let response: serde_json::Value = reqwest::Client::new()
        .post(&split.subgraph_urls["catalog"])
        .header("x-vitrine-identity", forged)
        .json(&json!({ "query": "{ products(first: 1) { name } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        response["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{response}"
    );
    assert!(response.get("data").is_none_or(|d| d.is_null()), "{response}");
}

/// Configured to, subgraphs refuse any request that does not come through the router.
#[tokio::test]
async fn subgraphs_can_refuse_direct_calls_entirely() {
    let split = TestSystem::split_with(
        &crate::helpers::checked_in_supergraph(),
        &[("VITRINE_REQUIRE_ROUTER_SIGNATURE", "true")],
    )
    .await;
    let direct: serde_json::Value = reqwest::Client::new()
        .post(&split.subgraph_urls["accounts"])
        .json(&json!({ "query": "mutation { login(email: \"admin@vitrine.kz\", password: \"admin-demo-2026\") { accessToken } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        direct["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{direct}"
    );
    // Through the router the same request works.
    let token = split.login("admin@vitrine.kz", "admin-demo-2026").await;
    let me = split.graphql_as(&token, "{ me { roles } }", json!({})).await;
    assert_eq!(me["data"]["me"]["roles"], json!(["ADMIN"]), "{me}");
}

/// Checkout's saga reaches cart, inventory, payments and accounts over HTTP when each runs as
/// its own process, with the same signed service identity as in process.
#[tokio::test]
async fn checkout_crosses_process_boundaries() {
    let split = TestSystem::split().await;
    let (offer, price, units) = plain_offer(0);
    let buyer = Shopper::new(&split, "split-buyer", 10 * price).await;
    buyer.add(&split, &offer, 1).await;
    let placed = buyer.checkout_wallet(&split, "split").await;
    crate::shopping::assert_placed(&placed);
    assert_eq!(buyer.wallet(&split).await, (10 * price, price));
    assert_eq!(stock(&split, &offer).await, units - 1);
}
