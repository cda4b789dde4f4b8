//! `orderStatusChanged`: an order's status as it changes, for the customer tracking it;
//! `orderUpdated`: every order's, for the staff orders board.

use crate::domain::OrderStatus;
use crate::graphql::order::Order;
use crate::graphql::query::visible_order;
use crate::store;
use async_graphql::{Context, Result, Subscription, ID};
use futures::Stream;
use vitrine_kit::auth::require_any_role;
use vitrine_kit::contracts::{OrderStatusChanged, ORDER_STATUS_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::events::Event;
use vitrine_kit::identity::Role;
use vitrine_kit::live::{follow, LiveField};

#[derive(Default)]
pub struct OrderSubscription;

const FIELD: &str = "orders.orderStatusChanged";
const BOARD_FIELD: &str = "orders.orderUpdated";
/// The board's one key: every order's change goes to every board.
const EVERY_ORDER: &str = "*";

/// The topics `routes` reads (declared to the bus at start).
pub const LIVE_TOPICS: &[&str] = &[ORDER_STATUS_CHANGED];
/// Subscribers follow an order by its id; a status change names it.
fn routes(event: &Event) -> Vec<(String, String)> {
    event
        .decode_on::<OrderStatusChanged>(ORDER_STATUS_CHANGED)
        .map(|change| vec![(change.order_id.clone(), change.order_id)])
        .unwrap_or_default()
}

/// The board hears of every status change.
fn board_routes(event: &Event) -> Vec<(String, String)> {
    event
        .decode_on::<OrderStatusChanged>(ORDER_STATUS_CHANGED)
        .map(|change| vec![(EVERY_ORDER.to_string(), change.order_id)])
        .unwrap_or_default()
}

fn read_orders(db: Db) -> vitrine_kit::live::LoadMany<store::Order> {
    Box::new(move |ids| {
        let db = db.clone();
        Box::pin(async move {
            let orders = store::orders_by_ids(&db, &ids).await?;
            Ok(orders.into_iter().map(|o| (o.order_id.clone(), o)).collect())
        })
    })
}

fn board_field(db: Db) -> LiveField<store::Order> {
    LiveField {
        name: BOARD_FIELD,
        topics: LIVE_TOPICS,
        routes: board_routes,
        load: read_orders(db),
        // One stream carries every order: a state replaces only a waiting one of the same
        // order and status (each status change is kept).
        supersedes: |newer, older| newer.order_id == older.order_id && newer.status == older.status,
        is_last: |_| false,
    }
}

fn field(db: Db) -> LiveField<store::Order> {
    LiveField {
        name: FIELD,
        topics: LIVE_TOPICS,
        routes,
        load: read_orders(db),
        // Each state is a status change: none may be skipped.
        supersedes: |newer, older| newer.status == older.status,
        is_last: |order| {
            matches!(
                order.status,
                OrderStatus::Delivered | OrderStatus::Cancelled | OrderStatus::Failed | OrderStatus::Refunded
            )
        },
    }
}

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
        follow(ctx, FIELD, || field(db), order_id.to_string(), Some(first), Order)
    }

    /// ADMIN (the sales board): each order as its status changes, every customer's, from now
    /// on. A board that falls too far behind gets `CONFLICT` and reloads its page.
    async fn order_updated(&self, ctx: &Context<'_>) -> Result<impl Stream<Item = Result<Order>>> {
        require_any_role(ctx, &[Role::Admin]).gql()?;
        let db = ctx.data_unchecked::<Db>().clone();
        follow(
            ctx,
            BOARD_FIELD,
            || board_field(db),
            EVERY_ORDER.to_string(),
            None,
            Order,
        )
    }
}
