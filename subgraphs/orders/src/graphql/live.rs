//! `orderStatusChanged`: an order's status as it changes, for the customer tracking it.

use crate::domain::OrderStatus;
use crate::graphql::order::Order;
use crate::graphql::query::visible_order;
use crate::store;
use async_graphql::{Context, Result, Subscription, ID};
use futures::{Stream, StreamExt};
use vitrine_kit::contracts::{OrderStatusChanged, ORDER_STATUS_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::live::{watch, Watch};

#[derive(Default)]
pub struct OrderSubscription;

#[Subscription]
impl OrderSubscription {
    /// The order now, then again after each status change, until it is delivered, cancelled,
    /// failed or refunded. Only the order's customer and staff (`FORBIDDEN` for others).
    async fn order_status_changed(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<impl Stream<Item = Result<Order>>> {
        let first = visible_order(ctx, &order_id).await.gql()?;
        let db = ctx.data_unchecked::<Db>().clone();
        let id = order_id.to_string();
        let concerned = id.clone();
        let states = watch(
            ctx,
            Watch {
                first: Some(first),
                concerns: Box::new(move |event| {
                    event.topic == ORDER_STATUS_CHANGED
                        && event
                            .decode::<OrderStatusChanged>()
                            .is_ok_and(|change| change.order_id == concerned)
                }),
                load: Box::new(move |_| {
                    let (db, id) = (db.clone(), id.clone());
                    Box::pin(async move { store::order(&db, &id).await })
                }),
                is_last: |order| {
                    matches!(
                        order.status,
                        OrderStatus::Delivered
                            | OrderStatus::Cancelled
                            | OrderStatus::Failed
                            | OrderStatus::Refunded
                    )
                },
            },
        )?;
        Ok(states.map(|state| state.map(Order)))
    }
}
