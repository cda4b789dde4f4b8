//! `orderStatusChanged`: an order's status as it changes, for the customer tracking it.

use crate::domain::OrderStatus;
use crate::graphql::order::Order;
use crate::graphql::query::visible_order;
use crate::store;
use async_graphql::{Context, Result, Subscription, ID};
use futures::stream::{self, Stream};
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;
use vitrine_kit::contracts::{OrderStatusChanged, ORDER_STATUS_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::EventBus;

#[derive(Default)]
pub struct OrderSubscription;

/// After these nothing more happens to an order worth watching live.
fn is_last(status: OrderStatus) -> bool {
    matches!(
        status,
        OrderStatus::Delivered | OrderStatus::Cancelled | OrderStatus::Failed | OrderStatus::Refunded
    )
}

#[Subscription]
impl OrderSubscription {
    /// The order now, then again after each status change, until it is delivered, cancelled,
    /// failed or refunded. Only the order's customer and staff (`FORBIDDEN` for others). A
    /// subscriber that falls more than a thousand events behind gets an error and should
    /// subscribe again.
    async fn order_status_changed(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<impl Stream<Item = Result<Order>>> {
        let first = visible_order(ctx, &order_id).await.gql()?;
        let db = ctx.data_unchecked::<Db>().clone();
        let live = ctx.data_unchecked::<Arc<EventBus>>().live();
        let order_id = order_id.to_string();
        // (receiver, the order to send next, whether the last one was sent)
        let start = (live, Some(first), false);
        Ok(stream::unfold(start, move |(mut live, next, done)| {
            let (db, order_id) = (db.clone(), order_id.clone());
            async move {
                if done {
                    return None;
                }
                if let Some(order) = next {
                    let last = is_last(order.status);
                    return Some((Ok(Order(order)), (live, None, last)));
                }
                loop {
                    let event = match live.recv().await {
                        Ok(event) => event,
                        Err(RecvError::Lagged(_)) => {
                            let behind =
                                ApiError::Conflict("too many changes at once: subscribe again".into());
                            return Some((Err(behind).gql(), (live, None, true)));
                        }
                        Err(RecvError::Closed) => return None,
                    };
                    if event.topic != ORDER_STATUS_CHANGED {
                        continue;
                    }
                    let Ok(change) = event.decode::<OrderStatusChanged>() else {
                        continue;
                    };
                    if change.order_id != order_id {
                        continue;
                    }
                    return match store::order(&db, &order_id).await {
                        Ok(Some(order)) => {
                            let last = is_last(order.status);
                            Some((Ok(Order(order)), (live, None, last)))
                        }
                        Ok(None) => None,
                        Err(err) => Some((Err(ApiError::Internal(err)).gql(), (live, None, true))),
                    };
                }
            }
        }))
    }
}
