//! The schema as the router calls it: a page of orders asking for their payments.

use super::{card_terms, customer, system, wallet_terms};
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

/// `data` of `query` run by `who`, or the first error's `extensions.code`.
async fn run(sys: &super::System, who: Identity, query: &str) -> Result<Value, String> {
    let schema = crate::graphql::schema(Some(sys.processor.clone()));
    vitrine_kit::testkit::run_as(&schema, &who, query, json!({})).await
}

#[tokio::test]
async fn finance_lists_every_payment_with_filters_and_totals_per_day_and_method() {
    let today = chrono::Utc::now().date_naive();
    let sys = system("payments_finance_test").await;
    let alice = customer("customer@vitrine.kz");
    let bob = customer("seller@vitrine.kz");
    sys.top_up(&alice, 100_000).await;
    sys.top_up(&bob, 100_000).await;
    let card = sys.card(&bob, "4242424242424242").await;
    sys.processor
        .authorize("ord_f1", wallet_terms(&alice, 1_000))
        .await
        .unwrap();
    sys.processor
        .authorize("ord_f2", wallet_terms(&alice, 2_000))
        .await
        .unwrap();
    sys.processor
        .authorize("ord_f3", card_terms(&bob, &card, 4_000))
        .await
        .unwrap();
    sys.processor.capture("ord_f1").await.unwrap();
    sys.processor
        .refund("ord_f1", Some(300), "cold pizza", "rf-1")
        .await
        .unwrap();
    sys.processor.capture("ord_f3").await.unwrap();
    sys.processor.void("ord_f2").await.unwrap();
    let admin = Identity::new("cus_admin", vec![vitrine_kit::identity::Role::Admin]);

    let wallet = run(
        &sys,
        admin.clone(),
        "{ payments(method: WALLET) { payments { orderId status } nextCursor } }",
    )
    .await
    .unwrap();
    let orders: Vec<&str> = wallet["payments"]["payments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["orderId"].as_str().unwrap())
        .collect();
    assert_eq!(orders, ["ord_f2", "ord_f1"], "newest first, cards left out");
    let page = run(
        &sys,
        admin.clone(),
        "{ payments(first: 2) { payments { orderId } nextCursor } }",
    )
    .await
    .unwrap();
    let next = page["payments"]["nextCursor"].as_str().unwrap().to_string();
    let rest = run(
        &sys,
        admin.clone(),
        &format!(r#"{{ payments(first: 2, after: "{next}") {{ payments {{ orderId }} nextCursor }} }}"#),
    )
    .await
    .unwrap();
    assert_eq!(rest["payments"]["payments"][0]["orderId"], "ord_f1");
    assert_eq!(rest["payments"]["nextCursor"], Value::Null);
    let bobs = run(
        &sys,
        admin.clone(),
        &format!(r#"{{ payments(customerId: "{bob}", status: CAPTURED) {{ payments {{ orderId }} }} }}"#),
    )
    .await
    .unwrap();
    assert_eq!(bobs["payments"]["payments"], json!([{ "orderId": "ord_f3" }]));

    let from = format!("{today}T00:00:00Z");
    let to = format!("{}T00:00:00Z", today.succ_opt().unwrap());
    let totals = run(
        &sys,
        admin.clone(),
        &format!(
            r#"{{ paymentTotals(from: "{from}", to: "{to}") {{ day method count authorized {{ amount }} captured {{ amount }} refunded {{ amount }} net {{ amount currency }} }} }}"#
        ),
    )
    .await
    .unwrap();
    let day = today.to_string();
    assert_eq!(
        totals["paymentTotals"],
        json!([
            { "day": day, "method": "CARD", "count": 1, "authorized": { "amount": 4000 }, "captured": { "amount": 4000 },
              "refunded": { "amount": 0 }, "net": { "amount": 4000, "currency": "KZT" } },
            { "day": day, "method": "WALLET", "count": 2, "authorized": { "amount": 1000 }, "captured": { "amount": 1000 },
              "refunded": { "amount": 300 }, "net": { "amount": 700, "currency": "KZT" } },
        ])
    );

    let list = "{ payments { payments { id } } }";
    assert_eq!(
        run(&sys, Identity::customer(&alice), list).await,
        Err("FORBIDDEN".into())
    );
    let backwards = format!(r#"{{ paymentTotals(from: "{to}", to: "{from}") {{ day }} }}"#);
    assert_eq!(
        run(&sys, admin.clone(), &backwards).await,
        Err("BAD_USER_INPUT".into())
    );
    let too_long = r#"{ paymentTotals(from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { day } }"#;
    assert_eq!(run(&sys, admin, too_long).await, Err("BAD_USER_INPUT".into()));
}
