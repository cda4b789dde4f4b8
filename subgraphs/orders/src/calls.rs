//! The saga's calls to other subgraphs' public APIs (never their tables). Each is idempotent by
//! order id on the other side, so a retry after a crash or a timeout is harmless.

use crate::store::{DeliveryAddress, Line, Order};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::json;
use vitrine_kit::identity::Identity;
use vitrine_kit::peers::{PeerError, PeerOperation, Peers};

pub const CLAIM_CART: PeerOperation = PeerOperation {
    peer: "cart",
    document: "mutation($c: ID!, $o: ID!) { claimCart(customerId: $c, orderId: $o) { \
               lines { offerId productId variantId shopId quantity unitPrice { amount currency } } \
               subtotal { amount currency } discount { amount currency } total { amount currency } promoCode } }",
};
pub const COMPLETE_CART: PeerOperation = PeerOperation {
    peer: "cart",
    document: "mutation($o: ID!) { completeCart(orderId: $o) }",
};
pub const RELEASE_CART: PeerOperation = PeerOperation {
    peer: "cart",
    document: "mutation($o: ID!) { releaseCart(orderId: $o) }",
};
pub const RESERVE_STOCK: PeerOperation = PeerOperation {
    peer: "inventory",
    document:
        "mutation($o: ID!, $l: [ReservationLineInput!]!) { reserveStock(orderId: $o, lines: $l) { status } }",
};
pub const COMMIT_STOCK: PeerOperation = PeerOperation {
    peer: "inventory",
    document: "mutation($o: ID!) { commitReservation(orderId: $o) { status } }",
};
pub const RELEASE_STOCK: PeerOperation = PeerOperation {
    peer: "inventory",
    document: "mutation($o: ID!) { releaseReservation(orderId: $o) { status } }",
};
pub const AUTHORIZE_PAYMENT: PeerOperation = PeerOperation {
    peer: "payments",
    document: "mutation($i: AuthorizePaymentInput!) { authorizePayment(input: $i) { id status } }",
};
pub const VOID_PAYMENT: PeerOperation = PeerOperation {
    peer: "payments",
    document: "mutation($o: ID!) { voidPayment(orderId: $o) { id } }",
};
pub const MY_ADDRESSES: PeerOperation = PeerOperation {
    peer: "accounts",
    document: "{ me { addresses { id label line1 line2 city postalCode latitude longitude } } }",
};

pub const MY_CART_LINES: PeerOperation = PeerOperation {
    peer: "cart",
    document: "{ myCart { lines { product { id } variant { id } shopId } total { amount currency } } }",
};
pub const PREP_ESTIMATE: PeerOperation = PeerOperation {
    peer: "kitchen",
    document: "query($l: [PrepLineInput!]!) { prepEstimate(lines: $l) { readyAt } }",
};
pub const DELIVERY_TERMS: PeerOperation = PeerOperation {
    peer: "delivery",
    document: "query($i: DeliveryTermsInput!) { deliveryTerms(input: $i) { \
               fee { amount } distanceMeters promisedAt } }",
};

/// Every operation the saga sends (checked against the peers' schemas by a test).
pub const PEER_OPERATIONS: &[PeerOperation] = &[
    CLAIM_CART,
    COMPLETE_CART,
    RELEASE_CART,
    RESERVE_STOCK,
    COMMIT_STOCK,
    RELEASE_STOCK,
    AUTHORIZE_PAYMENT,
    VOID_PAYMENT,
    MY_ADDRESSES,
    MY_CART_LINES,
    PREP_ESTIMATE,
    DELIVERY_TERMS,
];

fn orders() -> Identity {
    Identity::service(crate::NAME)
}

