//! Checkout through the router: the saga's happy paths, every refusal leaving nothing behind,
//! and the lifecycle that follows (cancel, deliver → capture, refund).

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::{
    assert_placed, eventually, plain_offer, reservation_status, stock, Shopper, ADD_CARD, MY_CART, SET_STATUS,
};
use serde_json::{json, Value};

#[tokio::test]
async fn wallet_checkout_confirms_then_delivery_captures_and_a_refund_returns_the_money() {
    let system = TestSystem::embedded().await;
    let (offer, price, units) = plain_offer(0);
    let alice = Shopper::new(&system, "alice-checkout", 10 * price).await;
    alice.add(&system, &offer, 2).await;

    let placed = alice.checkout_wallet(&system, "first").await;
    assert!(placed["errors"].is_null(), "{placed}");
    let order = &placed["data"]["checkout"];
    let order_id = order["id"].as_str().unwrap().to_string();
    assert_placed(&placed);
    assert_eq!(order["total"]["amount"], 2 * price);
    assert_eq!(
        order["lines"][0]["unitPrice"]["amount"], price,
        "the price paid is kept"
    );
    assert_eq!(order["payment"]["status"], "AUTHORIZED");
    assert_eq!(order["payment"]["method"], "WALLET");
    assert_eq!(
        alice.wallet(&system).await,
        (10 * price, 2 * price),
        "held, not taken"
    );
    assert_eq!(stock(&system, &offer).await, units - 2, "sold units left stock");
    assert_eq!(reservation_status(&system, &order_id).await, "COMMITTED");
    let cart = alice.ask(&system, MY_CART, json!({})).await;
    assert_eq!(cart["data"]["myCart"]["itemCount"], 0, "a fresh cart: {cart}");

    // Nothing to prepare: the kitchen passes it straight on. No courier is on duty in this
    // system, so staff move it the rest of the way by hand.
    eventually("READY_FOR_DELIVERY", || async {
        (alice.order(&system, &order_id).await["status"] == "READY_FOR_DELIVERY").then_some(())
    })
    .await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    for status in ["OUT_FOR_DELIVERY", "DELIVERED"] {
        let moved = system
            .graphql_as(&admin, SET_STATUS, json!({ "o": order_id, "s": status }))
            .await;
        assert_eq!(moved["data"]["updateOrderStatus"]["status"], status, "{moved}");
    }
    let captured = eventually("the capture", || async {
        let order = alice.order(&system, &order_id).await;
        (order["payment"]["status"] == "CAPTURED").then_some(order)
    })
    .await;
    let history: Vec<&str> = captured["statusHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        history,
        [
            "PENDING",
            "CONFIRMED",
            "READY_FOR_DELIVERY",
            "OUT_FOR_DELIVERY",
            "DELIVERED"
        ]
    );
    assert_eq!(alice.wallet(&system).await, (8 * price, 0), "captured once");

    let refund = system
        .graphql_as(
            &admin,
            "mutation($o: ID!) { refundPayment(orderId: $o, reason: \"damaged\", idempotencyKey: \"r1\") { status } }",
            json!({ "o": order_id }),
        )
        .await;
    assert_eq!(refund["data"]["refundPayment"]["status"], "REFUNDED", "{refund}");
    eventually("the REFUNDED status", || async {
        (alice.order(&system, &order_id).await["status"] == "REFUNDED").then_some(())
    })
    .await;
    assert_eq!(alice.wallet(&system).await, (10 * price, 0), "all money back");
}

