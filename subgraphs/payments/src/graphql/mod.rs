//! Payments' part of the supergraph: saved cards and payment history for customers, `payment`
//! on orders, and the operations orders' saga drives.

mod card;
mod finance;
mod payment;
mod saga;

use crate::loaders::{HistoryLoader, PaymentByOrderLoader};
use crate::processor::Processor;
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(payment::PaymentQuery, card::CardQuery, finance::FinanceQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(card::CardMutation, saga::SagaMutation);

pub type PaymentsSchema = Schema<Query, Mutation, EmptySubscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<Processor>) -> PaymentsSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some(processor) = deps {
        let db = processor.db.clone();
        builder = builder
            .data(DataLoader::new(
                PaymentByOrderLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                HistoryLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(processor)
            .data(db);
    }
    builder.finish()
}
