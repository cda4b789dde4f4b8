use crate::helpers::TestSystem;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn a_browser_gets_graphiql_on_get_graphql() {
    let system = TestSystem::embedded().await;
    let response = system
        .request(Method::GET, "/graphql")
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(response.text().await.unwrap().to_lowercase().contains("graphiql"));
}

#[tokio::test]
async fn health_answers_200() {
    let system = TestSystem::embedded().await;
    let response = system.request(Method::GET, "/health").send().await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn cors_allows_configured_origins_only() {
    let system = TestSystem::embedded().await;
    let preflight = |origin: &'static str| {
        system
            .request(Method::OPTIONS, "/graphql")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("http://localhost:5173").await.unwrap();
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "http://localhost:5173"
    );
    let refused = preflight("https://evil.example").await.unwrap();
    // Hive answers `null` (or nothing) for an origin no policy matches; browsers then refuse.
    let allow = refused
        .headers()
        .get("access-control-allow-origin")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(allow.is_none() || allow.as_deref() == Some("null"), "{allow:?}");
}

/// Embedded mode resolves through the subgraphs' schemas in process: the fetches are counted
/// in process and the subgraphs' HTTP endpoints see nothing.
#[tokio::test]
async fn embedded_mode_fetches_subgraphs_without_http() {
    let system = TestSystem::embedded().await;
    let response = system
        .graphql("{ products(first: 3) { name inStock } }", json!({}))
        .await;
    assert!(response.get("errors").is_none(), "{response}");
    let in_process = system.counters("vitrine_in_process_fetches_total").await;
    assert_eq!(in_process.get("catalog"), Some(&1), "{in_process:?}");
    assert_eq!(in_process.get("inventory"), Some(&1), "{in_process:?}");
    let over_http = system.counters("vitrine_subgraph_http_requests_total").await;
    assert!(
        over_http.contains_key("catalog") && over_http.contains_key("inventory"),
        "{over_http:?}"
    );
    assert!(over_http.values().all(|&n| n == 0), "{over_http:?}");
}
