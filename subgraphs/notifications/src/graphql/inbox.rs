use crate::domain::NotificationKind;
use crate::inbox;
use crate::store::{self, NotificationRow};
use async_graphql::{Context, Object, Result, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::require_customer;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::paging;

/// Ids one `markNotificationsRead` may name.
const MAX_IDS: usize = 100;

/// Something that happened to one of your orders.
pub struct Notification(pub NotificationRow);

#[Object(name = "Notification")]
impl Notification {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn kind(&self) -> NotificationKind {
        self.0.kind
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Plain English, naming the order.
    async fn body(&self) -> &str {
        &self.0.body
    }
    async fn order_id(&self) -> Option<ID> {
        self.0.order_id.clone().map(ID)
    }
    /// The event it came from, e.g. `orders.order_status_changed`.
    async fn topic(&self) -> &str {
        &self.0.topic
    }
    async fn read(&self) -> bool {
        self.0.read_at.is_some()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// One page of your notifications, newest first.
pub struct NotificationPage {
    customer_id: String,
    notifications: Vec<NotificationRow>,
    next_cursor: Option<String>,
}

#[Object(name = "NotificationPage")]
impl NotificationPage {
    async fn notifications(&self) -> Vec<Notification> {
        self.notifications.iter().cloned().map(Notification).collect()
    }
    /// Pass as `after` for the next page; null on the last one.
    async fn next_cursor(&self) -> Option<&str> {
        self.next_cursor.as_deref()
    }
    /// All your unread notifications, not only this page's.
    async fn unread_count(&self, ctx: &Context<'_>) -> Result<i32> {
        count(ctx, &self.customer_id).await
    }
}

async fn count(ctx: &Context<'_>, customer_id: &str) -> Result<i32> {
    let n = store::unread_count(ctx.data_unchecked::<Db>(), customer_id)
        .await
        .gql()?;
    Ok(i32::try_from(n).unwrap_or(i32::MAX))
}

#[derive(Default)]
pub struct InboxQuery;

#[Object]
impl InboxQuery {
    /// Your notifications, newest first. `after`: a `nextCursor` from the previous page.
    async fn my_notifications(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
        #[graphql(default = false)] unread_only: bool,
    ) -> Result<NotificationPage> {
        let customer_id = require_customer(ctx).gql()?;
        let first = paging::check_first(first).gql()?;
        let after = paging::parse_after(after.as_deref()).gql()?;
        let db = ctx.data_unchecked::<Db>();
        let mut rows = store::notifications_page(db, customer_id, unread_only, first + 1, after)
            .await
            .gql()?;
        let next_cursor = paging::next_page(&mut rows, first, |n| (n.created_at, n.id.as_str()));
        Ok(NotificationPage {
            customer_id: customer_id.to_string(),
            notifications: rows,
            next_cursor,
        })
    }

    /// How many of your notifications are unread.
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> Result<i32> {
        let customer_id = require_customer(ctx).gql()?;
        count(ctx, customer_id).await
    }
}

#[derive(Default)]
pub struct InboxMutation;

#[Object]
impl InboxMutation {
    /// Marks your notifications `ids` read; returns how many were unread. All or nothing: an
    /// id that is not one of yours is `NOT_FOUND` and nothing changes.
    async fn mark_notifications_read(&self, ctx: &Context<'_>, ids: Vec<ID>) -> Result<i32> {
        let customer_id = require_customer(ctx).gql()?;
        let mut ids: Vec<String> = ids.into_iter().map(|id| id.0).collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(0);
        }
        if ids.len() > MAX_IDS {
            return Err(ApiError::bad_input(format!("at most {MAX_IDS} ids at once"))).gql();
        }
        let changed = inbox::mark_read(ctx.data_unchecked::<Db>(), customer_id, &ids)
            .await
            .gql()?;
        Ok(i32::try_from(changed).unwrap_or(i32::MAX))
    }

    /// Marks all your notifications read; returns how many were unread.
    async fn mark_all_notifications_read(&self, ctx: &Context<'_>) -> Result<i32> {
        let customer_id = require_customer(ctx).gql()?;
        let changed = store::mark_all_read(ctx.data_unchecked::<Db>(), customer_id, store::now())
            .await
            .gql()?;
        Ok(i32::try_from(changed).unwrap_or(i32::MAX))
    }
}
