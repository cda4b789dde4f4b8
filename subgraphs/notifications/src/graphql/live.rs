//! `notificationReceived`: the notification bell, live.

use crate::graphql::inbox::Notification;
use crate::store::{self, NotificationRow};
use async_graphql::{Context, Result, Subscription};
use futures::Stream;
use vitrine_kit::auth::require_customer;
use vitrine_kit::contracts::{NotificationCreated, NOTIFICATION_CREATED};
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::events::Event;
use vitrine_kit::live::{follow, LiveField};

#[derive(Default)]
pub struct InboxSubscription;

const FIELD: &str = "notifications.notificationReceived";

/// The topics `routes` reads (declared to the bus at start).
pub const LIVE_TOPICS: &[&str] = &[NOTIFICATION_CREATED];
/// Subscribers follow their own inbox; a new notification names its customer.
fn routes(event: &Event) -> Vec<(String, String)> {
    event
        .decode_on::<NotificationCreated>(NOTIFICATION_CREATED)
        .map(|created| vec![(created.customer_id, created.notification_id)])
        .unwrap_or_default()
}

fn field(db: Db) -> LiveField<NotificationRow> {
    LiveField {
        name: FIELD,
        topics: LIVE_TOPICS,
        routes,
        load: Box::new(move |ids| {
            let db = db.clone();
            Box::pin(async move {
                let rows = store::notifications_by_ids(&db, &ids).await?;
                Ok(rows.into_iter().map(|n| (n.id.clone(), n)).collect())
            })
        }),
        // Each notification is news of its own.
        supersedes: |_, _| false,
        is_last: |_| false,
    }
}

#[Subscription]
impl InboxSubscription {
    /// Each notification that lands in your inbox from now on. Signed-in customers.
    async fn notification_received(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<Notification>>> {
        let customer_id = require_customer(ctx).gql()?.to_string();
        let db = ctx.data_unchecked::<Db>().clone();
        follow(ctx, FIELD, || field(db), customer_id, None, Notification)
    }
}
