//! Events subgraphs publish to each other: topic names and payloads. The only coupling between
//! subgraphs besides federation entities, so changes here are changes of a public API.

use serde::{Deserialize, Serialize};

pub const PRODUCT_CHANGED: &str = "catalog.product_changed";
pub const OFFER_CHANGED: &str = "shops.offer_changed";
pub const STOCK_CHANGED: &str = "inventory.stock_changed";

/// A catalog product was created or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductChanged {
    pub product_id: String,
    pub archived: bool,
}

/// An offer was created, changed or removed. `set_on_hand`: the seller stated how many units
/// the shop has (inventory makes that the count on hand).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferChanged {
    pub offer_id: String,
    pub shop_id: String,
    pub product_id: String,
    pub owner_id: String,
    pub sellable: bool,
    pub set_on_hand: Option<i64>,
}

/// Units of an offer that can be sold changed (reservation, sale, restock…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockChanged {
    pub offer_id: String,
    pub product_id: String,
    pub available: i64,
}
