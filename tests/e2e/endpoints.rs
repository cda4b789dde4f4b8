use crate::helpers::TestSystem;
use reqwest::Method;
use serde_json::{json, Value};

const BROWSER_ACCEPT: &str = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

/// GraphiQL works offline: the page and everything it loads come from the router.
#[tokio::test]
async fn a_browser_gets_graphiql_from_the_router_itself() {
    let system = TestSystem::embedded().await;
    let response = system
        .request(Method::GET, "/graphql")
        .header("accept", BROWSER_ACCEPT)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let page = response.text().await.unwrap();
    assert!(page.contains("GraphiQL"), "{page}");
    let loaded = referenced_urls(&page);
    assert!(loaded.len() >= 5, "{loaded:?}");
    for url in &loaded {
        assert!(
            url.starts_with('/') && !url.starts_with("//"),
            "{url} is not on the router"
        );
        let asset = system.request(Method::GET, url).send().await.unwrap();
        assert_eq!(asset.status(), 200, "{url}");
        let content_type = asset.headers()["content-type"].to_str().unwrap().to_string();
        let expected = match url.rsplit('.').next() {
            Some("css") => "text/css",
            Some("svg") => "image/svg+xml",
            _ => "text/javascript",
        };
        assert!(content_type.starts_with(expected), "{url}: {content_type}");
        assert!(asset.bytes().await.unwrap().len() > 100, "{url} is empty");
    }
    // The same page at /graphiql; API clients on /graphql are untouched.
    let alias = system.request(Method::GET, "/graphiql").send().await.unwrap();
    assert_eq!(alias.text().await.unwrap(), page);
    let api = system
        .request(Method::GET, "/graphql?query=%7B__typename%7D")
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(
        api.json::<serde_json::Value>().await.unwrap(),
        json!({"data": {"__typename": "Query"}})
    );
}

/// Every `src="…"` and `href="…"` of a page.
fn referenced_urls(page: &str) -> Vec<String> {
    ["src=\"", "href=\""]
        .iter()
        .flat_map(|attribute| page.split(attribute).skip(1))
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

/// `vitrine serve` serves a built storefront at `/`, client-side routes included, beside the API.
#[tokio::test]
async fn the_storefront_is_served_at_the_root() {
    let web = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(web.path().join("assets")).unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>Vitrine shop</title>",
    )
    .unwrap();
    std::fs::write(web.path().join("assets/app-3f2a.js"), "console.log('shop')").unwrap();
    let system = TestSystem::embedded_with(&[("VITRINE_WEB_DIR", web.path().to_str().unwrap())]).await;

    for route in ["/", "/orders/ord_42", "/products/abc"] {
        let page = system
            .request(Method::GET, route)
            .header("accept", BROWSER_ACCEPT)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{route}");
        assert_eq!(page.headers()["cache-control"], "no-cache", "{route}");
        assert!(page.text().await.unwrap().contains("Vitrine shop"), "{route}");
    }
    let script = system
        .request(Method::GET, "/assets/app-3f2a.js")
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200);
    assert!(script.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert!(script.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    assert_eq!(script.text().await.unwrap(), "console.log('shop')");
    for missing in [
        "/assets/gone-1b.js",
        "/../Cargo.toml",
        "/assets/%2e%2e/%2e%2e/Cargo.toml",
    ] {
        let response = system.request(Method::GET, missing).send().await.unwrap();
        assert_eq!(response.status(), 404, "{missing}");
    }
    // The API and the probes are not the storefront's.
    let answer = system.graphql("{ __typename }", json!({})).await;
    assert_eq!(answer["data"]["__typename"], "Query", "{answer}");
    let health = system.request(Method::GET, "/health").send().await.unwrap();
    assert_eq!(health.status(), 200);
    let graphiql = system
        .request(Method::GET, "/graphql")
        .header("accept", BROWSER_ACCEPT)
        .send()
        .await
        .unwrap();
    assert!(graphiql.text().await.unwrap().contains("GraphiQL"));
}

#[tokio::test]
async fn without_a_storefront_build_the_root_says_how_to_build_it() {
    let nowhere = tempfile::tempdir().unwrap();
    let missing = nowhere.path().join("dist");
    let system = TestSystem::embedded_with(&[("VITRINE_WEB_DIR", missing.to_str().unwrap())]).await;
    let root = system
        .request(Method::GET, "/")
        .header("accept", BROWSER_ACCEPT)
        .send()
        .await
        .unwrap();
    assert_eq!(root.status(), 200);
    let page = root.text().await.unwrap();
    assert!(
        page.contains("href=\"/graphql\"") && page.contains("npm run build"),
        "{page}"
    );
    let other = system.request(Method::GET, "/orders/1").send().await.unwrap();
    assert_eq!(other.status(), 404);
}

/// A request other than GET or HEAD to a path the router serves nothing at gets a 404 with a
/// GraphQL error, not Hive's HTML welcome page with a 200 (which told a client posting to a
/// mistyped URL that it had succeeded).
#[tokio::test]
async fn a_post_to_a_path_that_serves_nothing_is_not_found() {
    let system = TestSystem::embedded().await;
    let body = json!({ "query": "{ __typename }" });
    for (method, path) in [
        (Method::POST, "/GRAPHQL"),
        (Method::POST, "//graphql"),
        (Method::POST, "/graphql;a"),
        (Method::POST, "/"),
        (Method::POST, "/health/x"),
        (Method::PUT, "/nope"),
        (Method::DELETE, "/assets/app.js"),
    ] {
        let response = system
            .request(method.clone(), path)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let answer: Value = response
            .json()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert_eq!(status, 404, "{method} {path}: {answer}");
        assert_eq!(
            crate::helpers::error_codes(&answer),
            vec!["NOT_FOUND"],
            "{method} {path}: {answer}"
        );
        assert!(answer.to_string().contains("/graphql"), "{answer}");
    }
    let served = system
        .request(Method::POST, "/graphql")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), 200);
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

/// `__typename`-only selections are answered by the router: no subgraph is asked what the
/// supergraph already knows (a probe or a client's "are you there" costs no fetch).
#[tokio::test]
async fn typename_only_selections_reach_no_subgraph() {
    let system = TestSystem::embedded().await;
    for (query, expected) in [
        ("{ __typename }", json!({ "__typename": "Query" })),
        (
            "{ a: __typename b: __typename }",
            json!({ "a": "Query", "b": "Query" }),
        ),
        ("mutation { __typename }", json!({ "__typename": "Mutation" })),
    ] {
        let response = system.graphql(query, json!({})).await;
        assert_eq!(response, json!({ "data": expected }), "{query}");
    }
    let fetched = system.counter_total("vitrine_in_process_fetches_total").await;
    assert_eq!(
        fetched,
        0,
        "{:?}",
        system.counters("vitrine_in_process_fetches_total").await
    );
}
