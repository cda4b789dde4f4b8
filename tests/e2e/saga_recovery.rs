//! A process killed between checkout steps: after a restart the saga finishes or compensates.

use crate::helpers::TestSystem;
use crate::shopping::{eventually, plain_offer, reservation_status, stock, Shopper, CHECKOUT};
use serde_json::{json, Value};

const CRASH_AFTER: &str = "VITRINE_FAULT_CRASH_AFTER_STEP";

/// Starts a checkout on a system set to abort after `step`; returns once the process died.
async fn checkout_into_a_crash(system: &mut TestSystem, shopper: &Shopper) {
    let sent = system
        .request(reqwest::Method::POST, "/graphql")
        .bearer_auth(&shopper.token)
        .json(&json!({ "query": CHECKOUT, "variables": { "i": {
            "deliveryAddressId": shopper.address_id, "paymentMethod": "WALLET", "idempotencyKey": "crash" } } }))
        .send()
        .await;
    if let Ok(response) = sent {
        panic!(
            "the process should have died mid-checkout: {}",
            response.text().await.unwrap_or_default()
        );
    }
    eventually("the process to exit", || {
        let running = system.all_running();
        async move { (!running).then_some(()) }
    })
    .await;
}

async fn the_only_order(system: &TestSystem, shopper: &Shopper) -> Value {
    eventually("the resumed saga to end", || async {
        let orders = shopper
            .ask(
                system,
                "{ myOrders { orders { id status failure { code } } } }",
                json!({}),
            )
            .await;
        let order = orders["data"]["myOrders"]["orders"][0].clone();
        (order["status"] != "PENDING" && !order.is_null()).then_some(order)
    })
    .await
}

#[tokio::test]
async fn a_crash_after_reserving_stock_is_finished_after_restart() {
    let mut system = TestSystem::embedded_with(&[(CRASH_AFTER, "RESERVE_STOCK")]).await;
    let (offer, price, units) = plain_offer(6);
    let fay = Shopper::new(&system, "fay-crash", 5 * price).await;
    fay.add(&system, &offer, 2).await;
    checkout_into_a_crash(&mut system, &fay).await;

    system.restart_embedded(&[]).await;
    let order = the_only_order(&system, &fay).await;
    assert!(crate::shopping::is_placed(&order["status"]), "{order}");
    let order_id = order["id"].as_str().unwrap().to_string();
    // CONFIRMED comes before the stock commit and the cart's completion: wait for both.
    eventually("the stock commit and a fresh cart", || async {
        let cart = fay.ask(&system, "{ myCart { itemCount } }", json!({})).await;
        let committed = reservation_status(&system, &order_id).await == "COMMITTED";
        (committed && cart["data"]["myCart"]["itemCount"] == 0).then_some(())
    })
    .await;
    assert_eq!(stock(&system, &offer).await, units - 2);
    assert_eq!(fay.wallet(&system).await, (5 * price, 2 * price));
    // A replay of the interrupted request now answers with the finished order.
    let replay = fay.checkout_wallet(&system, "crash").await;
    assert_eq!(replay["data"]["checkout"]["id"], order["id"], "{replay}");
}

#[tokio::test]
async fn a_crash_before_a_declined_payment_is_compensated_after_restart() {
    let mut system = TestSystem::embedded_with(&[(CRASH_AFTER, "RESERVE_STOCK")]).await;
    let (offer, price, units) = plain_offer(7);
    let gus = Shopper::new(&system, "gus-crash", price).await;
    gus.add(&system, &offer, 3).await;
    checkout_into_a_crash(&mut system, &gus).await;

    system.restart_embedded(&[]).await;
    let order = the_only_order(&system, &gus).await;
    assert_eq!(order["status"], "FAILED", "{order}");
    assert_eq!(order["failure"]["code"], "PAYMENT_DECLINED");
    assert_eq!(stock(&system, &offer).await, units, "the held units came back");
    assert_eq!(gus.wallet(&system).await, (price, 0), "no money moved");
    let order_id = order["id"].as_str().unwrap();
    assert_eq!(reservation_status(&system, order_id).await, "RELEASED");
    let cart = gus.ask(&system, "{ myCart { itemCount } }", json!({})).await;
    assert_eq!(cart["data"]["myCart"]["itemCount"], 3, "the cart is back: {cart}");
}
