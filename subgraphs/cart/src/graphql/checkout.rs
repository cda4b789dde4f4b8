use crate::checkout;
use crate::domain::Claim;
use async_graphql::{Context, Object, Result, ID};
use std::sync::Arc;
use vitrine_kit::auth::require_any_role;
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::identity::Role;
use vitrine_kit::peers::Peers;

fn check_id(id: &ID, name: &str) -> Result<()> {
    vitrine_kit::input::check_line(name, id, 1..=100).gql()
}

#[derive(Default)]
pub struct CheckoutMutation;

/// The orders saga's calls (SERVICE, or an ADMIN). Each is idempotent by order id.
#[Object]
impl CheckoutMutation {
    /// Freezes the customer's cart for the order and returns it at the agreed prices, taking
    /// one use of its promo code. Replaying the same order returns the same claim.
    /// `BAD_USER_INPUT`: the cart is empty. `OUT_OF_STOCK`: too few units left (and nothing
    /// else changed). `CONFLICT`: the cart changed and the customer must review it (prices,
    /// offers gone, the promo code; the message starts with "your cart changed"), the promo
    /// code is used up, or another checkout holds the cart.
    async fn claim_cart(&self, ctx: &Context<'_>, customer_id: ID, order_id: ID) -> Result<Claim> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        check_id(&customer_id, "customerId")?;
        check_id(&order_id, "orderId")?;
        checkout::claim(
            ctx.data_unchecked::<Db>(),
            ctx.data_unchecked::<Arc<Peers>>(),
            &customer_id,
            &order_id,
        )
        .await
        .gql()
    }

    /// The order will not happen: its cart is ACTIVE again and the promo use returns. Always
    /// true: an order that claimed nothing, or was already released, has nothing to give back.
    async fn release_cart(&self, ctx: &Context<'_>, order_id: ID) -> Result<bool> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        check_id(&order_id, "orderId")?;
        checkout::release(ctx.data_unchecked::<Db>(), &order_id)
            .await
            .gql()
    }

    /// The order went through: its cart is ORDERED and the customer's next cart is a new one.
    /// `NOT_FOUND` if the order claimed no cart.
    async fn complete_cart(&self, ctx: &Context<'_>, order_id: ID) -> Result<bool> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        check_id(&order_id, "orderId")?;
        checkout::complete(ctx.data_unchecked::<Db>(), &order_id)
            .await
            .gql()
    }
}
