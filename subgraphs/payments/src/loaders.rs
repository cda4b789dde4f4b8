use crate::store::{self, HistoryRow, PaymentRow};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

/// The payments of many orders in one query: a page of orders asking for `payment` costs one
/// statement here, not one per order.
pub struct PaymentByOrderLoader(pub Db);

impl Loader<String> for PaymentByOrderLoader {
    type Value = PaymentRow;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, order_ids: &[String]) -> Result<HashMap<String, PaymentRow>, Self::Error> {
        let rows = store::payments_by_order_ids(&self.0, order_ids)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|p| (p.order_id.clone(), p)).collect())
    }
}

/// The history of many payments in one query, oldest entry first.
pub struct HistoryLoader(pub Db);

impl Loader<String> for HistoryLoader {
    type Value = Vec<HistoryRow>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, payment_ids: &[String]) -> Result<HashMap<String, Vec<HistoryRow>>, Self::Error> {
        let mut by_payment: HashMap<String, Vec<HistoryRow>> = HashMap::new();
        for entry in store::history_by_payment_ids(&self.0, payment_ids)
            .await
            .map_err(Arc::new)?
        {
            by_payment
                .entry(entry.payment_id.clone())
                .or_default()
                .push(entry);
        }
        Ok(by_payment)
    }
}
