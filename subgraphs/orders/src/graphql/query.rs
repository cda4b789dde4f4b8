use crate::domain::OrderStatus;
use crate::graphql::customer::Customer;
use crate::graphql::order::{Order, OrderPage};
use crate::loaders::OrderLoader;
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{caller, require_any_role, require_customer};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::{Identity, Role};
use vitrine_kit::paging;

/// Staff and services see every order; customers their own.
pub fn may_view(identity: &Identity, order: &store::Order) -> bool {
    identity.sub.as_deref() == Some(order.customer_id.as_str())
        || [Role::Admin, Role::Service, Role::Kitchen, Role::Courier]
            .iter()
            .any(|r| identity.has_role(*r))
}

/// The order `id` if the caller may see it: `NOT_FOUND` if there is none, `FORBIDDEN` if it
/// is someone else's.
pub async fn visible_order(ctx: &Context<'_>, id: &str) -> Result<store::Order, ApiError> {
    let identity = caller(ctx);
    if identity.sub.is_none() {
        return Err(ApiError::Unauthenticated("sign in first".into()));
    }
    let order = ctx
        .data_unchecked::<DataLoader<OrderLoader>>()
        .load_one(id.to_string())
        .await?
        .ok_or_else(|| ApiError::not_found("no such order"))?;
    if !may_view(identity, &order) {
        return Err(ApiError::Forbidden(
            "this order belongs to another customer".into(),
        ));
    }
    Ok(order)
}

#[derive(Default)]
pub struct OrderQuery;

#[Object]
impl OrderQuery {
    /// Your orders, newest first. `after`: a `cursor` from the previous page.
    async fn my_orders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
        status: Option<OrderStatus>,
    ) -> Result<OrderPage> {
        let customer_id = require_customer(ctx).gql()?;
        let first = paging::check_first(first).gql()?;
        let before = paging::parse_after(after.as_deref()).gql()?;
        let db = ctx.data_unchecked::<Db>();
        let mut orders = store::page_for_customer(db, customer_id, status, first + 1, before)
            .await
            .gql()?;
        let next_cursor = paging::next_page(&mut orders, first, |o| (o.created_at, o.order_id.as_str()));
        Ok(OrderPage {
            orders: orders.into_iter().map(Order).collect(),
            next_cursor,
        })
    }

    /// ADMIN (sales): every customer's orders, newest first, narrowed by status, by a shop
    /// that sold a line of it, and by when it was created (`createdFrom` inclusive,
    /// `createdTo` exclusive). `after`: a `cursor` from the previous page.
    #[allow(clippy::too_many_arguments)]
    async fn orders(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
        status: Option<OrderStatus>,
        shop_id: Option<ID>,
        created_from: Option<DateTime<Utc>>,
        created_to: Option<DateTime<Utc>>,
    ) -> Result<OrderPage> {
        require_any_role(ctx, &[Role::Admin]).gql()?;
        let first = paging::check_first(first).gql()?;
        let before = paging::parse_after(after.as_deref()).gql()?;
        let filter = store::OrderFilter {
            status,
            shop_id: shop_id.map(|id| id.0),
            created_from,
            created_to,
        };
        let db = ctx.data_unchecked::<Db>();
        let mut orders = store::page_all(db, &filter, first + 1, before).await.gql()?;
        let next_cursor = paging::next_page(&mut orders, first, |o| (o.created_at, o.order_id.as_str()));
        Ok(OrderPage {
            orders: orders.into_iter().map(Order).collect(),
            next_cursor,
        })
    }

    /// One order: yours, or any for staff.
    async fn order(&self, ctx: &Context<'_>, id: ID) -> Result<Order> {
        Ok(Order(visible_order(ctx, &id).await.gql()?))
    }

    /// One order by its short number (#1042): yours, or any for staff. Someone else's number
    /// reads as `NOT_FOUND`, so counting through numbers tells a customer nothing.
    async fn order_by_number(&self, ctx: &Context<'_>, number: i64) -> Result<Order> {
        let identity = caller(ctx);
        if identity.sub.is_none() {
            return Err(ApiError::Unauthenticated("sign in first".into())).gql();
        }
        let db = ctx.data_unchecked::<Db>();
        match store::order_by_number(db, number).await.gql()? {
            Some(order) if may_view(identity, &order) => Ok(Order(order)),
            _ => Err(ApiError::not_found(format!("no order #{number}"))).gql(),
        }
    }

    #[graphql(entity)]
    async fn find_order_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Order> {
        Ok(Order(visible_order(ctx, &id).await.gql()?))
    }

    #[graphql(entity)]
    async fn find_customer_by_id(&self, id: ID) -> Customer {
        Customer { id: id.0 }
    }
}
