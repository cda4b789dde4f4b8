//! Carts through the schema: the shopping rules, promo codes, the checkout claim, guest carts,
//! peer batching and concurrency.

use super::*;

#[tokio::test]
async fn a_customer_fills_a_cart_within_the_rules() {
    let system = system().await;
    system.world.set("ofr_a", 100_000, true, 5);
    system.world.set("ofr_off", 1_000, false, 5);
    let alice = customer("cus_alice");

    let (code, _) = system
        .refused(&Identity::anonymous(), "{ myCart { id } }", json!({}))
        .await;
    assert_eq!(code, ErrorCode::Unauthenticated);
    let empty = system.my_cart(&alice).await;
    assert_eq!(empty["status"], "ACTIVE");
    assert_eq!(empty["itemCount"], 0);
    assert_eq!(empty["total"]["amount"], 0);
    assert_eq!(empty["subtotal"]["currency"], "KZT");
    assert_eq!(system.my_cart(&alice).await["id"], empty["id"], "one open cart");

    system.add(&alice, "ofr_a", 2).await.unwrap();
    let cart = system.add(&alice, "ofr_a", 1).await.unwrap();
    assert_eq!(cart["itemCount"], 3, "quantities add up: {cart}");
    assert_eq!(cart["subtotal"]["amount"], 300_000);
    assert_eq!(cart["lines"][0]["product"]["id"], "prd_ofr_a");
    assert_eq!(cart["lines"][0]["available"], 5);
    assert_eq!(cart["warnings"], json!([]));

    assert_eq!(
        code_of(system.add(&alice, "ofr_a", 3).await),
        ErrorCode::OutOfStock
    );
    assert_eq!(
        code_of(system.add(&alice, "ofr_nope", 1).await),
        ErrorCode::NotFound
    );
    assert_eq!(
        code_of(system.add(&alice, "ofr_off", 1).await),
        ErrorCode::BadUserInput
    );
    assert_eq!(
        code_of(system.add(&alice, "ofr_a", 0).await),
        ErrorCode::BadUserInput
    );
    assert_eq!(
        code_of(system.add(&alice, "ofr_a", 100).await),
        ErrorCode::BadUserInput
    );

    let set = "mutation($o: ID!, $q: Int!) { setCartLineQuantity(offerId: $o, quantity: $q) { itemCount } }";
    let fewer = system.ok(&alice, set, json!({ "o": "ofr_a", "q": 1 })).await;
    assert_eq!(fewer["setCartLineQuantity"]["itemCount"], 1);
    let (code, _) = system.refused(&alice, set, json!({ "o": "ofr_a", "q": 6 })).await;
    assert_eq!(code, ErrorCode::OutOfStock);
    let gone = system.ok(&alice, set, json!({ "o": "ofr_a", "q": 0 })).await;
    assert_eq!(gone["setCartLineQuantity"]["itemCount"], 0);
}

