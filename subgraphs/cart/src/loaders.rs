//! Batched lookups: one query (or one call per peer) however many carts a response holds.

use crate::domain::{Cart, Line, OfferFacts, Promo};
use crate::store;
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;
use vitrine_kit::peers::Peers;

/// The open cart of each customer, by customer id.
pub struct OpenCartLoader(pub Db);

impl Loader<String> for OpenCartLoader {
    type Value = Cart;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Cart>, Self::Error> {
        let carts = store::open_carts(&self.0, ids).await.map_err(Arc::new)?;
        Ok(carts
            .into_iter()
            .filter_map(|c| c.customer_id.clone().map(|owner| (owner, c)))
            .collect())
    }
}

/// Lines of each cart, oldest first, by cart id.
pub struct LinesLoader(pub Db);

impl Loader<String> for LinesLoader {
    type Value = Vec<Line>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<Line>>, Self::Error> {
        let mut by_cart: HashMap<String, Vec<Line>> = HashMap::new();
        for line in store::lines_by_carts(&self.0, ids).await.map_err(Arc::new)? {
            by_cart.entry(line.cart_id.clone()).or_default().push(line);
        }
        Ok(by_cart)
    }
}

pub struct PromoLoader(pub Db);

impl Loader<String> for PromoLoader {
    type Value = Promo;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, codes: &[String]) -> Result<HashMap<String, Promo>, Self::Error> {
        let promos = store::promos(&self.0, codes).await.map_err(Arc::new)?;
        Ok(promos.into_iter().map(|p| (p.code.clone(), p)).collect())
    }
}

/// Current facts of offers from shops and inventory; a gone offer has none.
pub struct OfferLoader(pub Arc<Peers>);

impl Loader<String> for OfferLoader {
    type Value = OfferFacts;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, OfferFacts>, Self::Error> {
        crate::offers::fetch(&self.0, ids)
            .await
            .map_err(|e| Arc::new(anyhow::Error::new(e)))
    }
}
