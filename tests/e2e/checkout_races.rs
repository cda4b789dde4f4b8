//! Checkout under contention: replays of one key, and more buyers than units.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::{eventually, plain_offer, stock, Shopper};
use futures::future::join_all;
use futures::StreamExt;
use serde_json::json;
use std::collections::{BTreeMap, HashSet};

#[tokio::test]
async fn fifty_parallel_replays_of_one_key_make_one_order_and_one_charge() {
    let system = TestSystem::embedded().await;
    let (offer, price, units) = plain_offer(4);
    let erin = Shopper::new(&system, "erin-replays", 10 * price).await;
    erin.add(&system, &offer, 1).await;

    let replies = join_all((0..50).map(|_| erin.checkout_wallet(&system, "same-key"))).await;
    let ids: HashSet<String> = replies
        .iter()
        .map(|r| {
            assert!(r["errors"].is_null(), "{r}");
            r["data"]["checkout"]["id"].as_str().unwrap().to_string()
        })
        .collect();
    assert_eq!(ids.len(), 1, "one order for one key");
    assert!(replies
        .iter()
        .all(|r| crate::shopping::is_placed(&r["data"]["checkout"]["status"])));
    assert_eq!(erin.wallet(&system).await, (10 * price, price), "one hold");
    assert_eq!(stock(&system, &offer).await, units - 1, "one unit sold");
    let orders = erin
        .ask(&system, "{ myOrders { orders { id } } }", json!({}))
        .await;
    assert_eq!(orders["data"]["myOrders"]["orders"].as_array().unwrap().len(), 1);

    let other_input = erin
        .ask(
            &system,
            crate::shopping::CHECKOUT,
            json!({ "i": { "deliveryAddressId": erin.address_id, "paymentMethod": "WALLET",
                          "idempotencyKey": "same-key", "note": "ring twice" } }),
        )
        .await;
    assert_eq!(error_codes(&other_input), vec!["CONFLICT"]);
}

#[tokio::test]
async fn two_hundred_buyers_for_one_hundred_units_make_exactly_one_hundred_orders() {
    // A race of 200 needs the cores: beside a split system starting up it timed out.
    let _alone = crate::helpers::machine_to_itself().await;
    // 200 sign-ups from 127.0.0.1 in a minute: far past the per-address sign-up limit.
    let system = TestSystem::embedded_with(&[("VITRINE_SIGNUP_LIMIT_PER_HOUR", "0")]).await;
    let (offer, price, _) = plain_offer(5);
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let set = system
        .graphql_as(
            &seller,
            "mutation($o: ID!) { updateOffer(offerId: $o, count: 100) { id } }",
            json!({ "o": offer }),
        )
        .await;
    assert!(set["errors"].is_null(), "{set}");
    eventually("inventory to hear of the new count", || async {
        (stock(&system, &offer).await == 100).then_some(())
    })
    .await;

    // Setting the buyers up is not the race: 25 at a time, so 200 sign-ups (password hashes,
    // SQLite writes) do not queue past the connection pool's timeout on a loaded machine.
    let buyers: Vec<Shopper> = futures::stream::iter(0..200)
        .map(|i| {
            let system = &system;
            let offer = &offer;
            async move {
                let buyer = Shopper::new(system, &format!("rush-{i}"), 2 * price).await;
                buyer.add(system, offer, 1).await;
                buyer
            }
        })
        .buffered(25)
        .collect()
        .await;
    let replies = join_all(buyers.iter().map(|b| b.checkout_wallet(&system, "rush"))).await;

    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for reply in &replies {
        let status = &reply["data"]["checkout"]["status"];
        let outcome = match status.as_str() {
            Some(_) if crate::shopping::is_placed(status) => "PLACED".to_string(),
            Some(status) => status.to_string(),
            None => error_codes(reply).join(","),
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    assert_eq!(
        outcomes,
        BTreeMap::from([("PLACED".to_string(), 100), ("OUT_OF_STOCK".to_string(), 100)]),
        "every unit sold once, every other buyer told why"
    );
    assert_eq!(stock(&system, &offer).await, 0);

    // Money reconciles to the unit: winners hold exactly the price, losers nothing.
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let mut held_total = 0;
    for (buyer, reply) in buyers.iter().zip(&replies) {
        let (balance, held) = buyer.wallet(&system).await;
        assert_eq!(balance, 2 * price);
        let won = crate::shopping::is_placed(&reply["data"]["checkout"]["status"]);
        assert_eq!(held, if won { price } else { 0 }, "{}", buyer.id);
        held_total += held;
        let audit = system
            .graphql_as(
                &admin,
                "query($c: ID!) { walletReconciliation(customerId: $c) { consistent } }",
                json!({ "c": buyer.id }),
            )
            .await;
        assert_eq!(audit["data"]["walletReconciliation"]["consistent"], true);
    }
    assert_eq!(held_total, 100 * price);
}
