//! Delivery's part of the supergraph: `Order.delivery`, couriers and their routes, the record
//! of deliveries, and what couriers report from the road.

mod courier;
mod delivery;
pub(crate) mod live;
mod terms;

use crate::dispatch::Dispatcher;
use crate::loaders::{CourierLoader, DeliveryByOrderLoader, HistoryLoader, RouteLoader};
use async_graphql::dataloader::DataLoader;
use async_graphql::{MergedObject, MergedSubscription, Schema};
use std::sync::Arc;
use vitrine_kit::events::EventBus;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(courier::CourierQuery, delivery::OrderEntity, terms::TermsQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(courier::CourierMutation);

#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct Subscription(live::DeliverySubscription);

pub type DeliverySchema = Schema<Query, Mutation, Subscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<(Dispatcher, Arc<EventBus>)>) -> DeliverySchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), Subscription::default())
        .enable_federation()
        .enable_subscription_in_federation();
    if let Some((dispatcher, bus)) = deps {
        let db = dispatcher.db.clone();
        builder = builder
            .data(DataLoader::new(
                DeliveryByOrderLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                CourierLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                HistoryLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                RouteLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(dispatcher)
            .data(bus)
            .data(db);
    }
    builder.finish()
}
