//! A customer going through the store, as the storefront would drive it.

use crate::helpers::TestSystem;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

pub const ADD_TO_CART: &str =
    "mutation($o: ID!, $q: Int!) { addToCart(offerId: $o, quantity: $q) { itemCount total { amount } } }";
pub const MY_CART: &str = "{ myCart { status itemCount subtotal { amount } discount { amount } total { amount } promoCode warnings { kind offerId } } }";
pub const CHECKOUT: &str =
    "mutation($i: CheckoutInput!) { checkout(input: $i) { id number status total { amount } \
     lines { offer { id } quantity unitPrice { amount } } payment { status method amount { amount } } } }";
pub const ORDER: &str = "query($id: ID!) { order(id: $id) { id status total { amount } \
     statusHistory { from to actor reason } payment { status amount { amount } refundedAmount { amount } } } }";
pub const WALLET: &str = "{ me { wallet { balance { amount } held { amount } available { amount } } } }";
pub const OFFER_STOCK: &str = "query($o: ID!) { offer(id: $o) { id price { amount } stock } }";
pub const SET_STATUS: &str =
    "mutation($o: ID!, $s: OrderStatus!) { updateOrderStatus(orderId: $o, status: $s) { status } }";
pub const ADD_CARD: &str = "mutation($n: String!) { addCard(input: { number: $n, expMonth: 12, expYear: 2030, cvc: \"123\" }) { id brand last4 } }";

/// A demo offer from a shop that needs no kitchen: (offer id, price in tiyn, units).
pub fn plain_offer(index: usize) -> (String, i64, i64) {
    let (shop, product, price, units) = vitrine_kit::demo::demo_offers()
        .filter(|(shop, _, _, units)| shop.slug == "technodom-dostyk" && *units >= 5)
        .nth(index)
        .expect("enough demo offers");
    (vitrine_kit::demo::offer_id(shop.slug, product.slug), price, units)
}

/// The cheapest such offer: (offer id, price in tiyn).
pub fn cheapest_offer() -> (String, i64) {
    let (shop, product, price, _) = vitrine_kit::demo::demo_offers()
        .filter(|(shop, _, _, units)| shop.slug == "technodom-dostyk" && *units >= 5)
        .min_by_key(|(_, _, price, _)| *price)
        .expect("a demo offer");
    (vitrine_kit::demo::offer_id(shop.slug, product.slug), price)
}

/// What an order can be right after checkout: confirmed, and maybe already passed on by the
/// kitchen (orders with nothing to prepare skip it at once).
pub const PLACED: [&str; 3] = ["CONFIRMED", "PREPARING", "READY_FOR_DELIVERY"];

pub fn is_placed(status: &Value) -> bool {
    status.as_str().is_some_and(|s| PLACED.contains(&s))
}

/// The checkout reply is a placed order.
pub fn assert_placed(reply: &Value) {
    assert!(is_placed(&reply["data"]["checkout"]["status"]), "{reply}");
}

pub struct Shopper {
    pub id: String,
    pub token: String,
    pub address_id: String,
}

impl Shopper {
    /// A new customer with `balance` tiyn in the wallet and one delivery address.
    pub async fn new(system: &TestSystem, name: &str, balance: i64) -> Shopper {
        let (id, token, _) = system.register(name).await;
        if balance > 0 {
            let top_up = system
                .graphql_as(
                    &token,
                    "mutation($a: Int!) { topUpWallet(amount: $a, idempotencyKey: \"seed\") { entry { id } } }",
                    json!({ "a": balance }),
                )
                .await;
            assert!(top_up["errors"].is_null(), "{top_up}");
        }
        let address = system
            .graphql_as(
                &token,
                "mutation { addAddress(input: { label: \"Home\", line1: \"Abay Ave 10\", city: \"Almaty\", \
                 latitude: 43.238, longitude: 76.945 }) { id } }",
                json!({}),
            )
            .await;
        let address_id = address["data"]["addAddress"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{address}"))
            .to_string();
        Shopper {
            id,
            token,
            address_id,
        }
    }

    pub async fn ask(&self, system: &TestSystem, query: &str, variables: Value) -> Value {
        system.graphql_as(&self.token, query, variables).await
    }

    pub async fn add(&self, system: &TestSystem, offer_id: &str, quantity: i64) -> Value {
        let response = self
            .ask(system, ADD_TO_CART, json!({ "o": offer_id, "q": quantity }))
            .await;
        assert!(response["errors"].is_null(), "{response}");
        response
    }

    /// Puts `quantity` of `offer_id` in the cart and checks out, paying from the wallet
    /// (idempotency key `key`): the placed order's id.
    pub async fn place_order(&self, system: &TestSystem, offer_id: &str, quantity: i64, key: &str) -> String {
        self.add(system, offer_id, quantity).await;
        let placed = self.checkout_wallet(system, key).await;
        assert_placed(&placed);
        placed["data"]["checkout"]["id"].as_str().unwrap().to_string()
    }

    pub async fn checkout_wallet(&self, system: &TestSystem, key: &str) -> Value {
        self.ask(
            system,
            CHECKOUT,
            json!({ "i": { "deliveryAddressId": self.address_id, "paymentMethod": "WALLET", "idempotencyKey": key } }),
        )
        .await
    }

    pub async fn checkout_card(&self, system: &TestSystem, card_id: &str, key: &str) -> Value {
        self.ask(
            system,
            CHECKOUT,
            json!({ "i": { "deliveryAddressId": self.address_id, "paymentMethod": "CARD", "cardId": card_id, "idempotencyKey": key } }),
        )
        .await
    }

    /// (balance, held) of the wallet, in tiyn.
    pub async fn wallet(&self, system: &TestSystem) -> (i64, i64) {
        let response = self.ask(system, WALLET, json!({})).await;
        let wallet = &response["data"]["me"]["wallet"];
        (
            wallet["balance"]["amount"]
                .as_i64()
                .unwrap_or_else(|| panic!("{response}")),
            wallet["held"]["amount"].as_i64().unwrap(),
        )
    }

    pub async fn order(&self, system: &TestSystem, order_id: &str) -> Value {
        let response = self.ask(system, ORDER, json!({ "id": order_id })).await;
        assert!(response["errors"].is_null(), "{response}");
        response["data"]["order"].clone()
    }
}

/// Units of an offer that can still be sold.
pub async fn stock(system: &TestSystem, offer_id: &str) -> i64 {
    let response = system.graphql(OFFER_STOCK, json!({ "o": offer_id })).await;
    response["data"]["offer"]["stock"]
        .as_i64()
        .unwrap_or_else(|| panic!("{response}"))
}

/// Inventory's reservation for an order (HELD, COMMITTED, RELEASED), as an ADMIN sees it.
pub async fn reservation_status(system: &TestSystem, order_id: &str) -> Value {
    let admin = system.login("admin@vitrine.kz", "admin-demo-2026").await;
    let response = system
        .graphql_as(
            &admin,
            "query($o: ID!) { reservation(orderId: $o) { status } }",
            json!({ "o": order_id }),
        )
        .await;
    response["data"]["reservation"]["status"].clone()
}

/// Polls `probe` until it returns Some (events are asynchronous), for up to 20 s.
pub async fn eventually<T, F, Fut>(what: &str, probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    eventually_within(what, Duration::from_secs(20), probe).await
}

/// [`eventually`] with a deadline of its own (a whole order's life, say).
pub async fn eventually_within<T, F, Fut>(what: &str, timeout: Duration, mut probe: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(value) = probe().await {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
