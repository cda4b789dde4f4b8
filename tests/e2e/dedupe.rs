//! Identical queries in flight at once share their subgraph fetches (the in-process executor's
//! `in_flight.rs`; Hive's inbound deduplication is off, see router.config.yaml): never across
//! callers, never for mutations. `vitrine_in_process_shared_total` counts the fetches that
//! joined one in flight.

use crate::helpers::TestSystem;
use crate::shopping::{cheapest_offer, Shopper, ADD_TO_CART};
use serde_json::json;

const PAGE: &str = "{ searchProducts(first: 50) { edges { node { name offers { price { amount } stock shop { name } } } } } }";

/// Subgraph fetches that joined an identical one in flight, so far.
async fn shared_fetches(system: &TestSystem) -> u64 {
    system.counter_total("vitrine_in_process_shared_total").await
}

/// A burst of one query: every client gets the whole answer, and some of its subgraph fetches
/// are answered by an identical one in flight rather than run again.
#[tokio::test]
async fn a_burst_of_one_query_shares_its_fetches() {
    let system = TestSystem::embedded().await;
    // A burst is sent at once, but two cores may still serve it in waves: up to three.
    for _ in 0..3 {
        let answers = futures::future::join_all((0..20).map(|_| system.graphql(PAGE, json!({})))).await;
        let first = &answers[0];
        assert!(first.get("errors").is_none(), "{first}");
        for answer in &answers {
            assert_eq!(answer, first, "every client gets the same, whole answer");
        }
        if shared_fetches(&system).await > 0 {
            return;
        }
    }
    panic!("no fetch of 60 identical requests was shared");
}

/// Two customers asking the same query at the same moment each get their own data, while
/// identical requests do share fetches (so sharing was on, and stopped at the caller).
#[tokio::test]
async fn different_callers_never_share_a_result() {
    let system = TestSystem::embedded().await;
    let (alice_id, alice, _) = system.register("dedupe-alice").await;
    let (bob_id, bob, _) = system.register("dedupe-bob").await;
    let mine = format!("{{ me {{ id }} {} }}", &PAGE[1..PAGE.len() - 1]);
    for _ in 0..3 {
        let asks = (0..20).map(|n| {
            let (token, expected) = if n % 2 == 0 {
                (&alice, &alice_id)
            } else {
                (&bob, &bob_id)
            };
            let (system, mine) = (&system, &mine);
            async move { (system.graphql_as(token, mine, json!({})).await, expected) }
        });
        for (answer, expected) in futures::future::join_all(asks).await {
            assert_eq!(answer["data"]["me"]["id"], json!(expected), "{answer}");
        }
        if shared_fetches(&system).await > 0 {
            return;
        }
    }
    panic!("requests of one caller were not shared");
}

/// Identical mutations at the same moment each run: five adds of one unit make five units.
#[tokio::test]
async fn identical_mutations_are_never_shared() {
    let system = TestSystem::embedded().await;
    let (offer, price) = cheapest_offer();
    let shopper = Shopper::new(&system, "dedupe-adder", 10 * price).await;
    let adds = (0..5).map(|_| shopper.ask(&system, ADD_TO_CART, json!({ "o": offer, "q": 1 })));
    for added in futures::future::join_all(adds).await {
        assert!(added.get("errors").is_none(), "{added}");
    }
    let cart = shopper.ask(&system, "{ myCart { itemCount } }", json!({})).await;
    assert_eq!(cart["data"]["myCart"]["itemCount"], 5, "{cart}");
}
