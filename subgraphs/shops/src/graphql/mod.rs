//! The shops part of the supergraph.

mod offer;
mod shop;

use crate::loaders::{OfferLoader, OffersByProduct, OffersByShop, OffersByVariant, OffersLoader, ShopLoader};
use crate::store::OfferKey;
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};
use vitrine_kit::db::Db;
use vitrine_kit::events::OutboxWaker;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(shop::ShopQuery, offer::OfferQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(shop::ShopMutation, offer::OfferMutation);

pub type ShopsSchema = Schema<Query, Mutation, EmptySubscription>;

pub fn schema(deps: Option<(Db, OutboxWaker)>) -> ShopsSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some((db, outbox)) = deps {
        builder = builder
            .data(DataLoader::new(
                ShopLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                OfferLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(OffersByProduct(DataLoader::new(
                OffersLoader(db.clone(), OfferKey::Product),
                vitrine_kit::loader::spawn,
            )))
            .data(OffersByShop(DataLoader::new(
                OffersLoader(db.clone(), OfferKey::Shop),
                vitrine_kit::loader::spawn,
            )))
            .data(OffersByVariant(DataLoader::new(
                OffersLoader(db.clone(), OfferKey::Variant),
                vitrine_kit::loader::spawn,
            )))
            .data(outbox)
            .data(db);
    }
    builder.finish()
}
