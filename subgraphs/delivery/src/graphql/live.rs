//! `deliveryUpdated`: a delivery's status, courier position and ETA as they change.

use crate::graphql::delivery::{may_view, Delivery};
use crate::store;
use async_graphql::{Context, Result, Subscription, ID};
use futures::Stream;
use vitrine_kit::auth::{caller, require_customer};
use vitrine_kit::contracts::{CourierMoved, DeliveryChanged, COURIER_MOVED, DELIVERY_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::Event;
use vitrine_kit::identity::Role;
use vitrine_kit::live::{follow, LiveField};

#[derive(Default)]
pub struct DeliverySubscription;

const FIELD: &str = "delivery.deliveryUpdated";

/// The topics `routes` reads (declared to the bus at start).
pub const LIVE_TOPICS: &[&str] = &[DELIVERY_CHANGED, COURIER_MOVED];
/// Subscribers follow a delivery by its order's id: a status change names the order, a
/// courier's move every order on its route.
fn routes(event: &Event) -> Vec<(String, String)> {
    let orders = match event.topic.as_str() {
        DELIVERY_CHANGED => event
            .decode::<DeliveryChanged>()
            .map(|change| vec![change.order_id])
            .unwrap_or_default(),
        COURIER_MOVED => event
            .decode::<CourierMoved>()
            .map(|moved| moved.drops.into_iter().map(|drop| drop.order_id).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    orders.into_iter().map(|order| (order.clone(), order)).collect()
}

fn field(db: Db) -> LiveField<store::Delivery> {
    LiveField {
        name: FIELD,
        topics: LIVE_TOPICS,
        routes,
        load: Box::new(move |order_ids| {
            let db = db.clone();
            Box::pin(async move {
                let deliveries = store::deliveries_by_orders(&db, &order_ids).await?;
                Ok(deliveries.into_iter().map(|d| (d.order_id.clone(), d)).collect())
            })
        }),
        // The same status: only the courier's position and the ETA moved, so the newer
        // state may stand for both. A status change is always sent.
        supersedes: |newer, older| newer.status == older.status,
        is_last: |delivery| delivery.status.is_final(),
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
        follow(ctx, FIELD, || field(db), order_id.to_string(), current, Delivery)
    }
}
