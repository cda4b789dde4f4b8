//! The delivery quote (#19): before paying, the customer sees the delivery fee (by the route
//! from the shops to the address, free above a threshold) and a promised time (the kitchen's
//! queue, the soonest courier, the ride); checkout charges that fee and keeps the promise; the
//! order shows promise against reality, and a metric counts promises kept.

use crate::fulfillment::kitchen_offer;
use crate::helpers::{error_codes, TestSystem};
use crate::shopping::{assert_placed, eventually, plain_offer, stock, Shopper, MY_CART, SET_STATUS};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

const BASE_FEE: i64 = 59_000;
const PER_KM: i64 = 12_000;
const INCLUDED_M: i64 = 3_000;
const FREE_FROM: i64 = 2_000_000;

/// The fee rules, set here rather than taken from the defaults the other tests turn off.
const FEES: [(&str, &str); 5] = [
    ("VITRINE_DELIVERY_BASE_FEE", "59000"),
    ("VITRINE_DELIVERY_FEE_PER_KM", "12000"),
    ("VITRINE_DELIVERY_INCLUDED_M", "3000"),
    ("VITRINE_DELIVERY_FREE_FROM", "2000000"),
    ("VITRINE_DELIVERY_MAX_M", "25000"),
];

const QUOTE: &str = "query($a: ID!) { deliveryQuote(addressId: $a) { itemsTotal { amount } \
     deliveryFee { amount currency } total { amount } distanceMeters promisedAt } }";

const ORDER: &str = "query($id: ID!) { order(id: $id) { status total { amount } deliveryFee { amount } \
     promisedAt deliveredAt promiseKept payment { amount { amount } } } }";

fn time(value: &Value) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(value.as_str().unwrap_or_else(|| panic!("not a time: {value}")))
        .unwrap()
        .with_timezone(&Utc)
}

fn amount(value: &Value) -> i64 {
    value["amount"]
        .as_i64()
        .unwrap_or_else(|| panic!("no amount: {value}"))
}

/// The documented rule: the base covers 3 km, then each started kilometre.
fn expected_fee(distance_m: i64) -> i64 {
    let beyond = (distance_m - INCLUDED_M).max(0);
    BASE_FEE + (beyond + 999) / 1000 * PER_KM
}

async fn quote(system: &TestSystem, shopper: &Shopper, address_id: &str) -> Value {
    shopper.ask(system, QUOTE, json!({ "a": address_id })).await
}

#[tokio::test]
async fn checkout_charges_the_quoted_fee_and_keeps_the_promise() {
    let system = TestSystem::embedded_with(&FEES).await;
    let (pizza, price) = kitchen_offer("pizza");
    assert!(price < FREE_FROM, "a pizza must not travel free: {price}");
    let aliya = Shopper::new(&system, "aliya-quote", 20 * price).await;
    aliya.add(&system, &pizza, 1).await;

    let before = Utc::now();
    let quoted = quote(&system, &aliya, &aliya.address_id).await;
    assert!(quoted["errors"].is_null(), "{quoted}");
    let q = &quoted["data"]["deliveryQuote"];
    let distance = q["distanceMeters"].as_i64().unwrap();
    assert!(distance > 0, "{q}");
    let fee = amount(&q["deliveryFee"]);
    assert_eq!(fee, expected_fee(distance), "{q}");
    assert_eq!(q["deliveryFee"]["currency"], "KZT");
    assert_eq!(amount(&q["itemsTotal"]), price);
    assert_eq!(amount(&q["total"]), price + fee);
    let promised = time(&q["promisedAt"]);
    assert!(promised > before, "the promise is in the future: {q}");

    let placed = aliya.checkout_wallet(&system, "pizza-with-fee").await;
    assert_placed(&placed);
    let order_id = placed["data"]["checkout"]["id"].as_str().unwrap();
    let order = aliya.ask(&system, ORDER, json!({ "id": order_id })).await;
    let order = &order["data"]["order"];
    assert_eq!(amount(&order["deliveryFee"]), fee, "{order}");
    assert_eq!(amount(&order["total"]), price + fee, "{order}");
    assert_eq!(amount(&order["payment"]["amount"]), price + fee, "{order}");
    // Quoted again on the claimed cart a moment later: the same promise, give or take the
    // moment (nothing else is queued in this system).
    let kept = time(&order["promisedAt"]);
    let drift = (kept - promised).num_milliseconds().abs();
    assert!(drift < 2_000, "promised {promised}, kept {kept}");
    assert!(
        order["deliveredAt"].is_null() && order["promiseKept"].is_null(),
        "{order}"
    );
    let (balance, held) = aliya.wallet(&system).await;
    assert_eq!(balance, 20 * price, "held, not yet captured");
    assert_eq!(held, price + fee);

    // Goods worth the threshold travel free.
    let (phone, phone_price, _) = plain_offer(0);
    assert!(phone_price >= FREE_FROM, "{phone_price}");
    let timur = Shopper::new(&system, "timur-quote", 0).await;
    timur.add(&system, &phone, 1).await;
    let free = quote(&system, &timur, &timur.address_id).await;
    assert_eq!(amount(&free["data"]["deliveryQuote"]["deliveryFee"]), 0, "{free}");
    assert_eq!(
        amount(&free["data"]["deliveryQuote"]["total"]),
        phone_price,
        "{free}"
    );
}

