//! `stockChanged`: live stock for product pages.

use super::types::Product;
use crate::loaders::product_stock;
use async_graphql::{Context, Result, Subscription as LiveRoot, ID};
use futures::Stream;
use vitrine_kit::contracts::{StockChanged, STOCK_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::events::Event;
use vitrine_kit::live::{follow, LiveField};

/// Live stock for product pages.
pub struct Subscription;

const FIELD: &str = "inventory.stockChanged";

/// The topics `routes` reads (declared to the bus at start).
pub const LIVE_TOPICS: &[&str] = &[STOCK_CHANGED];
/// Subscribers follow a product by its id; a stock change names it.
fn routes(event: &Event) -> Vec<(String, String)> {
    event
        .decode_on::<StockChanged>(STOCK_CHANGED)
        .map(|change| vec![(change.product_id.clone(), change.product_id)])
        .unwrap_or_default()
}

fn field(db: Db) -> LiveField<Product> {
    LiveField {
        name: FIELD,
        topics: LIVE_TOPICS,
        routes,
        // The stock, read once for every subscriber of the product.
        load: Box::new(move |ids| {
            let db = db.clone();
            Box::pin(async move {
                let stock = product_stock(&db, &ids).await?;
                Ok(ids
                    .into_iter()
                    .map(|id| {
                        let units = stock.get(&id).copied().unwrap_or(0);
                        (
                            id.clone(),
                            Product {
                                id,
                                stock: Some(units),
                            },
                        )
                    })
                    .collect())
            })
        }),
        // The latest stock stands for every earlier one.
        supersedes: |_, _| true,
        is_last: |_| false,
    }
}

#[LiveRoot]
impl Subscription {
    /// The product's stock now, then again each time units are reserved, sold, restocked or
    /// returned. Anyone may watch.
    async fn stock_changed(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
    ) -> Result<impl Stream<Item = Result<Product>>> {
        let db = ctx.data_unchecked::<Db>().clone();
        let id = product_id.to_string();
        follow(
            ctx,
            FIELD,
            || field(db),
            id.clone(),
            Some(Product::new(id)),
            std::convert::identity,
        )
    }
}
