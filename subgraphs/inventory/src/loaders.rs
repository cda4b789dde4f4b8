use crate::store::{self, StockLevel};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

/// Stock of many products in one query; a product without a row has none.
pub struct StockLoader(pub Db);

impl Loader<String> for StockLoader {
    type Value = StockLevel;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, StockLevel>, Self::Error> {
        Ok(store::stock_by_product_ids(&self.0, ids)
            .await
            .map_err(Arc::new)?
            .into_iter()
            .collect())
    }
}