#[tokio::test]
async fn promo_codes_apply_only_when_they_give_something() {
    let system = system().await;
    system.world.set("ofr_a", 100_000, true, 50);
    let bob = customer("cus_bob");
    system.add(&bob, "ofr_a", 2).await.unwrap();

    assert_eq!(code_of(system.apply(&bob, "NOPE").await), ErrorCode::NotFound);
    let (code, message) = system
        .refused(
            &bob,
            "mutation { applyPromoCode(code: \"expired5\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        (code, message.as_str()),
        (
            ErrorCode::BadUserInput,
            "promo code EXPIRED5 expired on 2025-01-01"
        )
    );
    let (code, message) = system
        .refused(
            &bob,
            "mutation { applyPromoCode(code: \"SAVE500\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(code, ErrorCode::BadUserInput);
    assert!(message.contains("at least ₸5\u{a0}000"), "{message}");

    let cart = system.apply(&bob, " welcome10 ").await.unwrap();
    assert_eq!(cart["promoCode"], "WELCOME10");
    assert_eq!(
        (
            cart["subtotal"]["amount"].clone(),
            cart["discount"]["amount"].clone()
        ),
        (json!(200_000), json!(20_000))
    );
    assert_eq!(cart["total"]["amount"], 180_000);

    system.add(&bob, "ofr_a", 3).await.unwrap();
    let cart = system.apply(&bob, "SAVE500").await.unwrap();
    assert_eq!(cart["discount"]["amount"], 50_000, "{cart}");
    // The subtotal drops below the minimum: the code stays but gives nothing, and says so.
    let set = format!("mutation {{ setCartLineQuantity(offerId: \"ofr_a\", quantity: 1) {{ {CART} }} }}");
    let cart = system.ok(&bob, &set, json!({})).await["setCartLineQuantity"].clone();
    assert_eq!(cart["discount"]["amount"], 0);
    assert_eq!(cart["warnings"][0]["kind"], "PROMO_NOT_APPLICABLE", "{cart}");
    let removed = system
        .ok(
            &bob,
            "mutation { removePromoCode { promoCode warnings { kind } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        removed["removePromoCode"],
        json!({ "promoCode": null, "warnings": [] })
    );

    let create = "mutation($i: CreatePromoCodeInput!) { createPromoCode(input: $i) { code kind value minTotal { amount currency } usageLimit usedCount } }";
    let input = json!({ "i": { "code": "once", "kind": "FIXED", "value": 1000, "usageLimit": 1 } });
    let (code, _) = system.refused(&bob, create, input.clone()).await;
    assert_eq!(code, ErrorCode::Forbidden);
    let created = system.ok(&admin(), create, input.clone()).await;
    assert_eq!(
        created["createPromoCode"],
        json!({ "code": "ONCE", "kind": "FIXED", "value": 1000, "minTotal": { "amount": 0, "currency": "KZT" }, "usageLimit": 1, "usedCount": 0 })
    );
    assert_eq!(
        system.refused(&admin(), create, input).await.0,
        ErrorCode::Conflict
    );
    let bad = json!({ "i": { "code": "pct", "kind": "PERCENT", "value": 150 } });
    assert_eq!(
        system.refused(&admin(), create, bad).await.0,
        ErrorCode::BadUserInput
    );
}

#[tokio::test]
async fn a_claim_freezes_the_cart_until_the_order_completes_or_is_released() {
    let system = system().await;
    system.world.set("ofr_a", 100_000, true, 10);
    system.world.set("ofr_b", 2_500, true, 10);
    let carol = customer("cus_carol");
    let dave = customer("cus_dave");

    assert_eq!(
        code_of(system.claim("cus_carol", "ord_0").await),
        ErrorCode::BadUserInput,
        "no cart yet"
    );
    system.add(&carol, "ofr_a", 1).await.unwrap();
    system.add(&carol, "ofr_b", 2).await.unwrap();
    let create = "mutation { createPromoCode(input: { code: \"ONCE\", kind: PERCENT, value: 50, usageLimit: 1 }) { code } }";
    system.ok(&admin(), create, json!({})).await;
    system.apply(&carol, "once").await.unwrap();
    system.add(&dave, "ofr_b", 1).await.unwrap();
    system.apply(&dave, "once").await.unwrap();

    // A customer cannot claim; a price change must be reviewed first.
    let forbidden = system
        .peers
        .call_unchecked::<Value>(
            "cart",
            &carol,
            "mutation { claimCart(customerId: \"cus_carol\", orderId: \"x\") { orderId } }",
            json!({}),
        )
        .await;
    assert_eq!(code_of(forbidden), ErrorCode::Forbidden);
    system.world.set("ofr_b", 3_000, true, 10);
    let stale = system.my_cart(&carol).await;
    assert_eq!(stale["warnings"][0]["kind"], "PRICE_CHANGED");
    assert_eq!(stale["warnings"][0]["previousPrice"]["amount"], 2_500);
    match system.claim("cus_carol", "ord_1").await {
        Err(PeerError::Rejected(err)) => {
            assert_eq!(err.code(), ErrorCode::Conflict);
            assert!(
                err.to_string()
                    .starts_with("your cart changed: offer ofr_b: the price changed"),
                "{err}"
            );
        }
        other => panic!("{other:?}"),
    }
    let accepted = system
        .ok(
            &carol,
            "mutation { acceptCartChanges { total { amount } warnings { kind } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        accepted["acceptCartChanges"],
        json!({ "total": { "amount": 53_000 }, "warnings": [] })
    );

    let claim = system.claim("cus_carol", "ord_1").await.unwrap();
    assert_eq!(
        claim,
        json!({
            "orderId": "ord_1",
            "lines": [
                { "offerId": "ofr_a", "productId": "prd_ofr_a", "variantId": null, "shopId": "shp_1", "quantity": 1, "unitPrice": { "amount": 100_000, "currency": "KZT" } },
                { "offerId": "ofr_b", "productId": "prd_ofr_b", "variantId": "var_ofr_b", "shopId": "shp_1", "quantity": 2, "unitPrice": { "amount": 3_000, "currency": "KZT" } },
            ],
            "subtotal": { "amount": 106_000 },
            "discount": { "amount": 53_000 },
            "total": { "amount": 53_000, "currency": "KZT" },
            "promoCode": "ONCE",
        })
    );
    system.world.set("ofr_a", 999_999, true, 0);
    assert_eq!(
        system.claim("cus_carol", "ord_1").await.unwrap(),
        claim,
        "a replay answers the same"
    );
    let frozen = system.my_cart(&carol).await;
    assert_eq!(frozen["status"], "CHECKING_OUT");
    assert_eq!(
        frozen["total"]["amount"], 53_000,
        "shows what the checkout charges"
    );
    assert_eq!(frozen["warnings"], json!([]));
    let (code, message) = system
        .refused(
            &carol,
            "mutation { removeFromCart(offerId: \"ofr_a\") { id } }",
            json!({}),
        )
        .await;
    assert_eq!(
        (code, message.as_str()),
        (ErrorCode::Conflict, "a checkout of this cart is in progress")
    );
    assert_eq!(
        code_of(system.claim("cus_carol", "ord_2").await),
        ErrorCode::Conflict
    );
    assert_eq!(
        code_of(system.claim("cus_dave", "ord_1").await),
        ErrorCode::Conflict,
        "another's order id"
    );

    // The one use is held by Carol's checkout.
    system
        .ok(&dave, "mutation { acceptCartChanges { id } }", json!({}))
        .await;
    match system.claim("cus_dave", "ord_3").await {
        Err(PeerError::Rejected(err)) => assert_eq!(
            err.to_string(),
            "promo code ONCE is used up; remove it to check out"
        ),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        system.my_cart(&dave).await["status"],
        "ACTIVE",
        "a refused claim changes nothing"
    );
    assert_eq!(
        system.saga("releaseCart", "ord_3").await.unwrap(),
        true,
        "nothing claimed, nothing to release"
    );

    assert_eq!(system.saga("releaseCart", "ord_1").await.unwrap(), true);
    assert_eq!(
        system.saga("releaseCart", "ord_1").await.unwrap(),
        true,
        "idempotent"
    );
    assert_eq!(system.my_cart(&carol).await["status"], "ACTIVE");
    system.world.set("ofr_a", 100_000, true, 10);
    system
        .ok(&dave, "mutation { removePromoCode { id } }", json!({}))
        .await;
    system.apply(&carol, "ONCE").await.unwrap();
    let again = system.claim("cus_carol", "ord_4").await.unwrap();
    assert_eq!(again["discount"]["amount"], 53_000, "the use came back");

    assert_eq!(
        code_of(system.saga("completeCart", "ord_1").await),
        ErrorCode::NotFound,
        "released"
    );
    assert_eq!(system.saga("completeCart", "ord_4").await.unwrap(), true);
    assert_eq!(
        system.saga("completeCart", "ord_4").await.unwrap(),
        true,
        "idempotent"
    );
    assert_eq!(
        system.saga("releaseCart", "ord_4").await.unwrap(),
        true,
        "an ordered cart stays ordered"
    );
    assert_eq!(
        system.claim("cus_carol", "ord_4").await.unwrap(),
        again,
        "even after completion"
    );
    let next = system.my_cart(&carol).await;
    assert_eq!(
        (next["status"].clone(), next["itemCount"].clone()),
        (json!("ACTIVE"), json!(0)),
        "a new cart"
    );
    assert_ne!(next["id"], frozen["id"]);
}

#[tokio::test]
async fn a_guest_cart_merges_into_the_customers_cart_once() {
    let system = system().await;
    system.world.set("ofr_a", 1_000, true, 500);
    system.world.set("ofr_b", 2_000, true, 500);
    let anonymous = Identity::anonymous();
    let started = system
        .ok(
            &anonymous,
            "mutation { startGuestCart { token cart { id itemCount } } }",
            json!({}),
        )
        .await;
    let token = started["startGuestCart"]["token"].as_str().unwrap().to_string();
    let add = "mutation($o: ID!, $q: Int!, $t: String) { addToCart(offerId: $o, quantity: $q, guestToken: $t) { itemCount } }";
    system
        .ok(&anonymous, add, json!({ "o": "ofr_a", "q": 60, "t": token }))
        .await;
    system
        .ok(&anonymous, add, json!({ "o": "ofr_b", "q": 1, "t": token }))
        .await;
    system
        .ok(
            &anonymous,
            "mutation($t: String) { applyPromoCode(code: \"WELCOME10\", guestToken: $t) { id } }",
            json!({ "t": token }),
        )
        .await;
    let mine = system
        .ok(
            &anonymous,
            "query($t: String) { myCart(guestToken: $t) { itemCount promoCode } }",
            json!({ "t": token }),
        )
        .await;
    assert_eq!(
        mine["myCart"],
        json!({ "itemCount": 61, "promoCode": "WELCOME10" })
    );
    let unknown = json!({ "t": "not-a-token" });
    let (code, _) = system
        .refused(
            &anonymous,
            "query($t: String) { myCart(guestToken: $t) { id } }",
            unknown,
        )
        .await;
    assert_eq!(code, ErrorCode::NotFound);

    let erin = customer("cus_erin");
    system.add(&erin, "ofr_a", 50).await.unwrap();
    let merge = format!("mutation($t: String!) {{ mergeGuestCart(guestToken: $t) {{ {CART} }} }}");
    let (code, _) = system.refused(&anonymous, &merge, json!({ "t": token })).await;
    assert_eq!(code, ErrorCode::Unauthenticated);
    let merged = system.ok(&erin, &merge, json!({ "t": token })).await["mergeGuestCart"].clone();
    assert_eq!(
        merged["itemCount"],
        99 + 1,
        "50 + 60 capped at 99, plus the guest's other line"
    );
    assert_eq!(merged["promoCode"], "WELCOME10", "the guest's code comes along");
    let (code, _) = system.refused(&erin, &merge, json!({ "t": token })).await;
    assert_eq!(code, ErrorCode::NotFound, "merged once, then the token is spent");
    assert_eq!(system.my_cart(&erin).await["itemCount"], 100);
}

#[tokio::test]
async fn vanished_offers_warn_and_carts_of_many_customers_cost_one_call_per_peer() {
    let system = system().await;
    system.world.set("ofr_a", 1_000, true, 10);
    system.world.set("ofr_b", 2_000, true, 3);
    let frank = customer("cus_frank");
    let gina = customer("cus_gina");
    system.add(&frank, "ofr_a", 1).await.unwrap();
    system.add(&frank, "ofr_b", 2).await.unwrap();
    system.add(&gina, "ofr_b", 3).await.unwrap();
    system.world.remove("ofr_a");
    system.world.set("ofr_b", 2_000, true, 2);

    let warnings = system.my_cart(&frank).await["warnings"].clone();
    let kinds: Vec<_> = warnings
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].clone())
        .collect();
    assert_eq!(kinds, vec![json!("UNAVAILABLE")], "{warnings}");
    let gina_cart = system.my_cart(&gina).await;
    assert_eq!(gina_cart["warnings"][0]["kind"], "INSUFFICIENT_STOCK");
    assert_eq!(gina_cart["subtotal"]["amount"], 0, "short lines are not counted");

    let entities = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id cart { itemCount total { amount } } } } }";
    let reps = json!({ "r": [
        { "__typename": "Customer", "id": "cus_frank" },
        { "__typename": "Customer", "id": "cus_gina" },
    ] });
    let (code, _) = system.refused(&frank, entities, reps.clone()).await;
    assert_eq!(code, ErrorCode::Forbidden, "not someone else's cart");
    let _ = system.world.shops_calls.swap(0, Ordering::SeqCst);
    let both = system.ok(&admin(), entities, reps).await;
    assert_eq!(both["_entities"][0]["cart"]["itemCount"], 3, "{both}");
    assert_eq!(both["_entities"][1]["cart"]["total"]["amount"], 0);
    assert_eq!(
        system.world.shops_calls.load(Ordering::SeqCst),
        1,
        "one batch for both carts"
    );

    let accepted = system
        .ok(
            &frank,
            "mutation { acceptCartChanges { itemCount lines { offer { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        accepted["acceptCartChanges"],
        json!({ "itemCount": 2, "lines": [{ "offer": { "id": "ofr_b" } }] })
    );
}

