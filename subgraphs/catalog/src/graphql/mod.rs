//! The catalog's part of the supergraph.

mod category;
mod product;

use crate::loaders::{CategoryLoader, ChildCategoriesLoader, ProductLoader};
use async_graphql::dataloader::DataLoader;
use async_graphql::{EmptyMutation, EmptySubscription, MergedObject, Schema};
use vitrine_kit::db::Db;

pub use category::CategoryQuery;
pub use product::ProductQuery;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(ProductQuery, CategoryQuery);

pub type CatalogSchema = Schema<Query, EmptyMutation, EmptySubscription>;

/// `db: None` builds the schema for SDL export only.
pub fn schema(db: Option<Db>) -> CatalogSchema {
    let mut builder = Schema::build(Query::default(), EmptyMutation, EmptySubscription).enable_federation();
    if let Some(db) = db {
        builder = builder
            .data(DataLoader::new(ProductLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(CategoryLoader(db.clone()), tokio::spawn))
            .data(DataLoader::new(ChildCategoriesLoader(db.clone()), tokio::spawn))
            .data(db);
    }
    builder.finish()
}
