//! Product variants: a pizza's size, a phone's storage and colour, each with its own price,
//! offers and stock, carried through cart, order and kitchen.

use crate::helpers::{error_codes, TestSystem};
use crate::shopping::{assert_placed, eventually, stock, Shopper};
use futures::future::join_all;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const PRODUCT_VARIANTS: &str = "query($id: ID!) { product(id: $id) { name options { name values } \
     variants { id name options { name value } price { amount } \
     offers { id price { amount } stock shop { name } variant { name } } } } }";

async fn variants(system: &TestSystem, product_id: &str) -> Value {
    let response = system
        .graphql(PRODUCT_VARIANTS, json!({ "id": product_id }))
        .await;
    assert!(response["errors"].is_null(), "{response}");
    response["data"]["product"].clone()
}

/// The variant of `product` named `name`, as `PRODUCT_VARIANTS` reads it.
fn variant<'a>(product: &'a Value, name: &str) -> &'a Value {
    product["variants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["name"] == name)
        .unwrap_or_else(|| panic!("no variant {name} in {product}"))
}

#[tokio::test]
async fn demo_variants_are_priced_offered_searched_bought_and_cooked_one_by_one() {
    let system = TestSystem::embedded().await;
    let pizza = variants(&system, &vitrine_kit::demo::product_id("pizza-margherita")).await;
    assert_eq!(pizza["name"], "Pizza Margherita");
    assert_eq!(
        pizza["options"],
        json!([{ "name": "Size", "values": ["30 cm", "25 cm", "35 cm"] }])
    );
    let large = variant(&pizza, "35 cm");
    // The demo's 35 cm is 130 % of the 3 490 ₸ list price, in the kitchen's only offer of it.
    assert_eq!(large["price"]["amount"], 453_700);
    assert_eq!(large["options"], json!([{ "name": "Size", "value": "35 cm" }]));
    assert_eq!(large["offers"].as_array().unwrap().len(), 1, "{large}");
    assert_eq!(large["offers"][0]["price"]["amount"], 453_700);
    assert_eq!(large["offers"][0]["variant"]["name"], "35 cm");

    let phone = variants(&system, &vitrine_kit::demo::product_id("iphone-15")).await;
    assert_eq!(
        phone["options"],
        json!([
            { "name": "Storage", "values": ["128 GB", "256 GB", "512 GB"] },
            { "name": "Colour", "values": ["Black", "Blue"] }
        ])
    );
    let names: Vec<&str> = phone["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "128 GB · Black",
            "128 GB · Blue",
            "256 GB · Black",
            "512 GB · Black"
        ]
    );
    let big = variant(&phone, "256 GB · Black");
    // Demo variants are priced in whole tenge: 113 % of ₸449 990 is ₸508 488.
    assert_eq!(big["offers"][0]["price"]["amount"], 50_848_800);
    assert_eq!(big["price"]["amount"], 50_848_800);
    // Each variant has stock of its own.
    let stocks: Vec<i64> = phone["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["offers"][0]["stock"].as_i64().unwrap())
        .collect();
    assert_eq!(stocks, [30, 9, 6, 3]);

    // A variant's name finds its product (the iPhone says 512 GB nowhere else); a product
    // without such a variant is not found.
    let found = system
        .graphql(
            "{ searchProducts(query: \"512 gb\") { nodes { slug } } }",
            json!({}),
        )
        .await;
    let slugs: Vec<&str> = found["data"]["searchProducts"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{found}"))
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert!(
        slugs.contains(&"iphone-15") && !slugs.contains(&"galaxy-s24"),
        "{found}"
    );

    let large_offer = large["offers"][0]["id"].as_str().unwrap();
    let big_offer = big["offers"][0]["id"].as_str().unwrap();
    let small_offer = variant(&pizza, "25 cm")["offers"][0]["id"].as_str().unwrap();
    let small_units = stock(&system, small_offer).await;
    let shopper = Shopper::new(&system, "vera-variants", 60_000_000).await;
    shopper.add(&system, large_offer, 2).await;
    shopper.add(&system, big_offer, 1).await;
    let cart = shopper
        .ask(
            &system,
            "{ myCart { lines { product { name } variant { name } quantity unitPrice { amount } } total { amount } } }",
            json!({}),
        )
        .await;
    let mut lines = cart["data"]["myCart"]["lines"].as_array().unwrap().clone();
    lines.sort_by_key(|l| l["product"]["name"].as_str().unwrap().to_string());
    assert_eq!(
        lines,
        vec![
            json!({ "product": { "name": "Apple iPhone 15" }, "variant": { "name": "256 GB · Black" }, "quantity": 1, "unitPrice": { "amount": 50_848_800 } }),
            json!({ "product": { "name": "Pizza Margherita" }, "variant": { "name": "35 cm" }, "quantity": 2, "unitPrice": { "amount": 453_700 } }),
        ],
        "{cart}"
    );

    let placed = shopper.checkout_wallet(&system, "sizes").await;
    assert_placed(&placed);
    let order_id = placed["data"]["checkout"]["id"].as_str().unwrap();
    assert_eq!(
        placed["data"]["checkout"]["total"]["amount"],
        2 * 453_700 + 50_848_800
    );
    // The order keeps the variants, and the kitchen bakes the size ordered: 130 % of the
    // product's 600 s.
    let order = eventually("the kitchen to take the order", || async {
        let response = shopper
            .ask(
                &system,
                "query($id: ID!) { order(id: $id) { lines { variant { name } quantity } \
                 kitchenTicket { items { variant { name } variantId quantity prepSeconds } } } }",
                json!({ "id": order_id }),
            )
            .await;
        (!response["data"]["order"]["kitchenTicket"].is_null()).then(|| response["data"]["order"].clone())
    })
    .await;
    let mut bought: Vec<String> = order["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| format!("{}×{}", l["quantity"], l["variant"]["name"].as_str().unwrap()))
        .collect();
    bought.sort();
    assert_eq!(bought, ["1×256 GB · Black", "2×35 cm"], "{order}");
    assert_eq!(
        order["kitchenTicket"]["items"],
        json!([{ "variant": { "name": "35 cm" }, "variantId": large["id"], "quantity": 2, "prepSeconds": 780 }]),
        "{order}"
    );
    assert_eq!(
        stock(&system, large_offer).await,
        large["offers"][0]["stock"].as_i64().unwrap() - 2
    );
    assert_eq!(
        stock(&system, small_offer).await,
        small_units,
        "another size's stock is its own"
    );
}

const ADD_VARIANT: &str = "mutation($p: ID!, $o: [SelectedOptionInput!]!, $price: Int) { \
     addProductVariant(productId: $p, options: $o, price: $price) { id name price { amount } } }";
const ADD_OFFER: &str = "mutation($s: ID!, $p: ID!, $v: ID, $n: Int!) { \
     addOfferToShop(shopId: $s, productId: $p, variantId: $v, price: 100000, count: $n) { id variant { name } } }";

/// A new product of the demo seller's: (seller token, their Technodom shop's id, product id).
async fn sellers_product(system: &TestSystem, slug: &str) -> (String, Value, Value) {
    let seller = system.login("seller@vitrine.kz", "seller-demo-2026").await;
    let shop = crate::marketplace::sellers_shop(system, &seller, "technodom-dostyk").await;
    let product = crate::media::new_product(system, &seller, slug).await;
    (seller, shop, product)
}

/// Adds a variant `Size` = `size` and returns its id.
async fn add_size(system: &TestSystem, seller: &str, product: &Value, size: &str) -> Value {
    let added = system
        .graphql_as(
            seller,
            ADD_VARIANT,
            json!({ "p": product, "o": [{ "name": "Size", "value": size }] }),
        )
        .await;
    let id = added["data"]["addProductVariant"]["id"].clone();
    assert!(id.is_string(), "{added}");
    id
}

/// Offers the variant once shops has heard of it (catalog's event); returns the offer id.
async fn offer_variant(
    system: &TestSystem,
    seller: &str,
    shop: &Value,
    product: &Value,
    variant: &Value,
    n: i64,
) -> String {
    let offer = eventually("shops to hear of the variant", || async {
        let reply = system
            .graphql_as(
                seller,
                ADD_OFFER,
                json!({ "s": shop, "p": product, "v": variant, "n": n }),
            )
            .await;
        reply["data"]["addOfferToShop"]["id"].as_str().map(str::to_string)
    })
    .await;
    eventually("inventory to hear of the count", || async {
        (stock(system, &offer).await == n).then_some(())
    })
    .await;
    offer
}

#[tokio::test]
async fn a_variants_stock_is_never_oversold_and_never_taken_from_another_variant() {
    let system = TestSystem::embedded_with(&[("VITRINE_SIGNUP_LIMIT_PER_HOUR", "0")]).await;
    let (seller, shop, product) = sellers_product(&system, "variant-race-tee").await;
    let small = add_size(&system, &seller, &product, "S").await;
    let medium = add_size(&system, &seller, &product, "M").await;
    let small_offer = offer_variant(&system, &seller, &shop, &product, &small, 3).await;
    let medium_offer = offer_variant(&system, &seller, &shop, &product, &medium, 5).await;

    // Ten buyers of one S each (3 in stock) and one buyer of an M, all at once.
    let buyers = join_all((0..11).map(|i| {
        let system = &system;
        let offer = if i == 10 { &medium_offer } else { &small_offer };
        async move {
            let buyer = Shopper::new(system, &format!("tee-{i}"), 1_000_000).await;
            buyer.add(system, offer, 1).await;
            buyer
        }
    }))
    .await;
    let replies = join_all(buyers.iter().map(|b| b.checkout_wallet(&system, "tee"))).await;
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    for reply in &replies[..10] {
        let status = &reply["data"]["checkout"]["status"];
        let outcome = if crate::shopping::is_placed(status) {
            "PLACED".to_string()
        } else {
            error_codes(reply).join(",")
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    assert_eq!(
        outcomes,
        BTreeMap::from([("PLACED".to_string(), 3), ("OUT_OF_STOCK".to_string(), 7)]),
        "{replies:?}"
    );
    assert_placed(&replies[10]);
    assert_eq!(stock(&system, &small_offer).await, 0);
    assert_eq!(stock(&system, &medium_offer).await, 4);
}

#[tokio::test]
async fn variants_and_their_offers_refuse_what_does_not_fit() {
    let system = TestSystem::embedded().await;
    let (seller, shop, product) = sellers_product(&system, "variant-rules-tee").await;
    let small = add_size(&system, &seller, &product, "S").await;

    let again = system
        .graphql_as(
            &seller,
            ADD_VARIANT,
            json!({ "p": product, "o": [{ "name": "Size", "value": " S " }] }),
        )
        .await;
    assert_eq!(error_codes(&again), vec!["CONFLICT"], "{again}");
    let other_option = system
        .graphql_as(
            &seller,
            ADD_VARIANT,
            json!({ "p": product, "o": [{ "name": "Colour", "value": "Red" }] }),
        )
        .await;
    assert_eq!(
        error_codes(&other_option),
        vec!["BAD_USER_INPUT"],
        "{other_option}"
    );
    let none = system
        .graphql_as(&seller, ADD_VARIANT, json!({ "p": product, "o": [] }))
        .await;
    assert_eq!(error_codes(&none), vec!["BAD_USER_INPUT"]);
    let negative = system
        .graphql_as(
            &seller,
            ADD_VARIANT,
            json!({ "p": product, "o": [{ "name": "Size", "value": "XS" }], "price": -1 }),
        )
        .await;
    assert_eq!(error_codes(&negative), vec!["BAD_USER_INPUT"], "{negative}");
    let priced = system
        .graphql_as(
            &seller,
            ADD_VARIANT,
            json!({ "p": product, "o": [{ "name": "Size", "value": "XL" }], "price": 150_000 }),
        )
        .await;
    assert_eq!(
        priced["data"]["addProductVariant"]["price"]["amount"], 150_000,
        "{priced}"
    );
    let (_, stranger, _) = system.register("variant-stranger").await;
    let forbidden = system
        .graphql_as(
            &stranger,
            ADD_VARIANT,
            json!({ "p": product, "o": [{ "name": "Size", "value": "M" }] }),
        )
        .await;
    assert_eq!(error_codes(&forbidden), vec!["FORBIDDEN"]);
    let demo_pizza = vitrine_kit::demo::product_id("pizza-margherita");
    let not_theirs = system
        .graphql_as(
            &seller,
            ADD_VARIANT,
            json!({ "p": demo_pizza, "o": [{ "name": "Size", "value": "40 cm" }] }),
        )
        .await;
    assert_eq!(error_codes(&not_theirs), vec!["FORBIDDEN"]);

    // Once shops knows the product has variants, an offer must name one of them.
    offer_variant(&system, &seller, &shop, &product, &small, 2).await;
    let plain = system
        .graphql_as(
            &seller,
            ADD_OFFER,
            json!({ "s": shop, "p": product, "v": null, "n": 1 }),
        )
        .await;
    assert_eq!(error_codes(&plain), vec!["BAD_USER_INPUT"], "{plain}");
    let pizza_size = vitrine_kit::demo::variant_id("pizza-margherita", "35");
    let foreign = system
        .graphql_as(
            &seller,
            ADD_OFFER,
            json!({ "s": shop, "p": product, "v": pizza_size, "n": 1 }),
        )
        .await;
    assert_eq!(error_codes(&foreign), vec!["NOT_FOUND"], "{foreign}");
    let twice = system
        .graphql_as(
            &seller,
            ADD_OFFER,
            json!({ "s": shop, "p": product, "v": small, "n": 1 }),
        )
        .await;
    assert_eq!(error_codes(&twice), vec!["CONFLICT"], "{twice}");
    let fries = vitrine_kit::demo::product_id("fries");
    let no_variants = system
        .graphql_as(
            &seller,
            ADD_OFFER,
            json!({ "s": shop, "p": fries, "v": small, "n": 1 }),
        )
        .await;
    assert_eq!(error_codes(&no_variants), vec!["BAD_USER_INPUT"], "{no_variants}");
}

#[tokio::test]
async fn variants_added_at_once_each_get_a_place_and_name_one_set_of_options() {
    let system = TestSystem::embedded().await;
    let (seller, _, product) = sellers_product(&system, "variant-rush-tee").await;
    // Ten at once, half naming Size and half Colour: whichever comes first decides the options.
    let replies = join_all((0..10).map(|i| {
        let (system, seller, product) = (&system, &seller, &product);
        let option = if i % 2 == 0 { "Size" } else { "Colour" };
        async move {
            system
                .graphql_as(
                    seller,
                    ADD_VARIANT,
                    json!({ "p": product, "o": [{ "name": option, "value": format!("v{i}") }] }),
                )
                .await
        }
    }))
    .await;
    let added: Vec<&Value> = replies
        .iter()
        .filter(|r| r["data"]["addProductVariant"].is_object())
        .collect();
    assert_eq!(added.len(), 5, "{replies:?}");
    assert!(replies
        .iter()
        .filter(|r| !r["data"]["addProductVariant"].is_object())
        .all(|r| error_codes(r) == vec!["BAD_USER_INPUT"]));
    let product = variants(&system, product.as_str().unwrap()).await;
    assert_eq!(product["variants"].as_array().unwrap().len(), 5);
    assert_eq!(product["options"].as_array().unwrap().len(), 1, "{product}");
}

#[tokio::test]
async fn offers_made_before_a_product_had_variants_sell_its_first_one() {
    let system = TestSystem::embedded().await;
    let (seller, shop, product) = sellers_product(&system, "variant-late-tee").await;
    let plain = eventually("shops to hear of the product", || async {
        let reply = system
            .graphql_as(
                &seller,
                ADD_OFFER,
                json!({ "s": shop, "p": product, "v": null, "n": 2 }),
            )
            .await;
        reply["data"]["addOfferToShop"]["id"].as_str().map(str::to_string)
    })
    .await;
    let first = add_size(&system, &seller, &product, "M").await;
    add_size(&system, &seller, &product, "L").await;
    eventually("the plain offer to sell the first variant", || async {
        let offer = system
            .graphql(
                "query($o: ID!) { offer(id: $o) { variant { id } } }",
                json!({ "o": plain }),
            )
            .await;
        (offer["data"]["offer"]["variant"]["id"] == first).then_some(())
    })
    .await;
    let listed = variants(&system, product.as_str().unwrap()).await;
    assert_eq!(variant(&listed, "M")["offers"][0]["id"], plain.as_str());
}
