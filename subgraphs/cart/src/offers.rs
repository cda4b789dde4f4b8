//! What the offers in carts are now: price and whether they sell from shops, units left from
//! inventory. One `_entities` call per subgraph for any number of offers, both at once.

use crate::domain::OfferFacts;
use serde::Deserialize;
use serde_json::json;
use std::collections::HashMap;
use vitrine_kit::error::ApiError;
use vitrine_kit::identity::Identity;
use vitrine_kit::money::{Currency, Money};
use vitrine_kit::peers::{PeerOperation, Peers};

pub const OFFER_FACTS: PeerOperation = PeerOperation {
    peer: "shops",
    document: "query($r: [_Any!]!) { _entities(representations: $r) { \
               ... on Offer { id price { amount currency } active product { id } variant { id } shop { id } } } }",
};
pub const OFFER_STOCK: PeerOperation = PeerOperation {
    peer: "inventory",
    document: "query($r: [_Any!]!) { _entities(representations: $r) { ... on Offer { id stock } } }",
};

#[derive(Deserialize)]
struct Entities<T> {
    #[serde(rename = "_entities")]
    entities: Vec<Option<T>>,
}

#[derive(Deserialize)]
struct IdJson {
    id: String,
}

#[derive(Deserialize)]
struct PriceJson {
    amount: i64,
    currency: String,
}

#[derive(Deserialize)]
struct ShopOfferJson {
    id: String,
    price: PriceJson,
    active: bool,
    product: IdJson,
    variant: Option<IdJson>,
    shop: IdJson,
}

#[derive(Deserialize)]
struct StockJson {
    id: String,
    stock: i64,
}

/// Facts of every offer in `ids` that shops still has; a missing id is an offer that is gone.
/// An offer inventory has no record of has no units.
pub async fn fetch(peers: &Peers, ids: &[String]) -> Result<HashMap<String, OfferFacts>, ApiError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let caller = Identity::service(crate::NAME);
    let representations: Vec<_> = ids
        .iter()
        .map(|id| json!({ "__typename": "Offer", "id": id }))
        .collect();
    let variables = json!({ "r": representations });
    let (shops, stock) = futures::join!(
        peers.call::<Entities<ShopOfferJson>>(&OFFER_FACTS, &caller, variables.clone()),
        peers.call::<Entities<StockJson>>(&OFFER_STOCK, &caller, variables),
    );
    let stock: HashMap<String, i64> = stock?
        .entities
        .into_iter()
        .flatten()
        .map(|s| (s.id, s.stock))
        .collect();
    shops?
        .entities
        .into_iter()
        .flatten()
        .map(|offer| {
            let currency = Currency::parse(&offer.price.currency).ok_or_else(|| {
                ApiError::Internal(anyhow::anyhow!("shops sent currency {}", offer.price.currency))
            })?;
            let facts = OfferFacts {
                price: Money::new(offer.price.amount, currency),
                active: offer.active,
                product_id: offer.product.id,
                variant_id: offer.variant.map(|v| v.id),
                shop_id: offer.shop.id,
                available: stock.get(&offer.id).copied().unwrap_or(0),
            };
            Ok((offer.id, facts))
        })
        .collect()
}
