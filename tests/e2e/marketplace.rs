//! Shops, offers and stock: seed 004's ShopService and an inventory that never oversells.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::eventually;
use serde_json::{json, Value};

const OFFER_STOCK: &str = "query($id: ID!) { offer(id: $id) { stock } }";

/// Polls until the offer's stock is `expected` (offer changes reach inventory as events).
async fn wait_for_stock(system: &TestSystem, offer_id: &Value, expected: i64) {
    eventually(&format!("the stock to become {expected}"), || async {
        let response = system.graphql(OFFER_STOCK, json!({ "id": offer_id })).await;
        (response["data"]["offer"]["stock"] == expected).then_some(())
    })
    .await
}

async fn product_id(system: &TestSystem, slug: &str) -> Value {
    let products = system
        .graphql("{ products(first: 100) { id slug } }", json!({}))
        .await;
    products["data"]["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == slug)
        .unwrap()["id"]
        .clone()
}

/// The id of the shop `slug` that the signed-in `seller` runs.
pub async fn sellers_shop(system: &TestSystem, seller: &str, slug: &str) -> Value {
    let shops = system
        .graphql_as(seller, "{ myShops { id slug } }", json!({}))
        .await;
    shops["data"]["myShops"]
        .as_array()
        .unwrap_or_else(|| panic!("{shops}"))
        .iter()
        .find(|s| s["slug"] == slug)
        .unwrap_or_else(|| panic!("no shop {slug} in {shops}"))["id"]
        .clone()
}

/// A new offer by the demo seller in one of their shops that does not sell the product yet;
/// returns (seller token, offer id).
async fn new_offer(
    system: &TestSystem,
    shop_slug: &str,
    product_slug: &str,
    price: i64,
    count: i64,
) -> (String, Value) {
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let shop = sellers_shop(system, &seller, shop_slug).await;
    let product = product_id(system, product_slug).await;
    let created = system
        .graphql_as(
            &seller,
            "mutation($s: ID!, $p: ID!, $price: Int!, $n: Int!) { addOfferToShop(shopId: $s, productId: $p, price: $price, count: $n) { id price { amount } } }",
            json!({ "s": shop, "p": product, "price": price, "n": count }),
        )
        .await;
    let offer = created["data"]["addOfferToShop"]["id"].clone();
    assert!(offer.is_string(), "{created}");
    wait_for_stock(system, &offer, count).await;
    (seller, offer)
}

#[tokio::test]
async fn a_product_lists_offers_from_several_shops_with_stock() {
    let system = TestSystem::embedded().await;
    let id = product_id(&system, "galaxy-s24").await;
    let response = system
        .graphql(
            "query($id: ID!) { product(id: $id) { name stock offers { price { amount } stock shop { name } variant { name } } cheapestOffer { price { amount } shop { name } } } }",
            json!({ "id": id }),
        )
        .await;
    // Two shops sell both storage sizes; the product's stock is every offer's.
    assert_eq!(
        response["data"]["product"],
        json!({
            "name": "Samsung Galaxy S24",
            "stock": 51,
            "offers": [
                { "price": { "amount": 40_739_030 }, "stock": 12, "shop": { "name": "Sulpak Mega Alma-Ata" }, "variant": { "name": "128 GB" } },
                { "price": { "amount": 41_999_000 }, "stock": 25, "shop": { "name": "Technodom Dostyk Plaza" }, "variant": { "name": "128 GB" } },
                { "price": { "amount": 45_627_700 }, "stock": 4, "shop": { "name": "Sulpak Mega Alma-Ata" }, "variant": { "name": "256 GB" } },
                { "price": { "amount": 47_038_800 }, "stock": 10, "shop": { "name": "Technodom Dostyk Plaza" }, "variant": { "name": "256 GB" } }
            ],
            "cheapestOffer": { "price": { "amount": 40_739_030 }, "shop": { "name": "Sulpak Mega Alma-Ata" } }
        }),
        "{response}"
    );
}

#[tokio::test]
async fn a_seller_adds_changes_and_removes_an_offer() {
    let system = TestSystem::embedded().await;
    let (seller, offer) = new_offer(&system, "vitrine-kitchen", "galaxy-a55", 15_000_000, 7).await;
    let update =
        "mutation($o: ID!) { updateOffer(offerId: $o, price: 14500000, count: 3) { price { amount } } }";
    let updated = system.graphql_as(&seller, update, json!({ "o": offer })).await;
    assert_eq!(updated["data"]["updateOffer"]["price"]["amount"], 14_500_000);
    wait_for_stock(&system, &offer, 3).await;
    let audit = system
        .graphql_as(
            &seller,
            "query($o: ID!) { stockMovements(offerId: $o) { delta reason } }",
            json!({ "o": offer }),
        )
        .await;
    assert_eq!(
        audit["data"]["stockMovements"],
        json!([{ "delta": -4, "reason": "count set by the shop" }, { "delta": 7, "reason": "count set by the shop" }])
    );
    let removed = system
        .graphql_as(
            &seller,
            "mutation($o: ID!) { removeOffer(offerId: $o) }",
            json!({ "o": offer }),
        )
        .await;
    assert_eq!(removed["data"]["removeOffer"], true);
    assert_eq!(
        system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"],
        Value::Null
    );
}

#[tokio::test]
async fn offers_refuse_bad_input_and_strangers() {
    let system = TestSystem::embedded().await;
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let shop =
        system.graphql_as(&seller, "{ myShops { id } }", json!({})).await["data"]["myShops"][0]["id"].clone();
    let product = product_id(&system, "fries").await;
    let add = "mutation($s: ID!, $p: ID!, $price: Int!) { addOfferToShop(shopId: $s, productId: $p, price: $price, count: 1) { id } }";
    let negative = system
        .graphql_as(&seller, add, json!({ "s": shop, "p": product, "price": -1 }))
        .await;
    assert_eq!(error_codes(&negative), vec!["BAD_USER_INPUT"]);
    let unknown = system
        .graphql_as(&seller, add, json!({ "s": shop, "p": "prd_nope", "price": 100 }))
        .await;
    assert_eq!(error_codes(&unknown), vec!["NOT_FOUND"]);
    let (_, stranger, _) = system.register("stranger").await;
    let forbidden = system
        .graphql_as(&stranger, add, json!({ "s": shop, "p": product, "price": 100 }))
        .await;
    assert_eq!(error_codes(&forbidden), vec!["FORBIDDEN"]);
    let anonymous = system
        .graphql(add, json!({ "s": shop, "p": product, "price": 100 }))
        .await;
    assert_eq!(error_codes(&anonymous), vec!["UNAUTHENTICATED"]);
}

const RESERVE: &str = "mutation($order: ID!, $offer: ID!, $n: Int!, $ttl: Int!) { reserveStock(orderId: $order, lines: [{ offerId: $offer, quantity: $n }], ttlSeconds: $ttl) { status } }";

#[tokio::test]
async fn reserving_more_than_available_is_out_of_stock_and_changes_nothing() {
    let system = TestSystem::embedded().await;
    let (_, offer) = new_offer(&system, "technodom-dostyk", "tiramisu", 200_000, 5).await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let response = system
        .graphql_as(
            &admin,
            RESERVE,
            json!({ "order": "ord_1", "offer": offer, "n": 6, "ttl": 60 }),
        )
        .await;
    assert_eq!(error_codes(&response), vec!["OUT_OF_STOCK"]);
    assert_eq!(
        system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"]["stock"],
        5
    );
    // Idempotent by order id: the same order and lines twice hold once.
    for _ in 0..2 {
        let ok = system
            .graphql_as(
                &admin,
                RESERVE,
                json!({ "order": "ord_2", "offer": offer, "n": 2, "ttl": 60 }),
            )
            .await;
        assert_eq!(ok["data"]["reserveStock"]["status"], "HELD", "{ok}");
    }
    assert_eq!(
        system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"]["stock"],
        3
    );
    let other_lines = system
        .graphql_as(
            &admin,
            RESERVE,
            json!({ "order": "ord_2", "offer": offer, "n": 1, "ttl": 60 }),
        )
        .await;
    assert_eq!(error_codes(&other_lines), vec!["CONFLICT"]);
}

/// 500 parallel reservations of one unit against 100 in stock: exactly 100 hold, stock never
/// goes negative, and what is held adds up.
#[tokio::test]
async fn five_hundred_parallel_reservations_never_oversell() {
    let system = TestSystem::embedded().await;
    let (_, offer) = new_offer(&system, "technodom-dostyk", "baursaks", 99_000, 100).await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let attempts = (0..500).map(|i| {
        let (system, admin, offer) = (&system, &admin, &offer);
        async move {
            system
                .graphql_as(
                    admin,
                    RESERVE,
                    json!({ "order": format!("ord_race_{i}"), "offer": offer, "n": 1, "ttl": 600 }),
                )
                .await
        }
    });
    let results = futures::future::join_all(attempts).await;
    let held = results
        .iter()
        .filter(|r| r["data"]["reserveStock"]["status"] == "HELD")
        .count();
    let refused = results
        .iter()
        .filter(|r| error_codes(r) == ["OUT_OF_STOCK"])
        .count();
    assert_eq!(
        (held, refused),
        (100, 400),
        "every attempt either holds or is out of stock"
    );
    assert_eq!(
        system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"]["stock"],
        0
    );

    // Commit 10, release 10: 10 units back, 10 sold, 80 still held.
    let winners: Vec<usize> = (0..500)
        .filter(|i| results[*i]["data"]["reserveStock"]["status"] == "HELD")
        .collect();
    for (n, i) in winners.iter().take(20).enumerate() {
        let mutation = if n < 10 {
            "commitReservation"
        } else {
            "releaseReservation"
        };
        let done = system
            .graphql_as(
                &admin,
                &format!("mutation($o: ID!) {{ {mutation}(orderId: $o) {{ status }} }}"),
                json!({ "o": format!("ord_race_{i}") }),
            )
            .await;
        assert!(done.get("errors").is_none(), "{done}");
    }
    assert_eq!(
        system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"]["stock"],
        10
    );
    let audit = system
        .graphql_as(
            &admin,
            "query($o: ID!) { stockMovements(offerId: $o, first: 100) { delta } }",
            json!({ "o": offer }),
        )
        .await;
    let on_hand: i64 = audit["data"]["stockMovements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["delta"].as_i64().unwrap())
        .sum();
    assert_eq!(on_hand, 90, "100 stocked, 10 sold");
    let available = system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"]["stock"]
        .as_i64()
        .unwrap();
    let still_held = winners.len() as i64 - 20;
    assert_eq!(
        on_hand - available,
        still_held,
        "on hand = available + the 80 holds still open"
    );
}

#[tokio::test]
async fn expired_holds_return_to_stock() {
    let system = TestSystem::embedded().await;
    let (_, offer) = new_offer(&system, "technodom-dostyk", "cheesecake", 189_000, 4).await;
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let held = system
        .graphql_as(
            &admin,
            RESERVE,
            json!({ "order": "ord_slow", "offer": offer, "n": 3, "ttl": 1 }),
        )
        .await;
    assert_eq!(held["data"]["reserveStock"]["status"], "HELD", "{held}");
    assert_eq!(
        system.graphql(OFFER_STOCK, json!({ "id": offer })).await["data"]["offer"]["stock"],
        1
    );
    wait_for_stock(&system, &offer, 4).await;
    let reservation = system
        .graphql_as(
            &admin,
            "{ reservation(orderId: \"ord_slow\") { status } }",
            json!({}),
        )
        .await;
    assert_eq!(reservation["data"]["reservation"]["status"], "RELEASED");
    // Committing an expired hold is refused: the units may already be someone else's.
    let late = system
        .graphql_as(
            &admin,
            "mutation { commitReservation(orderId: \"ord_slow\") { status } }",
            json!({}),
        )
        .await;
    assert_eq!(error_codes(&late), vec!["CONFLICT"]);
}