#[tokio::test]
async fn concurrent_requests_lose_no_units_and_claim_or_merge_once() {
    let system = Arc::new(system().await);
    system.world.set("ofr_a", 1_000, true, 500);
    let hana = customer("cus_hana");

    let carts = futures::future::join_all((0..5).map(|_| system.my_cart(&hana))).await;
    assert!(
        carts.iter().all(|c| c["id"] == carts[0]["id"]),
        "one cart however many first looks"
    );
    let adds = futures::future::join_all((0..10).map(|_| system.add(&hana, "ofr_a", 1))).await;
    assert!(adds.iter().all(Result::is_ok), "{adds:?}");
    assert_eq!(system.my_cart(&hana).await["itemCount"], 10);

    let claims =
        futures::future::join_all(["ord_x", "ord_y", "ord_z"].map(|order| system.claim("cus_hana", order)))
            .await;
    assert_eq!(claims.iter().filter(|c| c.is_ok()).count(), 1, "{claims:?}");

    let anonymous = Identity::anonymous();
    let started = system
        .ok(&anonymous, "mutation { startGuestCart { token } }", json!({}))
        .await;
    let token = started["startGuestCart"]["token"].as_str().unwrap().to_string();
    let add = "mutation($t: String) { addToCart(offerId: \"ofr_a\", quantity: 3, guestToken: $t) { id } }";
    system.ok(&anonymous, add, json!({ "t": token })).await;
    let ivan = customer("cus_ivan");
    let merge = "mutation($t: String!) { mergeGuestCart(guestToken: $t) { itemCount } }";
    let merges =
        futures::future::join_all((0..4).map(|_| system.ask(&ivan, merge, json!({ "t": token })))).await;
    assert_eq!(merges.iter().filter(|m| m.is_ok()).count(), 1, "{merges:?}");
    assert_eq!(system.my_cart(&ivan).await["itemCount"], 3, "moved once");
}

