//! The schema as the router calls it: a page of orders asking for their payments.

use super::{customer, system, wallet_terms};
use serde_json::{json, Value};
use vitrine_kit::identity::Identity;
use vitrine_kit::sql_tally::SqlTally;

#[tokio::test]
async fn a_page_of_orders_loads_its_payments_in_one_query() {
    use async_graphql::Request;
    let name = "payments_batch_test";
    let sys = system(name).await;
    let alice = customer("customer@vitrine.kz");
    sys.top_up(&alice, 100_000).await;
    for n in 0..10 {
        sys.processor
            .authorize(&format!("ord_b{n}"), wallet_terms(&alice, 100))
            .await
            .unwrap();
    }
    let representations: Vec<Value> = (0..10)
        .map(|n| json!({ "__typename": "Order", "id": format!("ord_b{n}") }))
        .collect();
    let query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { payment { status amount { amount } } } } }";
    let schema = crate::graphql::schema(Some(sys.processor.clone()));
    // Counted for this request alone, so the relay's polling beside it does not count.
    let tally = SqlTally::default();
    let response = tally
        .scope(
            schema.execute(
                Request::new(query)
                    .variables(async_graphql::Variables::from_json(
                        json!({ "r": representations }),
                    ))
                    .data(Identity::customer(&alice)),
            ),
        )
        .await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    assert_eq!(tally.counts()[name], 1, "one IN (…) query for ten orders");
    let data = response.data.into_json().unwrap();
    assert_eq!(data["_entities"][9]["payment"]["status"], "AUTHORIZED");

    let stranger = schema
        .execute(
            Request::new(query)
                .variables(async_graphql::Variables::from_json(
                    json!({ "r": [representations[0]] }),
                ))
                .data(Identity::customer(&customer("seller@vitrine.kz"))),
        )
        .await;
    let code = stranger.errors[0]
        .extensions
        .as_ref()
        .unwrap()
        .get("code")
        .cloned();
    assert_eq!(code, Some(async_graphql::Value::from("FORBIDDEN")));
}
