//! The shops part of the supergraph.

mod offer;
mod shop;

use crate::loaders::{OfferLoader, OffersByProduct, OffersByShop, OffersLoader, ShopLoader};
use crate::store::OfferKey;
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};
use std::sync::Arc;
use tokio::sync::Notify;
use vitrine_kit::db::Db;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(shop::ShopQuery, offer::OfferQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(shop::ShopMutation, offer::OfferMutation);

pub type ShopsSchema = Schema<Query, Mutation, EmptySubscription>;

/// Wakes the outbox relay after a commit that wrote events.
#[derive(Clone)]
pub struct OutboxWaker(pub Arc<Notify>);

pub fn schema(deps: Option<(Db, Arc<Notify>)>) -> ShopsSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some((db, outbox)) = deps {
        builder = builder
            .data(DataLoader::new(ShopLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(OfferLoader(db.clone()), tokio::spawn))
            .data(OffersByProduct(DataLoader::new(
                OffersLoader(db.clone(), OfferKey::Product),
                tokio::spawn,
            )))
            .data(OffersByShop(DataLoader::new(
                OffersLoader(db.clone(), OfferKey::Shop),
                tokio::spawn,
            )))
            .data(OutboxWaker(outbox))
            .data(db);
    }
    builder.finish()
}