#[derive(Deserialize)]
struct MoneyJson {
    amount: i64,
    #[serde(default)]
    currency: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClaimedLineJson {
    offer_id: String,
    product_id: String,
    variant_id: Option<String>,
    shop_id: String,
    quantity: i64,
    unit_price: MoneyJson,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ClaimJson {
    lines: Vec<ClaimedLineJson>,
    subtotal: MoneyJson,
    discount: MoneyJson,
    total: MoneyJson,
    promo_code: Option<String>,
}

/// What the cart held when checkout took it, at the prices the customer saw.
pub struct ClaimedCart {
    pub lines: Vec<Line>,
    pub subtotal: i64,
    pub discount: i64,
    pub total: i64,
    pub currency: String,
    pub promo_code: Option<String>,
}

/// Takes the customer's cart for this order (consuming its promo code).
pub async fn claim_cart(peers: &Peers, customer_id: &str, order_id: &str) -> Result<ClaimedCart, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        claim_cart: ClaimJson,
    }
    let data: Data = peers
        .call(&CLAIM_CART, &orders(), json!({ "c": customer_id, "o": order_id }))
        .await?;
    let claim = data.claim_cart;
    Ok(ClaimedCart {
        lines: claim
            .lines
            .into_iter()
            .map(|l| Line {
                order_id: order_id.to_string(),
                offer_id: l.offer_id,
                product_id: l.product_id,
                variant_id: l.variant_id,
                shop_id: l.shop_id,
                quantity: l.quantity,
                unit_price: l.unit_price.amount,
            })
            .collect(),
        subtotal: claim.subtotal.amount,
        discount: claim.discount.amount,
        total: claim.total.amount,
        currency: claim.total.currency,
        promo_code: claim.promo_code,
    })
}

/// Runs a mutation whose only argument is the order id, ignoring its answer.
async fn by_order(peers: &Peers, operation: &PeerOperation, order_id: &str) -> Result<(), PeerError> {
    let _: serde_json::Value = peers.call(operation, &orders(), json!({ "o": order_id })).await?;
    Ok(())
}

/// The order went through: the cart is done and the customer gets a new one.
pub async fn complete_cart(peers: &Peers, order_id: &str) -> Result<(), PeerError> {
    by_order(peers, &COMPLETE_CART, order_id).await
}

/// The order did not happen: the customer gets the cart (and the promo use) back.
pub async fn release_cart(peers: &Peers, order_id: &str) -> Result<(), PeerError> {
    by_order(peers, &RELEASE_CART, order_id).await
}

pub async fn reserve_stock(peers: &Peers, order_id: &str, lines: &[Line]) -> Result<(), PeerError> {
    let lines: Vec<_> = lines
        .iter()
        .map(|l| json!({ "offerId": l.offer_id, "quantity": l.quantity }))
        .collect();
    let _: serde_json::Value = peers
        .call(&RESERVE_STOCK, &orders(), json!({ "o": order_id, "l": lines }))
        .await?;
    Ok(())
}

pub async fn commit_stock(peers: &Peers, order_id: &str) -> Result<(), PeerError> {
    by_order(peers, &COMMIT_STOCK, order_id).await
}

/// Gives held units back; an order that never reserved has nothing to release.
pub async fn release_stock(peers: &Peers, order_id: &str) -> Result<(), PeerError> {
    match by_order(peers, &RELEASE_STOCK, order_id).await {
        Err(PeerError::Rejected(vitrine_kit::error::ApiError::NotFound(_))) => Ok(()),
        other => other,
    }
}

pub async fn authorize_payment(peers: &Peers, order: &Order) -> Result<(), PeerError> {
    let _: serde_json::Value = peers
        .call(
            &AUTHORIZE_PAYMENT,
            &orders(),
            json!({ "i": {
                "orderId": order.order_id,
                "customerId": order.customer_id,
                "amount": order.total,
                "currency": order.currency,
                "method": order.payment_method.as_str(),
                "cardId": order.card_id,
            }}),
        )
        .await?;
    Ok(())
}

/// Voids the authorization, or leaves a mark that refuses a late one.
pub async fn void_payment(peers: &Peers, order_id: &str) -> Result<(), PeerError> {
    by_order(peers, &VOID_PAYMENT, order_id).await
}

