//! The kitchen's view of an order (the orders subgraph owns it).

use super::types::KitchenTicket;
use crate::loaders::TicketByOrderLoader;
use crate::store::TicketRow;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::auth::caller;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::identity::Role;

pub struct Order {
    pub id: String,
}

/// The ticket's customer, kitchen staff, ADMIN and Vitrine services.
fn may_view(ctx: &Context<'_>, ticket: &TicketRow) -> bool {
    let identity = caller(ctx);
    identity.sub.as_deref() == Some(ticket.customer_id.as_str())
        || [Role::Kitchen, Role::Admin, Role::Service]
            .iter()
            .any(|role| identity.has_role(*role))
}

#[Object(name = "Order")]
impl Order {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// How the kitchen is getting on with it; null when the order had nothing to prepare (or
    /// is someone else's).
    async fn kitchen_ticket(&self, ctx: &Context<'_>) -> Result<Option<KitchenTicket>> {
        let ticket = ctx
            .data_unchecked::<DataLoader<TicketByOrderLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?;
        Ok(ticket.filter(|ticket| may_view(ctx, ticket)).map(KitchenTicket))
    }
}
