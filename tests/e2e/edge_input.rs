//! Hostile input at the edge, through the router: oversized lists and pages, control
//! characters, password guessing in parallel and in aliases, sign-up floods and webhooks aimed
//! at our own network; and bodies that are no request, at a subgraph's own endpoint. Each is
//! refused with its `extensions.code`, and the system keeps serving.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::plain_offer;
use futures::future::join_all;
use serde_json::{json, Value};

const LOGIN: &str = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }";
const REGISTER: &str = "mutation($i: RegisterInput!) { register(input: $i) { accessToken } }";

/// Every RATE_LIMITED error carries `retryAfter`, seconds within `window`.
fn assert_retry_after(response: &Value, window: i64) {
    for error in response["errors"].as_array().into_iter().flatten() {
        if error["extensions"]["code"] == "RATE_LIMITED" {
            let seconds = error["extensions"]["retryAfter"].as_i64().unwrap_or(-1);
            assert!((1..=window).contains(&seconds), "{error}");
        }
    }
}

fn count(codes: &[String], code: &str) -> usize {
    codes.iter().filter(|c| *c == code).count()
}

async fn sign_up(system: &TestSystem, email: &str) -> Value {
    let input = json!({ "i": { "email": email, "password": "correct horse 42", "name": "Edge" } });
    system.graphql(REGISTER, input).await
}

#[tokio::test]
async fn fifty_thousand_search_tags_are_bad_user_input_not_internal() {
    let system = TestSystem::embedded().await;
    let search = "query($t: [String!]) { searchProducts(tags: $t) { totalCount } }";
    // 5 000 never get past the router (no list in a request holds more than 1 000 items; 50 000
    // make a body over its size limit) …
    let many: Vec<String> = (0..5_000).map(|i| format!("t{i}")).collect();
    let (status, response) = system
        .post_raw(json!({ "query": search, "variables": { "t": many } }).to_string())
        .await;
    assert_eq!(
        (status, error_codes(&response)),
        (400, vec!["BAD_USER_INPUT".to_string()]),
        "{response}"
    );
    // … and the catalog's own cap answers the rest.
    let some: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
    let response = system.graphql(search, json!({ "t": some })).await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");
    assert_eq!(response["errors"][0]["message"], "tags: at most 20 items");
    let long = system.graphql(search, json!({ "t": ["x".repeat(65)] })).await;
    assert_eq!(error_codes(&long), vec!["BAD_USER_INPUT"], "{long}");
    let fine = system.graphql(search, json!({ "t": ["phone"] })).await;
    assert!(fine["data"]["searchProducts"]["totalCount"].is_i64(), "{fine}");
    system.assert_still_serving().await;
}

#[tokio::test]
async fn page_sizes_past_the_cap_or_negative_are_bad_user_input() {
    let system = TestSystem::embedded().await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let (offer, _, _) = plain_offer(0);
    let movements = "query($o: ID!, $n: Int!) { stockMovements(offerId: $o, first: $n) { delta } }";
    for first in [1_000_000, 101, 0, -1] {
        let response = system
            .graphql_as(&admin, movements, json!({ "o": offer, "n": first }))
            .await;
        assert_eq!(
            error_codes(&response),
            vec!["BAD_USER_INPUT"],
            "{first}: {response}"
        );
        assert_eq!(
            response["errors"][0]["message"],
            "first must be between 1 and 100"
        );
    }
    let fine = system
        .graphql_as(&admin, movements, json!({ "o": offer, "n": 100 }))
        .await;
    assert!(fine["data"]["stockMovements"].is_array(), "{fine}");
    for query in [
        "{ searchProducts(first: 1000000) { totalCount } }",
        "{ searchProducts(first: -5) { totalCount } }",
        "{ products(first: -1) { name } }",
        "{ lowStockOffers(first: 1000000) { id } }",
    ] {
        let response = system.graphql_as(&admin, query, json!({})).await;
        assert_eq!(
            error_codes(&response),
            vec!["BAD_USER_INPUT"],
            "{query}: {response}"
        );
    }
    system.assert_still_serving().await;
}

