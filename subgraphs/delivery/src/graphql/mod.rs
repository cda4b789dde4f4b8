//! Delivery's part of the supergraph: `Order.delivery`, couriers and their routes, the record
//! of deliveries, and what couriers report from the road.

mod courier;
mod delivery;

use crate::dispatch::Dispatcher;
use crate::loaders::{CourierLoader, DeliveryByOrderLoader, HistoryLoader, RouteLoader};
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(courier::CourierQuery, delivery::OrderEntity);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(courier::CourierMutation);

pub type DeliverySchema = Schema<Query, Mutation, EmptySubscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<Dispatcher>) -> DeliverySchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some(dispatcher) = deps {
        let db = dispatcher.db.clone();
        builder = builder
            .data(DataLoader::new(DeliveryByOrderLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(CourierLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(HistoryLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(RouteLoader(db.clone()), tokio::spawn))
            .data(dispatcher)
            .data(db);
    }
    builder.finish()
}
