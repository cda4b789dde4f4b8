//! The catalog's part of the supergraph.

mod category;
mod manage;
mod product;
mod search;
mod variant;

use crate::loaders::{
    CategoryLoader, ChildCategoriesLoader, ImagesLoader, ProductLoader, VariantLoader, VariantsLoader,
};
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptySubscription, MergedObject, Schema};
use vitrine_kit::db::Db;
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::media::MediaStore;

pub use category::CategoryQuery;
pub use product::ProductQuery;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(
    ProductQuery,
    CategoryQuery,
    search::SearchQuery,
    variant::VariantQuery,
);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(manage::ProductMutation, variant::VariantMutation);

pub type CatalogSchema = Schema<Query, Mutation, EmptySubscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<(Db, OutboxWaker, MediaStore)>) -> CatalogSchema {
    let mut builder =
        Schema::build(Query::default(), Mutation::default(), EmptySubscription).enable_federation();
    if let Some((db, outbox, media)) = deps {
        builder = builder
            .data(media)
            .data(crate::uploads::Decoding::one_a_core())
            .data(DataLoader::new(
                ProductLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                CategoryLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                ImagesLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                VariantsLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                VariantLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                ChildCategoriesLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(outbox)
            .data(db);
    }
    builder.finish()
}
