use crate::domain::{may_set, OrderStatus};
use crate::graphql::order::Order;
use crate::graphql::query::visible_order;
use crate::lifecycle::transition;
use crate::saga::Saga;
use crate::store;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::auth::{caller, require_customer};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::identity::Role;

fn check_reason(reason: Option<&str>) -> Result<(), ApiError> {
    reason.map_or(Ok(()), |r| vitrine_kit::input::check_line("reason", r, 0..=500))
}

#[derive(Default)]
pub struct ManageMutation;

#[Object]
impl ManageMutation {
    /// Cancels your order before the kitchen starts on it (or, when there is nothing to
    /// prepare, before the courier picks it up); the payment is voided (or refunded) and the
    /// units go back to stock. ADMINs may cancel later too.
    async fn cancel_order(&self, ctx: &Context<'_>, order_id: ID, reason: Option<String>) -> Result<Order> {
        let actor = require_customer(ctx).gql()?.to_string();
        check_reason(reason.as_deref()).gql()?;
        let order = visible_order(ctx, &order_id).await.gql()?;
        let staff = caller(ctx).has_role(Role::Admin);
        if order.customer_id != actor && !staff {
            return Err(ApiError::Forbidden(
                "only the customer or an ADMIN may cancel".into(),
            ))
            .gql();
        }
        match order.status {
            OrderStatus::Cancelled => return Ok(Order(order)),
            OrderStatus::Pending => {
                return Err(ApiError::Conflict(
                    "checkout is still running; try again in a moment".into(),
                ))
                .gql()
            }
            OrderStatus::Confirmed => {}
            // Waiting for a courier, and nothing was cooked for it: nothing is wasted.
            OrderStatus::ReadyForDelivery if !was_prepared(ctx, &order_id).await.gql()? => {}
            _ if staff => {}
            other => {
                return Err(ApiError::Conflict(format!(
                    "too late to cancel: the order is {}",
                    other.as_str()
                )))
                .gql()
            }
        }
        let reason = reason.unwrap_or_else(|| "cancelled by the customer".into());
        let order = transition(
            ctx.data_unchecked::<Db>(),
            &ctx.data_unchecked::<Saga>().system,
            ctx.data_unchecked::<OutboxWaker>(),
            &order_id,
            OrderStatus::Cancelled,
            &actor,
            Some(&reason),
        )
        .await
        .gql()?;
        Ok(Order(order))
    }

    /// Staff move orders along: KITCHEN to PREPARING and READY_FOR_DELIVERY, COURIER to
    /// OUT_FOR_DELIVERY and DELIVERED (which captures the payment), ADMIN anything the
    /// lifecycle allows. Other changes are `CONFLICT`.
    async fn update_order_status(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        status: OrderStatus,
        reason: Option<String>,
    ) -> Result<Order> {
        let actor = require_customer(ctx).gql()?.to_string();
        check_reason(reason.as_deref()).gql()?;
        if !may_set(caller(ctx), status) {
            return Err(ApiError::Forbidden(format!(
                "your role may not set an order to {}",
                status.as_str()
            )))
            .gql();
        }
        let order = transition(
            ctx.data_unchecked::<Db>(),
            &ctx.data_unchecked::<Saga>().system,
            ctx.data_unchecked::<OutboxWaker>(),
            &order_id,
            status,
            &actor,
            reason.as_deref(),
        )
        .await
        .gql()?;
        Ok(Order(order))
    }
}

/// Whether the kitchen ever worked on the order.
async fn was_prepared(ctx: &Context<'_>, order_id: &str) -> anyhow::Result<bool> {
    let history = store::history_by_orders(ctx.data_unchecked::<Db>(), &[order_id.to_string()]).await?;
    Ok(history.iter().any(|change| change.to == OrderStatus::Preparing))
}
