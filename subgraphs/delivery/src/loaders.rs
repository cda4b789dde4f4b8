//! Batched lookups: one query per list, however many orders or deliveries a response holds.

use crate::store::{self, Courier, Delivery, DeliveryEvent, Stop};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

pub struct DeliveryByOrderLoader(pub Db);

impl Loader<String> for DeliveryByOrderLoader {
    type Value = Delivery;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, order_ids: &[String]) -> Result<HashMap<String, Delivery>, Self::Error> {
        let rows = store::deliveries_by_orders(&self.0, order_ids)
            .await
            .map_err(Arc::new)?;
        Ok(rows.into_iter().map(|d| (d.order_id.clone(), d)).collect())
    }
}

pub struct CourierLoader(pub Db);

impl Loader<String> for CourierLoader {
    type Value = Courier;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Courier>, Self::Error> {
        let rows = store::couriers_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|c| (c.courier_id.clone(), c)).collect())
    }
}

pub struct HistoryLoader(pub Db);

impl Loader<String> for HistoryLoader {
    type Value = Vec<DeliveryEvent>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<DeliveryEvent>>, Self::Error> {
        let mut by_delivery: HashMap<String, Vec<DeliveryEvent>> = HashMap::new();
        for event in store::events_of(&self.0, ids).await.map_err(Arc::new)? {
            by_delivery
                .entry(event.delivery_id.clone())
                .or_default()
                .push(event);
        }
        Ok(by_delivery)
    }
}

pub struct RouteLoader(pub Db);

impl Loader<String> for RouteLoader {
    type Value = Vec<Stop>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, courier_ids: &[String]) -> Result<HashMap<String, Vec<Stop>>, Self::Error> {
        let mut by_courier: HashMap<String, Vec<Stop>> = HashMap::new();
        for stop in store::routes_of(&self.0, courier_ids).await.map_err(Arc::new)? {
            by_courier.entry(stop.courier_id.clone()).or_default().push(stop);
        }
        Ok(by_courier)
    }
}
