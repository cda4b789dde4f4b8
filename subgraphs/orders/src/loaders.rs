//! Batched lookups: one query per list, however many orders a response holds.

use crate::store::{self, Line, Order, StatusChange};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

pub struct OrderLoader(pub Db);

impl Loader<String> for OrderLoader {
    type Value = Order;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Order>, Self::Error> {
        let orders = store::orders_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(orders.into_iter().map(|o| (o.order_id.clone(), o)).collect())
    }
}

pub struct LinesLoader(pub Db);

impl Loader<String> for LinesLoader {
    type Value = Vec<Line>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<Line>>, Self::Error> {
        let mut by_order: HashMap<String, Vec<Line>> = HashMap::new();
        for line in store::lines_by_orders(&self.0, ids).await.map_err(Arc::new)? {
            by_order.entry(line.order_id.clone()).or_default().push(line);
        }
        Ok(by_order)
    }
}

pub struct HistoryLoader(pub Db);

impl Loader<String> for HistoryLoader {
    type Value = Vec<StatusChange>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<StatusChange>>, Self::Error> {
        let mut by_order: HashMap<String, Vec<StatusChange>> = HashMap::new();
        for change in store::history_by_orders(&self.0, ids).await.map_err(Arc::new)? {
            by_order.entry(change.order_id.clone()).or_default().push(change);
        }
        Ok(by_order)
    }
}

/// The newest orders of each customer (`Customer.orders` over a list of customers).
pub struct RecentOrdersLoader(pub Db);

/// How many orders `Customer.orders` shows; `myOrders` pages through all of them.
pub const RECENT_ORDERS: i64 = 10;

impl Loader<String> for RecentOrdersLoader {
    type Value = Vec<Order>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<Order>>, Self::Error> {
        let mut by_customer: HashMap<String, Vec<Order>> = HashMap::new();
        for order in store::latest_for_customers(&self.0, ids, RECENT_ORDERS)
            .await
            .map_err(Arc::new)?
        {
            by_customer
                .entry(order.customer_id.clone())
                .or_default()
                .push(order);
        }
        Ok(by_customer)
    }
}