#[tokio::test]
async fn card_checkout_keeps_only_brand_and_last_four_and_a_declined_card_undoes_everything() {
    let system = TestSystem::embedded().await;
    let (offer, price, units) = plain_offer(1);
    let bob = Shopper::new(&system, "bob-card", 0).await;
    let good = bob
        .ask(&system, ADD_CARD, json!({ "n": "4242 4242 4242 4242" }))
        .await;
    assert_eq!(good["data"]["addCard"]["last4"], "4242", "{good}");
    let good_id = good["data"]["addCard"]["id"].as_str().unwrap().to_string();
    let declined = bob
        .ask(&system, ADD_CARD, json!({ "n": "4000000000000002" }))
        .await;
    let declined_id = declined["data"]["addCard"]["id"].as_str().unwrap().to_string();

    bob.add(&system, &offer, 1).await;
    let refused = bob.checkout_card(&system, &declined_id, "declined").await;
    assert_eq!(error_codes(&refused), vec!["PAYMENT_DECLINED"], "{refused}");
    let failed_id = refused["errors"][0]["extensions"]["orderId"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(bob.order(&system, &failed_id).await["status"], "FAILED");
    assert_eq!(stock(&system, &offer).await, units, "the hold was released");
    assert_eq!(reservation_status(&system, &failed_id).await, "RELEASED");
    let cart = bob.ask(&system, MY_CART, json!({})).await;
    assert_eq!(cart["data"]["myCart"]["itemCount"], 1, "the cart is back: {cart}");
    let replay = bob.checkout_card(&system, &declined_id, "declined").await;
    assert_eq!(
        error_codes(&replay),
        vec!["PAYMENT_DECLINED"],
        "a replay answers the same"
    );

    let placed = bob.checkout_card(&system, &good_id, "good").await;
    assert_placed(&placed);
    let order_id = placed["data"]["checkout"]["id"].as_str().unwrap();
    let payment = bob
        .ask(
            &system,
            "query($id: ID!) { order(id: $id) { payment { method status amount { amount } card { brand last4 } } } }",
            json!({ "id": order_id }),
        )
        .await;
    let payment = &payment["data"]["order"]["payment"];
    assert_eq!(payment["card"]["brand"], "VISA", "{payment}");
    assert_eq!(payment["card"]["last4"], "4242");
    assert_eq!(payment["amount"]["amount"], price);
}

#[tokio::test]
async fn refused_checkouts_leave_no_order_no_hold_and_no_charge() {
    let system = TestSystem::embedded().await;
    let (offer, price, units) = plain_offer(2);
    let carol = Shopper::new(&system, "carol-refused", price / 2).await;

    let empty = carol.checkout_wallet(&system, "empty").await;
    assert_eq!(error_codes(&empty), vec!["BAD_USER_INPUT"], "empty cart: {empty}");

    carol.add(&system, &offer, 1).await;
    let nowhere = carol
        .ask(
            &system,
            crate::shopping::CHECKOUT,
            json!({ "i": { "deliveryAddressId": "adr_nope", "paymentMethod": "WALLET", "idempotencyKey": "nowhere" } }),
        )
        .await;
    assert_eq!(
        error_codes(&nowhere),
        vec!["NOT_FOUND"],
        "unknown address: {nowhere}"
    );

    let poor = carol.checkout_wallet(&system, "poor").await;
    assert_eq!(
        error_codes(&poor),
        vec!["PAYMENT_DECLINED"],
        "insufficient balance: {poor}"
    );
    assert_eq!(carol.wallet(&system).await, (price / 2, 0), "no money moved");
    assert_eq!(stock(&system, &offer).await, units, "no stock held");

    // The seller raises the price after Carol put the item in her cart: her cart is stale.
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let raised = system
        .graphql_as(
            &seller,
            "mutation($o: ID!, $p: Int!) { updateOffer(offerId: $o, price: $p) { price { amount } } }",
            json!({ "o": offer, "p": price + 100 }),
        )
        .await;
    assert!(raised["errors"].is_null(), "{raised}");
    carol
        .ask(
            &system,
            "mutation { topUpWallet(amount: 100000000, idempotencyKey: \"more\") { entry { id } } }",
            json!({}),
        )
        .await;
    let stale = carol.checkout_wallet(&system, "stale").await;
    assert_eq!(error_codes(&stale), vec!["CONFLICT"], "stale cart: {stale}");
    let accepted = carol
        .ask(
            &system,
            "mutation { acceptCartChanges { total { amount } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        accepted["data"]["acceptCartChanges"]["total"]["amount"],
        price + 100,
        "{accepted}"
    );
    let placed = carol.checkout_wallet(&system, "reviewed").await;
    assert_placed(&placed);

    let orders = carol
        .ask(
            &system,
            "{ myOrders { orders { status failure { code } } } }",
            json!({}),
        )
        .await;
    let statuses: Vec<Value> = orders["data"]["myOrders"]["orders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let status = if crate::shopping::is_placed(&o["status"]) {
                json!("PLACED")
            } else {
                o["status"].clone()
            };
            json!([status, o["failure"]["code"]])
        })
        .collect();
    assert_eq!(
        statuses,
        vec![
            json!(["PLACED", null]),
            json!(["FAILED", "CONFLICT"]),
            json!(["FAILED", "PAYMENT_DECLINED"]),
            json!(["FAILED", "BAD_USER_INPUT"]),
        ],
        "refusals are recorded as FAILED orders; an unknown address creates none"
    );
}