/// Anyone may start a guest cart, so they must end: one nobody changed for 30 days goes with its
/// lines (its guest gets `NOT_FOUND`, and the storefront starts a new one); a guest cart in use
/// and customers' carts stay, however old.
#[tokio::test]
async fn guest_carts_nobody_changes_for_thirty_days_are_deleted() {
    let system = system().await;
    system.world.set("ofr_a", 1_000, true, 50);
    let anonymous = Identity::anonymous();
    let start_with_a_line = || async {
        let started = system
            .ok(&anonymous, "mutation { startGuestCart { token } }", json!({}))
            .await;
        let token = started["startGuestCart"]["token"].as_str().unwrap().to_string();
        let add =
            "mutation($t: String) { addToCart(offerId: \"ofr_a\", quantity: 2, guestToken: $t) { id } }";
        system.ok(&anonymous, add, json!({ "t": token })).await;
        token
    };
    let abandoned = start_with_a_line().await;
    let in_use = start_with_a_line().await;
    let dana = customer("cus_dana");
    system.add(&dana, "ofr_a", 1).await.unwrap();
    let long_ago = vitrine_kit::time::to_db(chrono::Utc::now() - chrono::Duration::days(31));
    sqlx::query("UPDATE cart SET updated_at = $1 WHERE guest_token_hash = $2 OR customer_id = $3")
        .bind(&long_ago)
        .bind(crate::guest::hash_token(&abandoned))
        .bind("cus_dana")
        .execute(&system.db)
        .await
        .unwrap();

    let deleted = crate::carts::delete_abandoned_guest_carts(&system.db, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    let cart = "query($t: String) { myCart(guestToken: $t) { itemCount } }";
    let (code, _) = system.refused(&anonymous, cart, json!({ "t": abandoned })).await;
    assert_eq!(code, ErrorCode::NotFound);
    let kept = system.ok(&anonymous, cart, json!({ "t": in_use })).await;
    assert_eq!(kept["myCart"]["itemCount"], 2);
    assert_eq!(system.my_cart(&dana).await["itemCount"], 1);
    let orphans: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM cart_line WHERE cart_id NOT IN (SELECT cart_id FROM cart)")
            .fetch_one(&system.db)
            .await
            .unwrap();
    assert_eq!(orphans, 0, "the abandoned cart's lines went with it");
    assert_eq!(
        crate::carts::delete_abandoned_guest_carts(&system.db, chrono::Utc::now())
            .await
            .unwrap(),
        0
    );
}
