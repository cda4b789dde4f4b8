use crate::store::{self, OfferStock};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

/// Stock of many offers in one query; an offer inventory has not heard of has none.
pub struct OfferStockLoader(pub Db);

impl Loader<String> for OfferStockLoader {
    type Value = OfferStock;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, OfferStock>, Self::Error> {
        let rows = store::stock_by(&self.0, false, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|s| (s.offer_id.clone(), s)).collect())
    }
}

/// Units available per product, summed over its offers, in one query.
pub struct ProductStockLoader(pub Db);

impl Loader<String> for ProductStockLoader {
    type Value = i64;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, i64>, Self::Error> {
        product_stock(&self.0, ids).await.map_err(Arc::new)
    }
}

/// Units that can still be sold per product, over every shop's offer (absent: none known).
pub async fn product_stock(db: &Db, ids: &[String]) -> anyhow::Result<HashMap<String, i64>> {
    let mut totals: HashMap<String, i64> = HashMap::new();
    for stock in store::stock_by(db, true, ids).await? {
        *totals.entry(stock.product_id.clone()).or_default() += stock.available();
    }
    Ok(totals)
}