#[tokio::test]
async fn an_address_outside_the_area_is_refused_before_and_at_checkout_and_nothing_is_kept() {
    let system = TestSystem::embedded_with(&FEES).await;
    let (pizza, price) = kitchen_offer("pizza");
    let dana = Shopper::new(&system, "dana-far", 10 * price).await;
    let add = "mutation { addAddress(input: { label: \"Dacha\", line1: \"Mangilik El 1\", \
               city: \"Astana\", latitude: 51.128, longitude: 71.430 }) { id } }";
    let astana = dana.ask(&system, add, json!({})).await;
    let astana = astana["data"]["addAddress"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{astana}"))
        .to_string();

    // Nothing to quote yet.
    let empty = quote(&system, &dana, &dana.address_id).await;
    assert_eq!(error_codes(&empty), vec!["BAD_USER_INPUT"], "{empty}");

    dana.add(&system, &pizza, 2).await;
    let units = stock(&system, &pizza).await;
    let far = quote(&system, &dana, &astana).await;
    assert_eq!(error_codes(&far), vec!["BAD_USER_INPUT"], "{far}");
    let message = far["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("outside our delivery area"), "{message}");

    // Someone else's address, and no address at all.
    let other = Shopper::new(&system, "other-far", 0).await;
    let theirs = quote(&system, &dana, &other.address_id).await;
    assert_eq!(error_codes(&theirs), vec!["NOT_FOUND"], "{theirs}");
    let anonymous = system.graphql(QUOTE, json!({ "a": dana.address_id })).await;
    assert_eq!(error_codes(&anonymous), vec!["UNAUTHENTICATED"], "{anonymous}");

    // Checkout to Astana fails with the same code; the cart, the stock and the money stay.
    let refused = dana
        .ask(
            &system,
            "mutation($i: CheckoutInput!) { checkout(input: $i) { id } }",
            json!({ "i": { "deliveryAddressId": astana, "paymentMethod": "WALLET", "idempotencyKey": "far" } }),
        )
        .await;
    assert_eq!(error_codes(&refused), vec!["BAD_USER_INPUT"], "{refused}");
    assert!(
        refused["errors"][0]["extensions"]["orderId"].is_string(),
        "{refused}"
    );
    let cart = eventually("the cart back", || async {
        let cart = dana.ask(&system, MY_CART, json!({})).await;
        (cart["data"]["myCart"]["status"] == "ACTIVE").then_some(cart)
    })
    .await;
    assert_eq!(cart["data"]["myCart"]["itemCount"], 2, "{cart}");
    assert_eq!(stock(&system, &pizza).await, units);
    assert_eq!(dana.wallet(&system).await, (10 * price, 0));

    // The quote's parts are for checkout only.
    let direct = dana
        .ask(
            &system,
            "{ prepEstimate(lines: [{ productId: \"x\" }]) { readyAt } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&direct), vec!["FORBIDDEN"], "{direct}");
    let terms = "{ deliveryTerms(input: { shopIds: [\"s\"], latitude: 43.2, longitude: 76.9, \
                 goodsTotal: 1, currency: KZT }) { promisedAt } }";
    let direct = dana.ask(&system, terms, json!({})).await;
    assert_eq!(error_codes(&direct), vec!["FORBIDDEN"], "{direct}");
}

#[tokio::test]
async fn a_delivered_order_shows_its_promise_against_reality_and_the_metric_counts_it() {
    // Slow enough that the kitchen and the staff's clicks fit well inside the promise.
    let system = TestSystem::embedded_with(&[FEES[0], FEES[1], ("VITRINE_TIME_SCALE", "100")]).await;
    let (pizza, price) = kitchen_offer("pizza");
    let erlan = Shopper::new(&system, "erlan-promise", 10 * price).await;
    let order_id = erlan.place_order(&system, &pizza, 1, "kept").await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    eventually("ready for delivery", || async {
        let order = erlan.ask(&system, ORDER, json!({ "id": order_id })).await;
        (order["data"]["order"]["status"] == "READY_FOR_DELIVERY").then_some(())
    })
    .await;
    for status in ["OUT_FOR_DELIVERY", "DELIVERED"] {
        let moved = system
            .graphql_as(&admin, SET_STATUS, json!({ "o": order_id, "s": status }))
            .await;
        assert!(moved["errors"].is_null(), "{moved}");
    }
    let order = erlan.ask(&system, ORDER, json!({ "id": order_id })).await;
    let order = &order["data"]["order"];
    let (promised, delivered) = (time(&order["promisedAt"]), time(&order["deliveredAt"]));
    assert!(delivered <= promised, "{order}");
    assert_eq!(order["promiseKept"], true, "{order}");
    assert_eq!(
        system
            .counter_where("vitrine_delivery_promises_total", "outcome", "kept")
            .await,
        1
    );
    assert_eq!(
        system
            .counter_where("vitrine_delivery_promises_total", "outcome", "late")
            .await,
        0
    );
}
