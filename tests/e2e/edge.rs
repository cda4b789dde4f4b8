//! The router's edge defences (docs/security.md), each tried as an attacker would: every hostile
//! request is refused with its code, quickly, and afterwards the router still serves.

use crate::helpers::{error_codes, TestSystem};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const NORMAL: &str = "{ products(first: 3) { name price { amount } offers { shop { name } } } }";

/// Posts `body`, asserting the answer came within a second; returns (status, body).
async fn refused_quickly(system: &TestSystem, body: String) -> (u16, Value) {
    let started = Instant::now();
    let answer = system.post_raw(body).await;
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}: {}",
        started.elapsed(),
        answer.1
    );
    answer
}

fn query(text: &str) -> String {
    json!({ "query": text }).to_string()
}

#[tokio::test]
async fn operations_past_each_limit_are_refused_before_any_subgraph_is_asked() {
    // Every code below is the router's own, from before planning: no subgraph was asked.
    let system = TestSystem::embedded().await;

    // Depth: offers → product → offers … sixteen levels.
    let mut deep = String::from("name");
    for _ in 0..8 {
        deep = format!("offers {{ product {{ {deep} }} }}");
    }
    // (Validation errors answer 200 to `Accept: application/json`, as GraphQL over HTTP has it.)
    let (_, body) = refused_quickly(&system, query(&format!("{{ products(first: 1) {{ {deep} }} }}"))).await;
    assert_eq!(error_codes(&body), vec!["MAX_DEPTH_EXCEEDED"], "{body}");

    // A chain of fragments, each spreading the next: 400 (16 KB) is too long to parse, 100
    // hides depth behind spreads.
    for (links, code) in [(400, "TOKEN_LIMIT_EXCEEDED"), (100, "MAX_DEPTH_EXCEEDED")] {
        let mut chain = String::from("query { products(first: 1) { ...F0 } }");
        for i in 0..links {
            chain.push_str(&format!(" fragment F{i} on Product {{ name ...F{} }}", i + 1));
        }
        chain.push_str(&format!(" fragment F{links} on Product {{ name }}"));
        let (_, body) = refused_quickly(&system, query(&chain)).await;
        assert_eq!(error_codes(&body), vec![code], "{body}");
    }

    // Aliases of a search: 10 000 make a body over the size limit, 2 000 too many tokens; and
    // one field written 10 000 times.
    let aliases = |n: usize| -> String {
        (0..n)
            .map(|i| format!("a{i}: searchProducts(query: \"x\") {{ name }} "))
            .collect()
    };
    let (status, body) = refused_quickly(&system, query(&format!("{{ {} }}", aliases(10_000)))).await;
    assert_eq!(
        (status, error_codes(&body)),
        (413, vec!["PAYLOAD_TOO_LARGE_CONTENT_LENGTH".to_string()])
    );
    let (_, body) = refused_quickly(&system, query(&format!("{{ {} }}", aliases(2_000)))).await;
    assert_eq!(error_codes(&body), vec!["TOKEN_LIMIT_EXCEEDED"], "{body}");
    let (_, body) = refused_quickly(&system, query(&format!("{{ {} }}", "__typename ".repeat(10_000)))).await;
    assert_eq!(error_codes(&body), vec!["TOKEN_LIMIT_EXCEEDED"], "{body}");
    let few_aliases: String = (0..31).map(|i| format!("a{i}: __typename ")).collect();
    let (_, body) = refused_quickly(&system, query(&format!("{{ {few_aliases} }}"))).await;
    assert_eq!(error_codes(&body), vec!["MAX_ALIASES_EXCEEDED"], "{body}");

    // Cost: within the depth limit, but the lists multiply (20 × 20 × 20 × 20 …).
    let expensive =
        "{ products(first: 100) { offers { product { offers { product { offers { shop { name } } } } } } } }";
    let (_, body) = refused_quickly(&system, query(expensive)).await;
    assert_eq!(error_codes(&body), vec!["COST_ESTIMATED_TOO_EXPENSIVE"], "{body}");

    // Introspection whose list fields multiply by the schema's size at each level.
    let nested = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    let (_, body) = refused_quickly(&system, query(nested)).await;
    assert_eq!(error_codes(&body), vec!["BAD_USER_INPUT"], "{body}");
    // The whole schema twice (29 aliases answered 4.4 MB).
    let twice = "{ a: __schema { types { name } } b: __schema { types { name } } }";
    let (_, body) = refused_quickly(&system, query(twice)).await;
    assert_eq!(error_codes(&body), vec!["BAD_USER_INPUT"], "{body}");
    let types: String = (0..6)
        .map(|i| format!("t{i}: __type(name: \"Order\") {{ fields {{ name }} }} "))
        .collect();
    let (_, body) = refused_quickly(&system, query(&format!("{{ {types} }}"))).await;
    assert_eq!(error_codes(&body), vec!["BAD_USER_INPUT"], "{body}");

    // Braces nested past what the parser recurses into.
    let braces = format!("{}{}", "{ a ".repeat(1000), "}".repeat(1000));
    let (_, body) = refused_quickly(&system, query(&braces)).await;
    assert_eq!(error_codes(&body), vec!["GRAPHQL_PARSE_FAILED"], "{body}");

    system.assert_still_serving().await;
}