#[tokio::test]
async fn control_characters_in_stored_text_are_bad_user_input() {
    let system = TestSystem::embedded().await;
    let nul_name =
        json!({ "i": { "email": "nul@example.kz", "password": "correct horse 42", "name": "Ay\u{0}gul" } });
    let response = system.graphql(REGISTER, nul_name).await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");

    let (_, token, _) = system.register("edge-text").await;
    let add = "mutation($i: AddressInput!) { addAddress(input: $i) { id } }";
    let escape = json!({ "i": { "label": "Home", "line1": "Abay Ave 10\u{1b}[2J", "city": "Almaty", "latitude": 43.2, "longitude": 76.9 } });
    let response = system.graphql_as(&token, add, escape).await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");
    let newline = json!({ "i": { "label": "Home\r\nX-Injected: 1", "line1": "Abay Ave 10", "city": "Almaty", "latitude": 43.2, "longitude": 76.9 } });
    let response = system.graphql_as(&token, add, newline).await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");

    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let create = "mutation($i: ProductInput!) { createProduct(input: $i) { id } }";
    let categories = system.graphql("{ categories { id } }", json!({})).await;
    let category = categories["data"]["categories"][0]["id"].clone();
    let product = |name: &str, description: &str| {
        json!({ "i": { "name": name, "slug": format!("edge-{}", uuid::Uuid::new_v4().simple()),
            "description": description, "price": 1000, "categoryId": category } })
    };
    let response = system.graphql_as(&seller, create, product("Lamp\u{7}", "")).await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");
    let response = system
        .graphql_as(&seller, create, product("Lamp", "bright\u{0}"))
        .await;
    assert_eq!(error_codes(&response), vec!["BAD_USER_INPUT"], "{response}");
    // A description may span lines.
    let response = system
        .graphql_as(&seller, create, product("Lamp", "Bright.\n\tWarm."))
        .await;
    assert!(response["data"]["createProduct"]["id"].is_string(), "{response}");
    system.assert_still_serving().await;
}

#[tokio::test]
async fn thirty_parallel_wrong_passwords_get_at_most_five_checked() {
    let system = TestSystem::embedded().await;
    let email = format!("guessed-{}@example.kz", uuid::Uuid::new_v4().simple());
    assert!(sign_up(&system, &email).await["data"]["register"].is_object());
    let guesses =
        (0..30).map(|i| system.graphql(LOGIN, json!({ "e": email, "p": format!("guess number {i}") })));
    let responses = join_all(guesses).await;
    let codes: Vec<String> = responses.iter().flat_map(error_codes).collect();
    assert_eq!(codes.len(), 30, "{codes:?}");
    assert_eq!(count(&codes, "UNAUTHENTICATED"), 5, "{codes:?}");
    assert_eq!(count(&codes, "RATE_LIMITED"), 25, "{codes:?}");
    for response in &responses {
        assert_retry_after(response, 15 * 60);
    }
    // The right password waits too; another account from the same address does not.
    let right = system
        .graphql(LOGIN, json!({ "e": email, "p": "correct horse 42" }))
        .await;
    assert_eq!(error_codes(&right), vec!["RATE_LIMITED"], "{right}");
    system.login("customer@vitrine.kz", "customer-demo-2026").await;
    system.assert_still_serving().await;
}

#[tokio::test]
async fn aliased_logins_in_one_request_are_each_counted() {
    let system = TestSystem::embedded().await;
    let email = format!("aliased-{}@example.kz", uuid::Uuid::new_v4().simple());
    assert!(sign_up(&system, &email).await["data"]["register"].is_object());
    // 20 aliases: within the router's alias limit, four times the sign-in limit.
    let fields: String = (0..20)
        .map(|i| format!("a{i}: login(email: $e, password: \"guess number {i}\") {{ accessToken }} "))
        .collect();
    let response = system
        .graphql(
            &format!("mutation($e: String!) {{ {fields} }}"),
            json!({ "e": email }),
        )
        .await;
    let codes = error_codes(&response);
    assert_eq!(count(&codes, "UNAUTHENTICATED"), 5, "{response}");
    assert_eq!(count(&codes, "RATE_LIMITED"), 15, "{response}");
    assert_retry_after(&response, 15 * 60);
    system.assert_still_serving().await;
}

