//! Kitchen's part of the supergraph: the queue and stations for kitchen staff, the ticket on
//! `Order` for its customer, and the mutations that steer the kitchen.

mod estimate;
pub(crate) mod live;
mod manage;
mod order;
mod queue;
mod types;

use crate::loaders::{ItemsLoader, TicketByOrderLoader};
use crate::tickets::Kitchen;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, MergedObject, MergedSubscription, Schema};
use std::sync::Arc;
use vitrine_kit::auth::require_any_role;
use vitrine_kit::error::ApiError;
use vitrine_kit::events::EventBus;
use vitrine_kit::identity::Role;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(queue::KitchenQuery, estimate::EstimateQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(manage::KitchenMutation);

#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct Subscription(live::KitchenSubscription);

pub type KitchenSchema = Schema<Query, Mutation, Subscription>;

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<(Kitchen, Arc<EventBus>)>) -> KitchenSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), Subscription::default())
        .enable_federation()
        .enable_subscription_in_federation();
    if let Some((kitchen, bus)) = deps {
        let db = kitchen.db.clone();
        builder = builder
            .data(DataLoader::new(
                TicketByOrderLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                ItemsLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(db)
            .data(bus)
            .data(kitchen);
    }
    builder.finish()
}

/// KITCHEN or ADMIN; others `FORBIDDEN`, anonymous callers `UNAUTHENTICATED`.
fn require_staff(ctx: &Context<'_>) -> Result<(), ApiError> {
    require_any_role(ctx, &[Role::Kitchen])
}
