use async_graphql::{Enum, SimpleObject, ID};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use vitrine_kit::money::{Currency, Money};

/// Units of one offer a line may hold.
pub const MAX_QUANTITY: i64 = 99;
/// Different offers one cart may hold.
pub const MAX_LINES: usize = vitrine_kit::contracts::MAX_CART_LINES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum CartStatus {
    /// Being filled; every change is allowed.
    Active,
    /// Claimed by an order's checkout: frozen until the order goes through or is released.
    CheckingOut,
    /// Became an order; the customer's next cart is a new one.
    Ordered,
}
vitrine_kit::stored_as_text!(CartStatus, "cart status");

#[derive(Debug, Clone)]
pub struct Cart {
    pub id: String,
    /// `None` for a guest's cart.
    pub customer_id: Option<String>,
    pub status: CartStatus,
    pub promo_code: Option<String>,
    pub claim_snapshot: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub cart_id: String,
    pub offer_id: String,
    pub product_id: String,
    pub variant_id: Option<String>,
    pub shop_id: String,
    pub quantity: i64,
    /// The unit price the customer last agreed to, in `currency`.
    pub seen_unit_price: i64,
    pub currency: Currency,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PromoKind {
    /// `value` percent off the subtotal (rounded down).
    Percent,
    /// `value` minor units off, at most the subtotal.
    Fixed,
}
vitrine_kit::stored_as_text!(PromoKind, "promo kind");

#[derive(Debug, Clone, PartialEq)]
pub struct Promo {
    /// Upper-case.
    pub code: String,
    pub kind: PromoKind,
    pub value: i64,
    pub currency: Currency,
    /// Minor units of `currency` the subtotal must reach.
    pub min_total: i64,
    pub expires_at: Option<DateTime<Utc>>,
    pub usage_limit: Option<i64>,
    pub used_count: i64,
}

/// What shops and inventory say about an offer right now.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferFacts {
    pub price: Money,
    pub active: bool,
    pub product_id: String,
    pub variant_id: Option<String>,
    pub shop_id: String,
    /// Units inventory can still sell.
    pub available: i64,
}

/// A cart as checkout took it, at the prices the customer agreed to. Stored as JSON in the cart
/// so a replayed claim returns exactly the same answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, SimpleObject)]
#[graphql(name = "CartClaim")]
pub struct Claim {
    pub order_id: ID,
    pub lines: Vec<ClaimedLine>,
    pub subtotal: Money,
    pub discount: Money,
    /// What the order charges: subtotal − discount.
    pub total: Money,
    pub promo_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, SimpleObject)]
pub struct ClaimedLine {
    pub offer_id: ID,
    pub product_id: ID,
    /// The product variant the offer sells, if the product has variants.
    #[serde(default)]
    pub variant_id: Option<ID>,
    pub shop_id: ID,
    pub quantity: i64,
    pub unit_price: Money,
}
