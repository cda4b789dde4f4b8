//! Identical work in flight at the same moment runs once, at two levels, never across callers
//! and never for mutations:
//! - whole queries, by the router's `vitrine_dedupe` plugin (`vitrine_requests_shared_total`);
//! - subgraph fetches of different requests that plan to the same fetch, by the in-process
//!   executor's `in_flight.rs` (`vitrine_in_process_shared_total`).

use crate::helpers::TestSystem;
use crate::shopping::{cheapest_offer, Shopper};
use serde_json::{json, Value};

const PAGE: &str = "{ searchProducts(first: 50) { edges { node { name offers { price { amount } stock shop { name } } } } } }";

/// Queries answered with an identical one's response, so far.
async fn shared_requests(system: &TestSystem) -> u64 {
    system.counter("vitrine_requests_shared_total").await
}

/// Subgraph fetches that joined an identical one in flight, so far.
async fn shared_fetches(system: &TestSystem) -> u64 {
    system.counter_total("vitrine_in_process_shared_total").await
}

/// `query` in a body of its own: `n` trailing spaces make another request with the same
/// subgraph fetches.
fn respaced(query: &str, n: usize) -> String {
    format!("{query}{}", " ".repeat(n))
}

/// A burst of one query: every client gets the whole answer, and some are answered with an
/// identical request's response rather than run again.
#[tokio::test]
async fn a_burst_of_one_query_runs_it_once_for_several_clients() {
    let system = TestSystem::embedded().await;
    // A burst is sent at once, but two cores may still serve it in waves: up to three.
    for _ in 0..3 {
        let answers = futures::future::join_all((0..20).map(|_| system.graphql(PAGE, json!({})))).await;
        let first = &answers[0];
        assert!(first.get("errors").is_none(), "{first}");
        for answer in &answers {
            assert_eq!(answer, first, "every client gets the same, whole answer");
        }
        if shared_requests(&system).await > 0 {
            return;
        }
    }
    panic!("no request of 60 identical ones was answered by another");
}

/// Requests that differ (here by whitespace) are never answered by one another, but their
/// identical subgraph fetches are shared.
#[tokio::test]
async fn different_requests_share_identical_fetches_not_responses() {
    let system = TestSystem::embedded().await;
    for round in 0..3 {
        let asks = (0..20).map(|n| {
            let (system, query) = (&system, respaced(PAGE, round * 20 + n));
            async move { system.graphql(&query, json!({})).await }
        });
        let answers = futures::future::join_all(asks).await;
        let first = &answers[0];
        assert!(first.get("errors").is_none(), "{first}");
        for answer in &answers {
            assert_eq!(answer, first);
        }
        assert_eq!(
            shared_requests(&system).await,
            0,
            "the bodies differ: no response is shared"
        );
        if shared_fetches(&system).await > 0 {
            return;
        }
    }
    panic!("no fetch of 60 requests for the same data was shared");
}

/// Two customers asking the same query at the same moment each get their own data, while one
/// customer's identical requests do share: sharing was on, and stopped at the caller. Then the
/// same for fetches, with requests that differ so that only fetches can be shared.
#[tokio::test]
async fn different_callers_never_share_a_result() {
    let system = TestSystem::embedded().await;
    let (alice_id, alice, _) = system.register("dedupe-alice").await;
    let (bob_id, bob, _) = system.register("dedupe-bob").await;
    let mine = format!("{{ me {{ id }} {} }}", &PAGE[1..PAGE.len() - 1]);
    let burst = |spaces: fn(usize) -> usize| {
        let (system, mine) = (&system, &mine);
        let (alice, bob, alice_id, bob_id) = (&alice, &bob, &alice_id, &bob_id);
        async move {
            let asks = (0..20).map(|n| {
                let (token, expected) = if n % 2 == 0 {
                    (alice, alice_id)
                } else {
                    (bob, bob_id)
                };
                let query = respaced(mine, spaces(n));
                async move { (system.graphql_as(token, &query, json!({})).await, expected) }
            });
            for (answer, expected) in futures::future::join_all(asks).await {
                assert_eq!(answer["data"]["me"]["id"], json!(expected), "{answer}");
            }
        }
    };
    let identical = async {
        for _ in 0..3 {
            burst(|_| 0).await;
            if shared_requests(&system).await > 0 {
                return true;
            }
        }
        false
    };
    assert!(identical.await, "one caller's identical requests were not shared");
    let distinct = async {
        for _ in 0..3 {
            burst(|n| n).await;
            if shared_fetches(&system).await > 0 {
                return true;
            }
        }
        false
    };
    assert!(distinct.await, "one caller's identical fetches were not shared");
}

/// A mutation never shares, neither with an identical mutation nor with a query of the same
/// document in flight: five adds of one unit beside five reads make five units, and each add
/// answers with its own result.
#[tokio::test]
async fn mutations_are_never_shared() {
    let system = TestSystem::embedded().await;
    let (offer, price) = cheapest_offer();
    let shopper = Shopper::new(&system, "dedupe-adder", 10 * price).await;
    let document = "query Count { myCart { itemCount } } \
                    mutation Add($o: ID!, $q: Int!) { addToCart(offerId: $o, quantity: $q) { itemCount } }";
    let body = |operation: &str| json!({ "query": document, "operationName": operation, "variables": { "o": offer, "q": 1 } });
    let send = |body: Value| {
        let request = system
            .request(reqwest::Method::POST, "/graphql")
            .bearer_auth(&shopper.token)
            .json(&body);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let shared_before = shared_requests(&system).await;
    let adds = futures::future::join_all((0..5).map(|_| send(body("Add"))));
    let reads = futures::future::join_all((0..5).map(|_| send(body("Count"))));
    let (adds, reads) = futures::join!(adds, reads);
    for added in &adds {
        assert!(added.get("errors").is_none(), "{added}");
        assert!(
            added["data"]["addToCart"]["itemCount"].is_i64(),
            "an add's own answer: {added}"
        );
    }
    for read in &reads {
        assert!(
            read["data"]["myCart"]["itemCount"].is_i64(),
            "a read's own answer: {read}"
        );
    }
    let cart = shopper.ask(&system, "{ myCart { itemCount } }", json!({})).await;
    assert_eq!(cart["data"]["myCart"]["itemCount"], 5, "{cart}");
    // Only the reads may have shared.
    assert!(shared_requests(&system).await - shared_before <= 4);
}
