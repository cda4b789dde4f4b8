//! Inventory's part of the supergraph: stock on catalog products and shop offers, and the
//! reservation API checkout uses.

/// `stockChanged`.
pub(crate) mod live;
/// Root mutations.
mod mutation;
/// Root queries and entities.
mod query;
/// Object and input types.
mod types;

pub use live::Subscription;
pub use mutation::Mutation;
pub use query::Query;
pub use types::ReservationLineInput;

use crate::loaders::{OfferStockLoader, ProductStockLoader};
use async_graphql::dataloader::DataLoader;
use async_graphql::Schema;
use std::sync::Arc;
use vitrine_kit::db::Db;
use vitrine_kit::events::{EventBus, OutboxWaker};

pub type InventorySchema = Schema<Query, Mutation, Subscription>;

pub fn schema(deps: Option<(Db, OutboxWaker, Arc<EventBus>)>) -> InventorySchema {
    let mut builder = Schema::build(Query, Mutation, Subscription)
        .enable_federation()
        .enable_subscription_in_federation();
    if let Some((db, outbox, bus)) = deps {
        builder = builder
            .data(bus)
            .data(DataLoader::new(
                OfferStockLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                ProductStockLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(outbox)
            .data(db);
    }
    builder.finish()
}
