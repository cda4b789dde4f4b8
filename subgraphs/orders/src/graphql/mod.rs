//! Orders' part of the supergraph: checkout, the order lifecycle and history, `Customer.orders`.

mod checkout;
mod customer;
pub(crate) mod live;
mod manage;
mod order;
mod query;
mod quote;

use crate::loaders::{HistoryLoader, LinesLoader, OrderLoader, RecentOrdersLoader};
use crate::saga::Saga;
use async_graphql::dataloader::DataLoader;
use async_graphql::{MergedObject, MergedSubscription, Schema};
use std::sync::Arc;
use vitrine_kit::events::EventBus;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(query::OrderQuery, quote::QuoteQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(checkout::CheckoutMutation, manage::ManageMutation);

#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct Subscription(live::OrderSubscription);

pub type OrdersSchema = Schema<Query, Mutation, Subscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<(Saga, Arc<EventBus>)>) -> OrdersSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), Subscription::default())
        .enable_federation()
        .enable_subscription_in_federation();
    if let Some((saga, bus)) = deps {
        let db = saga.db.clone();
        builder = builder
            .data(DataLoader::new(
                OrderLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                LinesLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                HistoryLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                RecentOrdersLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(saga.outbox.clone())
            .data(db)
            .data(bus)
            .data(saga);
    }
    builder.finish()
}