#[tokio::test]
async fn cancelling_before_pickup_voids_the_payment_and_restocks() {
    let system = TestSystem::embedded().await;
    let (offer, price, units) = plain_offer(3);
    let dan = Shopper::new(&system, "dan-cancel", 10 * price).await;
    dan.add(&system, &offer, 3).await;
    let placed = dan.checkout_wallet(&system, "c1").await;
    let order_id = placed["data"]["checkout"]["id"].as_str().unwrap().to_string();
    assert_eq!(stock(&system, &offer).await, units - 3);

    let cancel = "mutation($o: ID!) { cancelOrder(orderId: $o, reason: \"changed my mind\") { status } }";
    let cancelled = dan.ask(&system, cancel, json!({ "o": order_id })).await;
    assert_eq!(
        cancelled["data"]["cancelOrder"]["status"], "CANCELLED",
        "{cancelled}"
    );
    eventually("the void and the restock", || async {
        let order = dan.order(&system, &order_id).await;
        let restocked = stock(&system, &offer).await == units;
        (order["payment"]["status"] == "VOIDED" && restocked).then_some(())
    })
    .await;
    assert_eq!(dan.wallet(&system).await, (10 * price, 0));

    // Once the courier has it, the customer can no longer cancel.
    dan.add(&system, &offer, 1).await;
    let second = dan.checkout_wallet(&system, "c2").await;
    let second_id = second["data"]["checkout"]["id"].as_str().unwrap().to_string();
    eventually("READY_FOR_DELIVERY", || async {
        (dan.order(&system, &second_id).await["status"] == "READY_FOR_DELIVERY").then_some(())
    })
    .await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let out = system
        .graphql_as(
            &admin,
            SET_STATUS,
            json!({ "o": second_id, "s": "OUT_FOR_DELIVERY" }),
        )
        .await;
    assert_eq!(
        out["data"]["updateOrderStatus"]["status"], "OUT_FOR_DELIVERY",
        "{out}"
    );
    let late = dan.ask(&system, cancel, json!({ "o": second_id })).await;
    assert_eq!(error_codes(&late), vec!["CONFLICT"]);
    let kitchen = system.login("kitchen@vitrine.kz", "kitchen-demo-2026").await;
    let kitchen_delivers = system
        .graphql_as(&kitchen, SET_STATUS, json!({ "o": second_id, "s": "DELIVERED" }))
        .await;
    assert_eq!(
        error_codes(&kitchen_delivers),
        vec!["FORBIDDEN"],
        "kitchen cannot deliver"
    );
    let stranger = Shopper::new(&system, "stranger", 0).await;
    let peek = stranger
        .ask(&system, crate::shopping::ORDER, json!({ "id": second_id }))
        .await;
    assert_eq!(error_codes(&peek), vec!["FORBIDDEN"], "{peek}");
}

