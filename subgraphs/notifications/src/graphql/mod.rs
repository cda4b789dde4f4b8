//! Notifications' part of the supergraph: the signed-in customer's inbox and their webhooks.

mod inbox;
pub(crate) mod live;
mod webhooks;

use crate::loaders::AttemptsLoader;
use crate::sender::Sender;
use async_graphql::dataloader::DataLoader;
use async_graphql::{MergedObject, MergedSubscription, Schema};
use vitrine_kit::db::Db;

#[derive(MergedObject, Default)]
#[graphql(name = "Query")]
pub struct Query(inbox::InboxQuery, webhooks::WebhookQuery);

#[derive(MergedObject, Default)]
#[graphql(name = "Mutation")]
pub struct Mutation(inbox::InboxMutation, webhooks::WebhookMutation);

#[derive(MergedSubscription, Default)]
#[graphql(name = "Subscription")]
pub struct Subscription(live::InboxSubscription);

pub type NotificationsSchema = Schema<Query, Mutation, Subscription>;

/// What resolvers need: the database, and the sender for `pingWebhook`.
#[derive(Clone)]
pub struct Deps {
    pub db: Db,
    pub sender: Sender,
    pub bus: std::sync::Arc<vitrine_kit::events::EventBus>,
}

/// `deps: None` builds the schema for SDL export only.
pub fn schema(deps: Option<Deps>) -> NotificationsSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), Subscription::default())
        .enable_federation()
        .enable_subscription_in_federation();
    if let Some(deps) = deps {
        builder = builder
            .data(deps.bus)
            .data(DataLoader::new(
                AttemptsLoader(deps.db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(deps.db)
            .data(deps.sender);
    }
    builder.finish()
}
