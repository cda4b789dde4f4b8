//! Inventory's part of the supergraph: stock fields on the catalog's `Product`.

use crate::loaders::StockLoader;
use crate::store::{self, StockLevel};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, EmptyMutation, EmptySubscription, ErrorExtensions, Object, Result, Schema, ID};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};

/// Inventory's view of a catalog product.
pub struct Product {
    id: String,
    stock: StockLevel,
}

#[Object(name = "Product")]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// Units that can still be sold (on hand minus reserved).
    async fn stock(&self) -> i64 {
        self.stock.available()
    }
    async fn in_stock(&self) -> bool {
        self.stock.available() > 0
    }
}

pub struct Query;

#[Object(name = "Query")]
impl Query {
    /// Products running out, scarcest first: a restocking list.
    async fn low_stock_products(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] threshold: i32,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
    ) -> Result<Vec<Product>> {
        if !(1..=100).contains(&first) {
            return Err(ApiError::bad_input("first must be between 1 and 100").extend());
        }
        let rows = store::low_stock(ctx.data_unchecked::<Db>(), threshold.into(), first.into())
            .await
            .gql()?;
        Ok(rows
            .into_iter()
            .map(|(id, stock)| Product { id, stock })
            .collect())
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Product> {
        let stock = ctx
            .data_unchecked::<DataLoader<StockLoader>>()
            .load_one(id.0.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(Product { id: id.0, stock })
    }
}

pub type InventorySchema = Schema<Query, EmptyMutation, EmptySubscription>;

pub fn schema(db: Option<Db>) -> InventorySchema {
    let mut builder = Schema::build(Query, EmptyMutation, EmptySubscription).enable_federation();
    if let Some(db) = db {
        builder = builder
            .data(DataLoader::new(StockLoader(db.clone()), tokio::spawn))
            .data(db);
    }
    builder.finish()
}