#[tokio::test]
async fn a_guest_cart_merges_on_sign_in_and_a_promo_code_discounts_the_order() {
    let system = TestSystem::embedded().await;
    let (offer, price) = crate::shopping::cheapest_offer();
    let started = system
        .graphql(
            "mutation { startGuestCart { token cart { itemCount } } }",
            json!({}),
        )
        .await;
    let token = started["data"]["startGuestCart"]["token"]
        .as_str()
        .unwrap()
        .to_string();
    let guest_add = system
        .graphql(
            "mutation($o: ID!, $t: String) { addToCart(offerId: $o, quantity: 2, guestToken: $t) { itemCount } }",
            json!({ "o": offer, "t": token }),
        )
        .await;
    assert_eq!(guest_add["data"]["addToCart"]["itemCount"], 2, "{guest_add}");

    let hana = Shopper::new(&system, "hana-guest", 10 * price).await;
    let merged = hana
        .ask(
            &system,
            "mutation($t: String!) { mergeGuestCart(guestToken: $t) { itemCount } }",
            json!({ "t": token }),
        )
        .await;
    assert_eq!(merged["data"]["mergeGuestCart"]["itemCount"], 2, "{merged}");
    let promo = hana
        .ask(
            &system,
            "mutation { applyPromoCode(code: \"welcome10\") { subtotal { amount } discount { amount } total { amount } } }",
            json!({}),
        )
        .await;
    let discount = (2 * price) / 10;
    assert_eq!(
        promo["data"]["applyPromoCode"]["discount"]["amount"], discount,
        "{promo}"
    );
    let expired = hana
        .ask(
            &system,
            "mutation { applyPromoCode(code: \"EXPIRED5\") { total { amount } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&expired), vec!["BAD_USER_INPUT"]);

    // The cart through federation, beside accounts' own fields.
    let me = hana
        .ask(
            &system,
            "{ me { email cart { itemCount promoCode total { amount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        me["data"]["me"]["cart"]["total"]["amount"],
        2 * price - discount,
        "{me}"
    );

    let placed = hana.checkout_wallet(&system, "promo").await;
    let order = &placed["data"]["checkout"];
    assert_eq!(order["total"]["amount"], 2 * price - discount, "{placed}");
    assert_eq!(hana.wallet(&system).await, (10 * price, 2 * price - discount));
    let history = hana
        .ask(
            &system,
            "{ me { orders { id total { amount } } } myPayments { payments { orderId status amount { amount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(history["data"]["me"]["orders"][0]["id"], order["id"], "{history}");
    assert_eq!(
        history["data"]["myPayments"]["payments"][0]["orderId"],
        order["id"]
    );
    assert_eq!(
        history["data"]["myPayments"]["payments"][0]["status"],
        "AUTHORIZED"
    );
}

#[tokio::test]
async fn a_card_that_fails_transiently_is_retried_and_goes_through() {
    let system = TestSystem::embedded().await;
    let (offer, _) = crate::shopping::cheapest_offer();
    let ivan = Shopper::new(&system, "ivan-flaky", 0).await;
    let card = ivan
        .ask(&system, ADD_CARD, json!({ "n": "4000000000000119" }))
        .await;
    let card_id = card["data"]["addCard"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{card}"))
        .to_string();
    ivan.add(&system, &offer, 1).await;
    let placed = ivan.checkout_card(&system, &card_id, "flaky").await;
    assert_placed(&placed);
    assert_eq!(placed["data"]["checkout"]["payment"]["status"], "AUTHORIZED");
    let bad = ivan
        .ask(&system, ADD_CARD, json!({ "n": "4242424242424241" }))
        .await;
    assert_eq!(error_codes(&bad), vec!["BAD_USER_INPUT"], "Luhn: {bad}");
}
