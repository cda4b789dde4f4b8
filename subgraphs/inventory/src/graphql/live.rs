//! `stockChanged`: live stock for product pages.

use super::types::Product;
use async_graphql::{Context, Result, Subscription as LiveRoot, ID};
use futures::Stream;
use vitrine_kit::contracts::{StockChanged, STOCK_CHANGED};
use vitrine_kit::live::{watch, Watch};

/// Live stock for product pages.
pub struct Subscription;

#[LiveRoot]
impl Subscription {
    /// The product's stock now, then again each time units are reserved, sold, restocked or
    /// returned. Anyone may watch.
    async fn stock_changed(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
    ) -> Result<impl Stream<Item = Result<Product>>> {
        let id = product_id.to_string();
        let (concerned, loaded) = (id.clone(), id.clone());
        watch(
            ctx,
            Watch {
                first: Some(Product { id }),
                concerns: Box::new(move |event| {
                    event.topic == STOCK_CHANGED
                        && event
                            .decode::<StockChanged>()
                            .is_ok_and(|change| change.product_id == concerned)
                }),
                // The stock itself is read when the router asks for `stock`.
                load: Box::new(move |_| {
                    let id = loaded.clone();
                    Box::pin(async move { Ok(Some(Product { id })) })
                }),
                is_last: |_| false,
            },
        )
    }
}
