//! `deliveryUpdated`: a delivery's status, courier position and ETA as they change.

use crate::graphql::delivery::{may_view, Delivery};
use crate::store;
use async_graphql::{Context, Result, Subscription, ID};
use futures::{Stream, StreamExt};
use vitrine_kit::auth::{caller, require_customer};
use vitrine_kit::contracts::{CourierMoved, DeliveryChanged, COURIER_MOVED, DELIVERY_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::Event;
use vitrine_kit::identity::Role;
use vitrine_kit::live::{watch, Watch};

#[derive(Default)]
pub struct DeliverySubscription;

/// Whether `event` is about the delivery of `order_id`.
fn concerns(event: &Event, order_id: &str) -> bool {
    match event.topic.as_str() {
        DELIVERY_CHANGED => event
            .decode::<DeliveryChanged>()
            .is_ok_and(|change| change.order_id == order_id),
        COURIER_MOVED => event
            .decode::<CourierMoved>()
            .is_ok_and(|moved| moved.drops.iter().any(|drop| drop.order_id == order_id)),
        _ => false,
    }
}

#[Subscription]
impl DeliverySubscription {
    /// The order's delivery now (once there is one), then after each status change and as the
    /// courier moves (about once a second), until it is delivered, failed or cancelled. The
    /// order's customer, its courier and ADMINs (`FORBIDDEN` for others).
    async fn delivery_updated(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
    ) -> Result<impl Stream<Item = Result<Delivery>>> {
        require_customer(ctx).gql()?;
        let db = ctx.data_unchecked::<Db>().clone();
        let current = store::deliveries_by_orders(&db, &[order_id.to_string()])
            .await
            .gql()?
            .pop();
        match &current {
            Some(delivery) => may_view(ctx, delivery).gql()?,
            // Not confirmed yet: only staff may wait on an order they cannot see yet.
            None if caller(ctx).has_role(Role::Admin) => {}
            None => return Err(ApiError::not_found("no delivery for this order yet")).gql(),
        }
        let id = order_id.to_string();
        let concerned = id.clone();
        let states = watch(
            ctx,
            Watch {
                first: current,
                concerns: Box::new(move |event| concerns(event, &concerned)),
                load: Box::new(move |_| {
                    let (db, id) = (db.clone(), id.clone());
                    Box::pin(async move { Ok(store::deliveries_by_orders(&db, &[id]).await?.pop()) })
                }),
                is_last: |delivery| delivery.status.is_final(),
            },
        )?;
        Ok(states.map(|state| state.map(Delivery)))
    }
}
