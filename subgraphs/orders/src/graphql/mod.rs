//! Orders' part of the supergraph: checkout, the order lifecycle and history, `Customer.orders`.

mod checkout;
mod customer;
mod manage;
mod order;
mod query;

use crate::loaders::{HistoryLoader, LinesLoader, OrderLoader, RecentOrdersLoader};
use crate::saga::Saga;
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(query::OrderQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(checkout::CheckoutMutation, manage::ManageMutation);

pub type OrdersSchema = Schema<Query, Mutation, EmptySubscription>;

pub fn schema(saga: Option<Saga>) -> OrdersSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some(saga) = saga {
        let db = saga.db.clone();
        builder = builder
            .data(DataLoader::new(OrderLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(LinesLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(HistoryLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(RecentOrdersLoader(db.clone()), tokio::spawn))
            .data(saga.outbox.clone())
            .data(db)
            .data(saga);
    }
    builder.finish()
}
