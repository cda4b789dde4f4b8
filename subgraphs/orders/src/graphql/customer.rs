use crate::graphql::order::Order;
use crate::loaders::RecentOrdersLoader;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::auth::require_self_or_admin;
use vitrine_kit::error::GqlResultExt;

/// Orders' view of an accounts customer.
pub struct Customer {
    pub id: String,
}

#[Object(name = "Customer")]
impl Customer {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// The customer's newest orders (up to 10; `myOrders` pages through all). Themselves or
    /// an ADMIN.
    #[graphql(directive = vitrine_kit::cost_hints::list_size::apply(crate::loaders::RECENT_ORDERS as i32))]
    async fn orders(&self, ctx: &Context<'_>) -> Result<Vec<Order>> {
        require_self_or_admin(ctx, &self.id).gql()?;
        let orders = ctx
            .data_unchecked::<DataLoader<RecentOrdersLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(orders.into_iter().map(Order).collect())
    }
}