#[tokio::test]
async fn the_eleventh_sign_up_from_one_address_in_an_hour_is_rate_limited() {
    let system = TestSystem::embedded().await;
    let run = uuid::Uuid::new_v4().simple().to_string();
    for i in 0..10 {
        let response = sign_up(&system, &format!("flood-{i}-{run}@example.kz")).await;
        assert!(response["data"]["register"].is_object(), "{i}: {response}");
    }
    let eleventh = sign_up(&system, &format!("flood-10-{run}@example.kz")).await;
    assert_eq!(error_codes(&eleventh), vec!["RATE_LIMITED"], "{eleventh}");
    assert_retry_after(&eleventh, 3600);
    // Signing in is a different limit.
    system
        .login(&format!("flood-0-{run}@example.kz"), "correct horse 42")
        .await;
    system.assert_still_serving().await;
}

#[tokio::test]
async fn webhooks_to_loopback_or_metadata_addresses_are_refused_by_default() {
    let system = TestSystem::embedded().await;
    let (_, token, _) = system.register("edge-hooks").await;
    // Something listening on 127.0.0.1 that must never hear from Vitrine.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let register = "mutation($u: String!) { registerWebhook(url: $u) { secret } }";
    for url in [
        format!("http://127.0.0.1:{port}/hook"),
        format!("http://localhost:{port}/hook"),
        format!("http://[::ffff:7f00:1]:{port}/hook"),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        "http://10.0.0.7/hook".to_string(),
    ] {
        let response = system.graphql_as(&token, register, json!({ "u": url })).await;
        assert_eq!(
            error_codes(&response),
            vec!["BAD_USER_INPUT"],
            "{url}: {response}"
        );
    }
    let accepted = tokio::time::timeout(std::time::Duration::from_millis(200), listener.accept()).await;
    assert!(accepted.is_err(), "the listener on 127.0.0.1 was contacted");
    system.assert_still_serving().await;
}

/// A refusal names its input, cut to 300 characters: a 250 KB id echoed by 30 aliases made a
/// 7.5 MB answer to one request.
#[tokio::test]
async fn an_error_echoes_a_bounded_part_of_its_input() {
    let system = TestSystem::embedded().await;
    let aliases: String = (0..30)
        .map(|i| format!("a{i}: products(categoryId: $i) {{ name }} "))
        .collect();
    let body = json!({
        "query": format!("query($i: ID) {{ {aliases} }}"),
        "variables": { "i": "x".repeat(250_000) },
    });
    let (status, answer) = system.post_raw(body.to_string()).await;
    let errors = answer["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 30, "{status}");
    for error in errors {
        assert_eq!(error["extensions"]["code"], "NOT_FOUND", "{error}");
        assert!(
            error["message"].as_str().unwrap().chars().count() <= 301,
            "{error}"
        );
    }
    let size = answer.to_string().len();
    assert!(size < 32 * 1024, "{size} bytes answered");
}

/// A subgraph's own endpoint answers a body that is no GraphQL request (not JSON, nested past
/// serde_json's 128 levels) with a GraphQL error and a code, as the router does: it answered in
/// plain text, with the parse error's debug form.
#[tokio::test]
async fn a_subgraph_refuses_a_body_that_is_no_request_with_a_graphql_error() {
    let system = TestSystem::split().await;
    let catalog = &system.subgraph_urls["catalog"];
    let client = reqwest::Client::new();
    let deep = format!(
        r#"{{"query":"{{ __typename }}","variables":{{"v":{}1{}}}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    for body in [r#"{"query": "#.to_string(), deep] {
        let response = client
            .post(catalog)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 400);
        let answer: Value = response.json().await.expect("a JSON answer");
        assert_eq!(error_codes(&answer), vec!["BAD_USER_INPUT"], "{answer}");
    }
}
