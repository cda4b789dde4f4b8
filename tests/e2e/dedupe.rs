//! Inbound request deduplication (router.config.yaml, `traffic_shaping.router.dedupe`):
//! identical queries in flight at once run once, never across callers, never for mutations.

use crate::helpers::TestSystem;
use crate::shopping::{cheapest_offer, Shopper, ADD_TO_CART};
use serde_json::json;

const PAGE: &str = "{ searchProducts(first: 50) { edges { node { name offers { price { amount } stock shop { name } } } } } }";

/// A burst of one query: every client gets the whole answer, and fewer executions than
/// requests run (a joined request reports no SQL statements of its own).
#[tokio::test]
async fn a_burst_of_one_query_runs_fewer_times_than_it_is_asked() {
    let system = TestSystem::embedded().await;
    let burst = 20;
    let mut fewest_executions = usize::MAX;
    // A burst is sent at once, but two cores may still serve it in waves: the best of three.
    for _ in 0..3 {
        let answers =
            futures::future::join_all((0..burst).map(|_| system.sql_statements(None, PAGE, json!({})))).await;
        let first = &answers[0].0;
        assert!(first.get("errors").is_none(), "{first}");
        for (answer, _) in &answers {
            assert_eq!(answer, first, "every client gets the same, whole answer");
        }
        let executions = answers.iter().filter(|(_, counts)| !counts.is_empty()).count();
        fewest_executions = fewest_executions.min(executions);
    }
    assert!(
        fewest_executions < burst,
        "{fewest_executions} executions for {burst} identical requests"
    );
}

/// Two customers asking the same query at the same moment each get their own data, while
/// each one's identical requests do share (so sharing was on, and stopped at the caller).
#[tokio::test]
async fn different_callers_never_share_a_result() {
    let system = TestSystem::embedded().await;
    let (alice_id, alice, _) = system.register("dedupe-alice").await;
    let (bob_id, bob, _) = system.register("dedupe-bob").await;
    let mine = format!("{{ me {{ id }} {} }}", &PAGE[1..PAGE.len() - 1]);
    let mut fewest_executions = usize::MAX;
    for _ in 0..3 {
        let asks = (0..20).map(|n| {
            let (token, expected) = if n % 2 == 0 {
                (&alice, &alice_id)
            } else {
                (&bob, &bob_id)
            };
            let (system, mine) = (&system, &mine);
            async move {
                (
                    system.sql_statements(Some(token), mine, json!({})).await,
                    expected,
                )
            }
        });
        let answers = futures::future::join_all(asks).await;
        for ((answer, _), expected) in &answers {
            assert_eq!(answer["data"]["me"]["id"], json!(expected), "{answer}");
        }
        let executions = answers
            .iter()
            .filter(|((_, counts), _)| !counts.is_empty())
            .count();
        fewest_executions = fewest_executions.min(executions);
    }
    assert!(fewest_executions < 20, "requests of one caller were not shared");
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