#[tokio::test]
async fn a_normal_query_sees_its_estimated_cost() {
    let system = TestSystem::embedded().await;
    let response = system.post_query(NORMAL).await;
    let estimated: u64 = response.headers()["x-cost-estimated"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let max: u64 = response.headers()["x-cost-max"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(estimated > 0 && estimated < max, "estimated {estimated} of {max}");
}

/// The estimate is taken over the whole operation: `first` sizes its list, lists multiply across
/// subgraphs, and every alias counts. Hive 0.2.5's, taken per subgraph fetch, put 20 for
/// `products(first: 100)` and let 30 aliases of a list four levels deep through at 17 860,
/// answered with 12 MB.
#[tokio::test]
async fn the_estimated_cost_multiplies_lists_across_subgraphs_and_aliases() {
    let system = TestSystem::embedded().await;
    let estimate = |response: &reqwest::Response, name: &str| -> u64 {
        response.headers()[name].to_str().unwrap().parse().unwrap()
    };
    // Each product 1, each of its offers (from the shops subgraph, 10 assumed) and their
    // shop 1: 5 × 21, then 100 × 21.
    for (first, cost) in [(5, 105), (100, 2_100)] {
        let operation = format!("{{ products(first: {first}) {{ offers {{ shop {{ name }} }} }} }}");
        let response = system.post_query(&operation).await;
        assert_eq!(estimate(&response, "x-cost-estimated"), cost, "first: {first}");
        assert_eq!(estimate(&response, "x-cost-max"), 25_000);
        let body: Value = response.json().await.unwrap();
        assert!(body["errors"].is_null(), "{body}");
    }
    // Eleven aliases of the second fit (23 100); twelve do not.
    let aliases = |n: usize| -> String {
        let each: String = (0..n)
            .map(|i| format!("a{i}: products(first: 100) {{ offers {{ shop {{ name }} }} }} "))
            .collect();
        format!("{{ {each} }}")
    };
    let response = system.post_query(&aliases(11)).await;
    assert_eq!(estimate(&response, "x-cost-estimated"), 23_100);
    let response = system.post_query(&aliases(12)).await;
    assert_eq!(response.status(), 400);
    assert_eq!(estimate(&response, "x-cost-estimated"), 25_200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_codes(&body), vec!["COST_ESTIMATED_TOO_EXPENSIVE"], "{body}");
    // A shop's offers (100 assumed: nothing bounds them) across three subgraphs:
    // 100 × (1 + 10 × (2 + 100 × 2)).
    let response = system
        .post_query("{ products(first: 100) { offers { shop { offers { product { name } } } } } }")
        .await;
    assert_eq!(estimate(&response, "x-cost-estimated"), 202_100);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_codes(&body), vec!["COST_ESTIMATED_TOO_EXPENSIVE"], "{body}");

    // A subscription is estimated the same, on every transport: 1 + 10 × (2 + 100 × 2) each.
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let nested = "offers { shop { offers { product { name } } } }";
    let dear: String = (0..13).map(|i| format!("a{i}: {nested} ")).collect();
    let dear = format!("subscription($p: ID!) {{ stockChanged(productId: $p) {{ {dear} }} }}");
    let body = json!({ "query": dear, "variables": { "p": product } });
    refused_on_every_transport(&system, None, &body, 400, "COST_ESTIMATED_TOO_EXPENSIVE").await;
    system.assert_still_serving().await;
}

/// A `first` sent as a variable is priced as sent, over POST and GET. Hive 0.2.5 moves the
/// variables out of the request's parameters before the hook that estimates, so each such list
/// was priced at `first`'s default (20): `products(first: $n)` with 100 got five times what
/// the limit allows.
#[tokio::test]
async fn a_first_sent_as_a_variable_is_priced_as_sent() {
    let system = TestSystem::embedded().await;
    let estimate = |response: &reqwest::Response| -> u64 {
        response.headers()["x-cost-estimated"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let pages = "query($n: Int!) { products(first: $n) { offers { shop { name } } } }";
    for (n, cost) in [(5, 105), (100, 2_100)] {
        let body = json!({ "query": pages, "variables": { "n": n } });
        let posted = system
            .request(reqwest::Method::POST, "/graphql")
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(estimate(&posted), cost, "POST, n = {n}");
        let got = system
            .request(reqwest::Method::GET, "/graphql")
            .query(&[
                ("query", pages.to_string()),
                ("variables", json!({ "n": n }).to_string()),
            ])
            .header("accept", "application/graphql-response+json")
            .send()
            .await
            .unwrap();
        assert_eq!(estimate(&got), cost, "GET, n = {n}");
    }
    let dear = "query($n: Int!) { products(first: $n) { offers { shop { offers { id } } } } }";
    let body = json!({ "query": dear, "variables": { "n": 100 } });
    let response = system
        .request(reqwest::Method::POST, "/graphql")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_codes(&body), vec!["COST_ESTIMATED_TOO_EXPENSIVE"], "{body}");
}

#[tokio::test]
async fn deeply_nested_variables_are_refused_before_hive_parses_them() {
    let system = TestSystem::embedded().await;
    // 56+ levels hung a debug build's worker for good (docs/security.md).
    for levels in [60, 10_000] {
        let variables = format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
        let body =
            format!(r#"{{"query":"query($v: [Int]) {{ __typename }}","variables":{{"v":{variables}}}}}"#);
        let (status, body) = refused_quickly(&system, body).await;
        assert_eq!(
            (status, error_codes(&body)),
            (400, vec!["BAD_USER_INPUT".to_string()]),
            "{body}"
        );
    }
    // The same in a GET's query string.
    let variables = format!("{{\"v\":{}1{}}}", "[".repeat(60), "]".repeat(60));
    let response = system
        .request(reqwest::Method::GET, "/graphql")
        .header("accept", "application/json")
        .query(&[
            ("query", "query($v: [Int]) { __typename }"),
            ("variables", variables.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_codes(&body), vec!["BAD_USER_INPUT"], "{body}");
    // The limit (32) is the same over POST and GET: request object, variables, then `v`'s own
    // levels (GET's `variables` parameter let one more level through).
    for (levels, refused) in [(30, false), (31, true)] {
        let v = format!("{}1{}", "[".repeat(levels), "]".repeat(levels));
        let post = format!(r#"{{"query":"query($v: [Int]) {{ __typename }}","variables":{{"v":{v}}}}}"#);
        let (_, post) = system.post_raw(post).await;
        let get: Value = system
            .request(reqwest::Method::GET, "/graphql")
            .header("accept", "application/json")
            .query(&[
                ("query", "query($v: [Int]) { __typename }"),
                ("variables", format!("{{\"v\":{v}}}").as_str()),
            ])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for body in [post, get] {
            let nested_refusal = body.to_string().contains("levels deep");
            assert_eq!(nested_refusal, refused, "{levels} levels: {body}");
        }
    }
    // Nesting that any real input has still passes.
    let body = json!({ "query": "query($v: [[Int]]) { __typename }", "variables": { "v": [[1, 2], [3]] } });
    let (status, body) = system.post_raw(body.to_string()).await;
    assert_eq!(status, 200, "{body}");
    system.assert_still_serving().await;
}

#[tokio::test]
async fn several_operations_without_an_operation_name_are_refused() {
    let system = TestSystem::embedded().await;
    let document = "query A { __typename } query B { products(first: 1) { name } }";
    let (status, body) = system.post_raw(query(document)).await;
    assert_eq!(
        (status, error_codes(&body)),
        (400, vec!["BAD_USER_INPUT".to_string()]),
        "{body}"
    );
    let named = json!({ "query": document, "operationName": "B" });
    let (status, body) = system.post_raw(named.to_string()).await;
    assert_eq!(status, 200);
    assert!(body["data"]["products"][0]["name"].is_string(), "{body}");
}

#[tokio::test]
async fn a_token_that_does_not_verify_is_401_and_no_token_is_anonymous() {
    let system = TestSystem::embedded().await;
    let (_, token, _) = system.register("edge-token").await;
    let me = "{ me { id } }";
    // Another signature on the same claims, and plain garbage.
    let (head_and_claims, _) = token.rsplit_once('.').unwrap();
    for bad in [format!("{head_and_claims}.AAAA"), "not-a-token".to_string()] {
        let response = system
            .request(reqwest::Method::POST, "/graphql")
            .bearer_auth(&bad)
            .json(&json!({ "query": me }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 401, "token {bad}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(error_codes(&body), vec!["UNAUTHENTICATED"], "{body}");
    }
    let anonymous = system.graphql("{ products(first: 1) { name } }", json!({})).await;
    assert!(
        anonymous["data"]["products"][0]["name"].is_string(),
        "{anonymous}"
    );
    let signed_in = system.graphql_as(&token, me, json!({})).await;
    assert!(signed_in["data"]["me"]["id"].is_string(), "{signed_in}");
}

#[tokio::test]
async fn an_address_over_its_rate_waits_and_is_told_how_long() {
    let system = TestSystem::embedded_with(&[("VITRINE_RATE_LIMIT_PER_ADDRESS", "1:10")]).await;
    // The burst passes, then the address waits; the answer says how long.
    let mut statuses = Vec::new();
    let limited = loop {
        let response = system.post_query("{ __typename }").await;
        statuses.push(response.status().as_u16());
        if response.status() == 429 || statuses.len() == 14 {
            break response;
        }
    };
    // One more passes per second the burst takes; on a loaded machine that may be a few.
    assert!(statuses[..10].iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(limited.status(), 429, "{statuses:?}");
    let retry_after: u64 = limited.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(retry_after, 1, "Retry-After at one request per second");
    let body: Value = limited.json().await.unwrap();
    assert_eq!(error_codes(&body), vec!["RATE_LIMITED"], "{body}");
    // /health is not a GraphQL request: it answers throughout.
    let health = system
        .request(reqwest::Method::GET, "/health")
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test]
async fn a_client_looping_on_refusals_runs_at_its_allowed_rate() {
    let system = TestSystem::embedded_with(&[("VITRINE_RATE_LIMIT_PER_ADDRESS", "2:2")]).await;
    // A flood: the next request as soon as the last is answered, for three seconds. Refused at
    // once, it would be refused hundreds of times; each refusal is held until the address could
    // be served again, so it sends about two a second plus its burst.
    let started = Instant::now();
    let (mut passed, mut refused) = (0u64, 0u64);
    while started.elapsed() < Duration::from_secs(3) {
        match system.post_query("{ __typename }").await.status().as_u16() {
            200 => passed += 1,
            429 => refused += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    assert!(refused >= 1, "the flood went over the limit ({passed} passed)");
    assert!(
        passed + refused <= 2 * (2 + 2 * seconds.ceil() as u64),
        "{passed} passed and {refused} refused in {seconds:.1} s"
    );
    assert_eq!(
        system
            .counter_where("vitrine_rate_limited_total", "held", "true")
            .await,
        refused,
        "every refusal was held"
    );
    system.assert_still_serving().await;
}

#[tokio::test]
async fn a_signed_in_caller_is_limited_across_addresses() {
    let system = TestSystem::embedded_with(&[
        ("VITRINE_RATE_LIMIT_PER_ADDRESS", "0"),
        ("VITRINE_RATE_LIMIT_PER_CALLER", "1:3"),
    ])
    .await;
    let (_, token, _) = system.register("edge-rate").await;
    let mut codes = Vec::new();
    while codes.len() < 6 && !codes.iter().any(|c| c == "RATE_LIMITED") {
        let body = system.graphql_as(&token, "{ me { id } }", json!({})).await;
        codes.push(error_codes(&body).first().cloned().unwrap_or_else(|| "OK".into()));
    }
    // The burst passes; one more per second it takes.
    assert_eq!(codes[..3], ["OK", "OK", "OK"], "{codes:?}");
    assert_eq!(codes.last().unwrap(), "RATE_LIMITED", "{codes:?}");
    // Anonymous callers are not this caller.
    let anonymous = system.graphql("{ products(first: 1) { name } }", json!({})).await;
    assert!(
        anonymous["data"]["products"][0]["name"].is_string(),
        "{anonymous}"
    );
}

/// Each root field of a mutation is a write: 30 aliased writes in one request counted as one
/// against the rate limits, so a caller could write 30 times its allowance.
#[tokio::test]
async fn a_mutations_aliases_each_count_against_the_rate_limits() {
    let writes = |n: usize| -> String {
        let aliases: String = (0..n)
            .map(|i| format!("a{i}: markAllNotificationsRead "))
            .collect();
        format!("mutation {{ {aliases} }}")
    };
    let first_code = |body: &Value| error_codes(body).first().cloned().unwrap_or_else(|| "OK".into());
    let (by_caller, by_address) = tokio::join!(
        TestSystem::embedded_with(&[
            ("VITRINE_RATE_LIMIT_PER_ADDRESS", "0"),
            ("VITRINE_RATE_LIMIT_PER_CALLER", "1:8"),
        ]),
        TestSystem::embedded_with(&[
            ("VITRINE_RATE_LIMIT_PER_ADDRESS", "1:8"),
            ("VITRINE_RATE_LIMIT_PER_CALLER", "0"),
        ]),
    );
    // A signed-in caller: six writes of a burst of eight pass, six more do not.
    let (_, token, _) = by_caller.register("edge-writes").await;
    let body = by_caller.graphql_as(&token, &writes(6), json!({})).await;
    assert_eq!(first_code(&body), "OK", "{body}");
    let body = by_caller.graphql_as(&token, &writes(6), json!({})).await;
    assert_eq!(first_code(&body), "RATE_LIMITED", "{body}");
    assert!(body["data"].is_null(), "{body}");
    // An address, anonymous: the subgraph refuses the writes, but each was tried.
    let body = by_address.graphql(&writes(6), json!({})).await;
    assert_eq!(first_code(&body), "UNAUTHENTICATED", "{body}");
    let (status, body) = by_address.post_raw(query(&writes(6))).await;
    assert_eq!(
        (status, first_code(&body)),
        (429, "RATE_LIMITED".into()),
        "{body}"
    );
}

#[tokio::test]
async fn two_routers_on_one_redis_share_the_limit() {
    let redis = std::env::var("VITRINE_TEST_REDIS_URL").unwrap_or_else(|_| "redis://127.0.0.1:6379".into());
    let namespace = format!("e2e{}", uuid::Uuid::new_v4().simple());
    let env = [
        ("VITRINE_REDIS_URL", redis.as_str()),
        ("VITRINE_REDIS_NAMESPACE", namespace.as_str()),
        ("VITRINE_RATE_LIMIT_PER_ADDRESS", "1:6"),
    ];
    let (first, second) = tokio::join!(TestSystem::embedded_with(&env), TestSystem::embedded_with(&env));
    // Ten at once, five to each router.
    let started = Instant::now();
    let requests = (0..10).map(|i| {
        let system = if i % 2 == 0 { &first } else { &second };
        system.post_query("{ __typename }")
    });
    let statuses: Vec<u16> = futures::future::join_all(requests)
        .await
        .iter()
        .map(|r| r.status().as_u16())
        .collect();
    let passed = statuses.iter().filter(|s| **s == 200).count();
    // One bucket of 6 for both (plus one per second the requests take); each router alone
    // would have let all 10 through.
    let slack = started.elapsed().as_secs_f64().ceil() as usize;
    assert!(passed >= 6 && passed <= 6 + slack && passed < 10, "{statuses:?}");
}

#[tokio::test]
async fn automatic_persisted_queries_follow_apollos_protocol() {
    use sha2::{Digest, Sha256};
    let system = TestSystem::embedded().await;
    let text = "{ products(first: 1) { name } }";
    let hash = hex::encode(Sha256::digest(text.as_bytes()));
    let extensions = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } });

    let (status, body) = system
        .post_raw(json!({ "extensions": extensions }).to_string())
        .await;
    assert_eq!(
        (status, error_codes(&body)),
        (200, vec!["PERSISTED_QUERY_NOT_FOUND".to_string()]),
        "{body}"
    );
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");

    let (status, body) = system
        .post_raw(json!({ "query": text, "extensions": extensions }).to_string())
        .await;
    assert_eq!(status, 200);
    assert!(body["data"]["products"][0]["name"].is_string(), "{body}");

    // Now the hash alone is enough, over POST and GET.
    let (_, body) = system
        .post_raw(json!({ "extensions": extensions }).to_string())
        .await;
    assert!(body["data"]["products"][0]["name"].is_string(), "{body}");
    let response = system
        .request(reqwest::Method::GET, "/graphql")
        .header("accept", "application/json")
        .query(&[("extensions", extensions.to_string())])
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert!(body["data"]["products"][0]["name"].is_string(), "{body}");

    // A hash that is not the query's is refused and stores nothing.
    let wrong = json!({ "persistedQuery": { "version": 1, "sha256Hash": "0".repeat(64) } });
    let (status, body) = system
        .post_raw(json!({ "query": text, "extensions": wrong }).to_string())
        .await;
    assert_eq!(
        (status, error_codes(&body)),
        (400, vec!["PERSISTED_QUERY_HASH_MISMATCH".to_string()]),
        "{body}"
    );
}

#[tokio::test]
async fn in_production_introspection_is_for_signed_in_callers_and_diagnostics_are_off() {
    let secret = "production-secret-of-at-least-32-characters!";
    let system = TestSystem::embedded_with(&[
        ("VITRINE_ENV", "production"),
        ("VITRINE_JWT_SECRET", secret),
        (
            "VITRINE_INTERNAL_SECRET",
            "another-production-secret-32-characters+",
        ),
    ])
    .await;
    let introspection = "{ __schema { queryType { name } } }";
    let (status, body) = system.post_raw(query(introspection)).await;
    assert_eq!(
        (status, error_codes(&body)),
        (403, vec!["INTROSPECTION_DISABLED".to_string()]),
        "{body}"
    );
    let (_, token, _) = system.register("edge-introspect").await;
    let body = system.graphql_as(&token, introspection, json!({})).await;
    assert_eq!(body["data"]["__schema"]["queryType"]["name"], "Query", "{body}");
    // Development diagnostics are off too: asking for SQL statement counts gets none.
    let asked = system
        .request(reqwest::Method::POST, "/graphql")
        .header(vitrine_router::ops::SQL_STATEMENTS_HEADER, "1")
        .json(&json!({ "query": "{ products(first: 1) { name } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(asked.status(), 200);
    assert!(asked
        .headers()
        .get(vitrine_router::ops::SQL_STATEMENTS_HEADER)
        .is_none());
}

#[tokio::test]
async fn graphiqls_introspection_query_fits_the_limits() {
    let system = TestSystem::embedded().await;
    // graphql-js's getIntrospectionQuery() as GraphiQL 3 sends it (TypeRef nests ofType 9 deep).
    let (status, body) = system.post_raw(query(INTROSPECTION_QUERY)).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        body["data"]["__schema"]["types"]
            .as_array()
            .is_some_and(|t| t.len() > 20),
        "{body}"
    );
}

#[tokio::test]
async fn a_deadline_ends_an_operation_with_a_clear_error() {
    // The shipped config with a deadline too short for a 50-product page.
    let config =
        vitrine_router::serve::DEFAULT_CONFIG.replace("request_timeout: 10s", "request_timeout: 1ms");
    assert_ne!(
        config,
        vitrine_router::serve::DEFAULT_CONFIG,
        "the shipped config sets a deadline"
    );
    let (_config_dir, path) = crate::helpers::router_config(&config);
    let system = TestSystem::embedded_with(&[("VITRINE_ROUTER_CONFIG", path.to_str().unwrap())]).await;
    // On a loaded machine 1 ms can pass before the first fetch starts; the query is sent again
    // (each time refused the same way) until one deadline falls during a fetch.
    for _ in 0..20 {
        let response = system
            .post_query("{ products(first: 50) { name offers { price { amount } shop { name } } } }")
            .await;
        assert_eq!(response.status(), 504);
        let body: Value = response.json().await.unwrap();
        assert_eq!(error_codes(&body), vec!["GATEWAY_TIMEOUT"], "{body}");
        tokio::time::sleep(Duration::from_millis(50)).await;
        if system.counter_total("vitrine_in_process_abandoned_total").await > 0 {
            break;
        }
    }
    // Its subgraph work was stopped, not left running for nobody.
    some_fetch_abandoned(&system).await;
}

/// Waits until an in-process query fetch was stopped because nobody waited for it any more.
async fn some_fetch_abandoned(system: &TestSystem) {
    crate::shopping::eventually("an abandoned fetch to be stopped", || async {
        (system.counter_total("vitrine_in_process_abandoned_total").await > 0).then_some(())
    })
    .await
}

/// A client that hangs up frees its work: the query's subgraph fetches stop instead of running
/// on for nobody.
#[tokio::test]
async fn a_client_that_hangs_up_frees_its_work() {
    let system = TestSystem::embedded().await;
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(5))
        .build()
        .unwrap();
    let page = "{ searchProducts(first: 50) { edges { node { name offers { price { amount } stock shop { name } } } } } }";
    for _ in 0..10 {
        let gone = impatient
            .post(format!("{}/graphql", system.router_url))
            .json(&json!({ "query": page }))
            .send()
            .await;
        assert!(gone.is_err(), "the client gave up before the answer");
    }
    some_fetch_abandoned(&system).await;
    system.assert_still_serving().await;
}

#[tokio::test]
async fn sigterm_under_load_drains_and_exits_within_ten_seconds() {
    let mut system = TestSystem::embedded().await;
    let pid = system.pids()[0];
    let answered = Arc::new(AtomicUsize::new(0));
    let load: Vec<_> = (0..40)
        .map(|_| {
            let request = system
                .request(reqwest::Method::POST, "/graphql")
                .json(&json!({ "query": "{ products(first: 50) { name offers { shop { name } } } }" }));
            let answered = answered.clone();
            tokio::spawn(async move {
                for _ in 0..50 {
                    if request.try_clone().unwrap().send().await.is_err() {
                        break;
                    }
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    // Under load: the clients have had 40 answers between them and go on asking.
    crate::shopping::eventually("the load to be running", || async {
        (answered.load(Ordering::Relaxed) >= 40).then_some(())
    })
    .await;
    let started = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    while system.all_running() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still running after SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    for task in load {
        task.abort();
    }
}

const INTROSPECTION_QUERY: &str = r#"
query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) {
    name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
  }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }
}
"#;

/// A manifest of trusted documents as the storefront's build writes it.
fn manifest(documents: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    use sha2::{Digest, Sha256};
    let dir = tempfile::tempdir().unwrap();
    let entries: serde_json::Map<String, Value> = documents
        .iter()
        .map(|d| (hex::encode(Sha256::digest(d.as_bytes())), json!(d)))
        .collect();
    let path = dir.path().join("persisted-documents.json");
    std::fs::write(&path, Value::Object(entries).to_string()).unwrap();
    (dir, path)
}

fn hash_only(document: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = hex::encode(Sha256::digest(document.as_bytes()));
    json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash } } }).to_string()
}

const SHELF: &str = "query Shelf { products(first: 2) { name } }";
const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";

#[tokio::test]
async fn trusted_documents_resolve_by_hash_on_the_first_try() {
    let (_dir, path) = manifest(&[SHELF]);
    let system = TestSystem::embedded_with(&[("VITRINE_TRUSTED_DOCUMENTS", path.to_str().unwrap())]).await;
    let (status, body) = system.post_raw(hash_only(SHELF)).await;
    assert_eq!(status, 200);
    assert!(body["data"]["products"][1]["name"].is_string(), "{body}");
    // Other operations still run (development: nothing is required to be trusted).
    let other = system.graphql("{ products(first: 1) { name } }", json!({})).await;
    assert!(other["data"]["products"][0]["name"].is_string(), "{other}");
}

#[tokio::test]
async fn trusted_documents_only_refuses_everything_else_but_staff() {
    let (_dir, path) = manifest(&[SHELF, LOGIN]);
    let system = TestSystem::embedded_with(&[
        ("VITRINE_TRUSTED_DOCUMENTS", path.to_str().unwrap()),
        ("VITRINE_TRUSTED_DOCUMENTS_ONLY", "true"),
    ])
    .await;
    // The storefront's documents, by hash or by their exact text.
    let (_, body) = system.post_raw(hash_only(SHELF)).await;
    assert!(body["data"]["products"][1]["name"].is_string(), "{body}");
    let (_, body) = system.post_raw(query(SHELF)).await;
    assert!(body["data"]["products"][1]["name"].is_string(), "{body}");
    // Anything else, also once registered through APQ, is refused before it runs.
    let stranger = "{ products(first: 1) { name } }";
    let (status, body) = system.post_raw(query(stranger)).await;
    assert_eq!(
        (status, error_codes(&body)),
        (403, vec!["TRUSTED_DOCUMENT_REQUIRED".to_string()]),
        "{body}"
    );
    let (status, body) = system.post_raw(json!({ "query": stranger, "extensions": serde_json::from_str::<Value>(&hash_only(stranger)).unwrap()["extensions"] }).to_string()).await;
    assert_eq!(
        (status, error_codes(&body)),
        (403, vec!["TRUSTED_DOCUMENT_REQUIRED".to_string()]),
        "{body}"
    );
    // A signed-in ADMIN (GraphiQL for staff) may run any operation; a customer may not.
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let body = system.graphql_as(&admin, stranger, json!({})).await;
    assert!(body["data"]["products"][0]["name"].is_string(), "{body}");
    let customer = system.login("customer@vitrine.kz", "customer-demo-2026").await;
    let body = system.graphql_as(&customer, stranger, json!({})).await;
    assert_eq!(error_codes(&body), vec!["TRUSTED_DOCUMENT_REQUIRED"], "{body}");
}

const STOCK: &str = "subscription Stock($p: ID!) { stockChanged(productId: $p) { stock } }";

/// Hive 0.2.5 runs no execute hook for subscriptions, where the query's checks used to be: an
/// untrusted subscription ran in trusted-documents-only mode, over a WebSocket or SSE.
#[tokio::test]
async fn trusted_documents_only_covers_subscriptions_on_every_transport() {
    use crate::live::{connect, receive, send};
    let (_dir, path) = manifest(&[STOCK, SHELF]);
    let system = TestSystem::embedded_with(&[
        ("VITRINE_TRUSTED_DOCUMENTS", path.to_str().unwrap()),
        ("VITRINE_TRUSTED_DOCUMENTS_ONLY", "true"),
    ])
    .await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let stranger = "subscription($p: ID!) { stockChanged(productId: $p) { stock id } }";
    let subscribe = |id: &str, document: &str| json!({ "id": id, "type": "subscribe", "payload": { "query": document, "variables": { "p": product } } });
    let mut socket = connect(&system, None).await;
    // A trusted one first: what it leaves on the connection must not vouch for the next.
    send(&mut socket, subscribe("trusted", STOCK)).await;
    let first = receive(&mut socket).await;
    assert_eq!(first["id"], "trusted", "{first}");
    assert!(
        first["payload"]["data"]["stockChanged"]["stock"].is_number(),
        "{first}"
    );
    send(&mut socket, subscribe("stranger", stranger)).await;
    let refused = answer_to(&mut socket, "stranger").await;
    assert_eq!(
        error_codes(&refused["payload"]),
        vec!["TRUSTED_DOCUMENT_REQUIRED"],
        "{refused}"
    );
    assert!(refused["payload"]["data"].is_null(), "{refused}");
    // A query on the same connection, after the trusted subscription.
    send(&mut socket, json!({ "id": "query", "type": "subscribe", "payload": { "query": "{ products(first: 1) { name } }" } })).await;
    let query = answer_to(&mut socket, "query").await;
    assert_eq!(
        error_codes(&query["payload"]),
        vec!["TRUSTED_DOCUMENT_REQUIRED"],
        "{query}"
    );

    let body = json!({ "query": stranger, "variables": { "p": product } });
    refused_over_http_streams(&system, None, &body, 403, "TRUSTED_DOCUMENT_REQUIRED").await;
}

/// The next message for the operation `id` on `socket` (others' skipped).
async fn answer_to(socket: &mut crate::live::Socket, id: &str) -> Value {
    loop {
        let message = crate::live::receive(socket).await;
        if message["id"] == id {
            return message;
        }
    }
}

/// `body`, a subscription, is refused with `code` over a WebSocket (an error, no data), and
/// with `status` and `code` over HTTP streams ([`refused_over_http_streams`]).
async fn refused_on_every_transport(
    system: &TestSystem,
    token: Option<&str>,
    body: &Value,
    status: u16,
    code: &str,
) {
    use crate::live::{connect, send};
    let mut socket = connect(system, token).await;
    send(
        &mut socket,
        json!({ "id": "refused", "type": "subscribe", "payload": body }),
    )
    .await;
    let answer = answer_to(&mut socket, "refused").await;
    assert_eq!(error_codes(&answer["payload"]), vec![code], "{answer}");
    assert!(answer["payload"]["data"].is_null(), "{answer}");
    refused_over_http_streams(system, token, body, status, code).await;
}

/// `body`, a subscription, sent over HTTP by a client taking streams, is refused with `status`
/// and `code` as JSON, whether it also takes JSON or only `text/event-stream` or
/// `multipart/mixed` (Hive 0.2.5 puts no single answer into a stream: such a client got an
/// event with `UNSUPPORTED_CONTENT_TYPE` and a 200 instead).
async fn refused_over_http_streams(
    system: &TestSystem,
    token: Option<&str>,
    body: &Value,
    status: u16,
    code: &str,
) {
    let post = |accept: &'static str| {
        let request = system
            .request(reqwest::Method::POST, "/graphql")
            .header("accept", accept)
            .json(body);
        let request = match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let text = tokio::time::timeout(Duration::from_secs(10), response.text())
                .await
                .expect("a refusal, not a stream")
                .unwrap();
            (status, text)
        }
    };
    for accept in [
        "application/graphql-response+json, text/event-stream",
        "text/event-stream",
        "multipart/mixed",
    ] {
        let (answered, text) = post(accept).await;
        let json: Value =
            serde_json::from_str(&text).unwrap_or_else(|_| panic!("{accept}: {answered}: {text}"));
        assert_eq!(
            (answered, error_codes(&json)),
            (status, vec![code.to_string()]),
            "{accept}: {json}"
        );
        assert!(json["data"].is_null(), "{json}");
    }
}

/// Hive 0.2.5 runs a query or mutation for a client that accepts only streams, and only then
/// finds it cannot answer it: the client saw `UNSUPPORTED_CONTENT_TYPE`, but the mutation had
/// run (a retry ran it again). It is refused before it runs now; subscriptions still stream.
#[tokio::test]
async fn a_mutation_for_a_client_that_takes_only_streams_is_refused_before_it_runs() {
    let system = TestSystem::embedded().await;
    let (_, token, _) = system.register("streams-only").await;
    let add = json!({
        "query": "mutation($i: AddressInput!) { addAddress(input: $i) { id } }",
        "variables": { "i": { "label": "Home", "line1": "Abay 1", "city": "Almaty", "latitude": 43.24, "longitude": 76.91 } }
    });
    for accept in ["text/event-stream", "multipart/mixed"] {
        let response = system
            .request(reqwest::Method::POST, "/graphql")
            .header("accept", accept)
            .bearer_auth(&token)
            .json(&add)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap();
        assert_eq!(
            (status, error_codes(&body)),
            (406, vec!["BAD_REQUEST".to_string()]),
            "{accept}: {body}"
        );
    }
    let addresses = system
        .graphql_as(&token, "{ me { addresses { id } } }", json!({}))
        .await;
    assert_eq!(addresses["data"]["me"]["addresses"], json!([]), "{addresses}");
    // A client that takes JSON too is answered as before.
    let response = system
        .request(reqwest::Method::POST, "/graphql")
        .header("accept", "application/graphql-response+json, text/event-stream")
        .bearer_auth(&token)
        .json(&add)
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert!(body["data"]["addAddress"]["id"].is_string(), "{body}");
}

/// Over HTTP a bearer token that does not verify is 401 `UNAUTHENTICATED`; over a WebSocket
/// (the token in `connection_init`) and SSE, subscriptions ran anonymous with it instead.
#[tokio::test]
async fn a_token_that_does_not_verify_is_refused_for_subscriptions_too() {
    use crate::live::{connect, receive, send};
    let system = TestSystem::embedded().await;
    let product = vitrine_kit::demo::product_id("pizza-margherita");
    let watch = json!({ "query": STOCK, "variables": { "p": product } });
    refused_on_every_transport(&system, Some("not-a-jwt"), &watch, 401, "UNAUTHENTICATED").await;

    // Anonymous, the same subscription runs.
    let mut anonymous = connect(&system, None).await;
    send(
        &mut anonymous,
        json!({ "id": "1", "type": "subscribe", "payload": watch }),
    )
    .await;
    let answer = receive(&mut anonymous).await;
    assert!(
        answer["payload"]["data"]["stockChanged"]["stock"].is_number(),
        "{answer}"
    );
}

/// `vitrine router` alone, in front of subgraph processes, runs the same guard and limits.
#[tokio::test]
async fn the_router_alone_refuses_the_same() {
    let system = TestSystem::split().await;
    let body = format!(
        r#"{{"query":"query($v: [Int]) {{ __typename }}","variables":{{"v":{}1{}}}}}"#,
        "[".repeat(60),
        "]".repeat(60)
    );
    let (status, body) = refused_quickly(&system, body).await;
    assert_eq!(
        (status, error_codes(&body)),
        (400, vec!["BAD_USER_INPUT".to_string()]),
        "{body}"
    );
    let expensive =
        "{ products(first: 100) { offers { product { offers { product { offers { shop { name } } } } } } } }";
    let (_, body) = refused_quickly(&system, query(expensive)).await;
    assert_eq!(error_codes(&body), vec!["COST_ESTIMATED_TOO_EXPENSIVE"], "{body}");
    let response = system
        .request(reqwest::Method::POST, "/graphql")
        .bearer_auth("not-a-token")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    system.assert_still_serving().await;
}

/// A body declared over its limit is refused as soon as its headers arrive, and the connection
/// closes. Hive waited for some of the body first, so a client that declared 300 KB and sent a
/// few bytes held its connection for the request timeout (10 s) and then got a 504; uploads
/// (multipart, 5 MiB) waited for the idle limit (10 s, 408). And after any answer sent without
/// reading a declared body (a refusal, a page, /metrics), ntex kept the connection open,
/// waiting for the rest of the body.
#[tokio::test]
async fn a_body_nobody_reads_is_answered_at_once_and_closes_its_connection() {
    let system = TestSystem::embedded().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let address = system.router_url.trim_start_matches("http://").to_string();
    let signed_in = format!("Authorization: Bearer {seller}\r\napollo-require-preflight: true\r\n");
    const JSON: &str = "application/json";
    const MULTIPART: &str = "multipart/form-data; boundary=b";
    // The last two declare bodies within the limit, refused for something else before they are
    // read: the connection must close after those too.
    let cases = [
        (
            "/graphql",
            signed_in.as_str(),
            JSON,
            300_000,
            "413",
            "PAYLOAD_TOO_LARGE_CONTENT_LENGTH",
        ),
        (
            "/graphql",
            &signed_in,
            MULTIPART,
            6_000_000,
            "413",
            "BAD_USER_INPUT",
        ),
        ("/graphql/x", &signed_in, JSON, 1_000, "404", "NOT_FOUND"),
        ("/graphql", "", MULTIPART, 1_000, "400", "BAD_REQUEST"),
    ];
    for (path, headers, content_type, declared, status, code) in cases {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {address}\r\n{headers}Content-Type: {content_type}\r\n\
             Content-Length: {declared}\r\n\r\n{{\"query\":"
        );
        let (closed, answer) = send_and_read_until_closed(&address, &head).await;
        assert!(
            closed,
            "{content_type}: not answered and closed within 3 s, after {answer:?}"
        );
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{content_type}: {answer}"
        );
        assert!(answer.contains(code), "{content_type}: {answer}");
    }
    // Requests with no use for a body that declare one anyway: answered, and closed.
    for (method, path) in [
        ("GET", "/"),
        ("POST", "/metrics"),
        ("GET", "/graphql?query=%7B__typename%7D"),
    ] {
        let head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 1000\r\n\r\nab");
        let (closed, answer) = send_and_read_until_closed(&address, &head).await;
        assert!(closed, "{method} {path}: not closed within 3 s, after {answer:?}");
        assert!(answer.starts_with("HTTP/1.1 200"), "{method} {path}: {answer}");
    }
    system.assert_still_serving().await;
}

/// Sends `head` on a fresh connection to `address` and reads until the router closes it:
/// whether it did within 3 s, and what it answered.
async fn send_and_read_until_closed(address: &str, head: &str) -> (bool, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut socket = tokio::net::TcpStream::connect(address).await.unwrap();
    socket.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(3), socket.read_to_end(&mut answer)).await;
    (read.is_ok(), String::from_utf8_lossy(&answer).into_owned())
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused_unread() {
    let system = TestSystem::embedded().await;
    let body = query(&format!("{{ __typename }} # {}", "x".repeat(300 * 1024)));
    let response = system
        .request(reqwest::Method::POST, "/graphql")
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await;
    // Hive answers 413 and may close the connection before the client has sent it all.
    if let Ok(response) = response {
        assert_eq!(response.status(), 413);
    }
    system.assert_still_serving().await;
}