/// The customer's own address `address_id`, read as the customer from accounts.
pub async fn delivery_address(
    peers: &Peers,
    customer_id: &str,
    address_id: &str,
) -> Result<Option<DeliveryAddress>, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct AddressJson {
        id: String,
        label: String,
        line1: String,
        line2: Option<String>,
        city: String,
        postal_code: Option<String>,
        latitude: f64,
        longitude: f64,
    }
    #[derive(Deserialize)]
    struct Me {
        addresses: Vec<AddressJson>,
    }
    #[derive(Deserialize)]
    struct Data {
        me: Me,
    }
    let data: Data = peers
        .call(&MY_ADDRESSES, &Identity::customer(customer_id), json!({}))
        .await?;
    Ok(data
        .me
        .addresses
        .into_iter()
        .find(|a| a.id == address_id)
        .map(|a| DeliveryAddress {
            id: a.id,
            label: a.label,
            line1: a.line1,
            line2: a.line2,
            city: a.city,
            postal_code: a.postal_code,
            latitude: a.latitude,
            longitude: a.longitude,
        }))
}

/// One line of a cart, as a quote needs it: what the kitchen makes, and where it leaves from.
pub struct QuoteLine {
    pub product_id: String,
    pub variant_id: Option<String>,
    pub shop_id: String,
}

/// What a cart holds, for a quote: its lines, and the goods' total.
pub struct CartContents {
    pub lines: Vec<QuoteLine>,
    pub total: i64,
    pub currency: String,
}

/// The customer's open cart, read as the customer (nothing is claimed).
pub async fn my_cart(peers: &Peers, customer_id: &str) -> Result<CartContents, PeerError> {
    #[derive(Deserialize)]
    struct ProductJson {
        id: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct LineJson {
        product: ProductJson,
        variant: Option<ProductJson>,
        shop_id: String,
    }
    #[derive(Deserialize)]
    struct CartJson {
        lines: Vec<LineJson>,
        total: MoneyJson,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        my_cart: CartJson,
    }
    let data: Data = peers
        .call(&MY_CART_LINES, &Identity::customer(customer_id), json!({}))
        .await?;
    Ok(CartContents {
        lines: data
            .my_cart
            .lines
            .into_iter()
            .map(|l| QuoteLine {
                product_id: l.product.id,
                variant_id: l.variant.map(|v| v.id),
                shop_id: l.shop_id,
            })
            .collect(),
        total: data.my_cart.total.amount,
        currency: data.my_cart.total.currency,
    })
}

/// What delivery would cost and when it would arrive.
pub struct DeliveryQuote {
    pub fee: i64,
    pub distance_m: i64,
    pub promised_at: DateTime<Utc>,
}

/// The kitchen's estimate for these lines, then delivery's terms from their shops to `door`:
/// the fee and the promised time checkout shows, and keeps with the order. `BAD_USER_INPUT`
/// (rejected) when the door is outside the delivery area.
pub async fn quote_delivery(
    peers: &Peers,
    lines: &[QuoteLine],
    door: (f64, f64),
    goods_total: i64,
    currency: &str,
) -> Result<DeliveryQuote, PeerError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Estimate {
        ready_at: DateTime<Utc>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct EstimateData {
        prep_estimate: Estimate,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Terms {
        fee: MoneyJson,
        distance_meters: i64,
        promised_at: DateTime<Utc>,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct TermsData {
        delivery_terms: Terms,
    }
    let products: Vec<_> = lines
        .iter()
        .map(|l| json!({ "productId": l.product_id, "variantId": l.variant_id }))
        .collect();
    let estimate: EstimateData = peers
        .call(&PREP_ESTIMATE, &orders(), json!({ "l": products }))
        .await?;
    let mut shops: Vec<&str> = lines.iter().map(|l| l.shop_id.as_str()).collect();
    shops.sort_unstable();
    shops.dedup();
    let terms: TermsData = peers
        .call(
            &DELIVERY_TERMS,
            &orders(),
            json!({ "i": {
                "shopIds": shops,
                "latitude": door.0,
                "longitude": door.1,
                "goodsTotal": goods_total,
                "currency": currency,
                "readyAt": estimate.prep_estimate.ready_at,
            }}),
        )
        .await?;
    let terms = terms.delivery_terms;
    Ok(DeliveryQuote {
        fee: terms.fee.amount,
        distance_m: terms.distance_meters,
        promised_at: terms.promised_at,
    })
}
