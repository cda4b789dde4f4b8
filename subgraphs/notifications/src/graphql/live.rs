//! `notificationReceived`: the notification bell, live.

use crate::graphql::inbox::Notification;
use crate::store;
use async_graphql::{Context, Result, Subscription};
use futures::{Stream, StreamExt};
use vitrine_kit::auth::require_customer;
use vitrine_kit::contracts::{NotificationCreated, NOTIFICATION_CREATED};
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::events::Event;
use vitrine_kit::live::{watch, Watch};

#[derive(Default)]
pub struct InboxSubscription;

fn created(event: &Event) -> Option<NotificationCreated> {
    (event.topic == NOTIFICATION_CREATED)
        .then(|| event.decode::<NotificationCreated>().ok())
        .flatten()
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
        let states = watch(
            ctx,
            Watch {
                first: None,
                concerns: Box::new(move |event| created(event).is_some_and(|c| c.customer_id == customer_id)),
                load: Box::new(move |event| {
                    let db = db.clone();
                    Box::pin(async move {
                        let Some(created) = created(&event) else {
                            return Ok(None);
                        };
                        store::notification_by_id(&db, &created.notification_id).await
                    })
                }),
                is_last: |_| false,
            },
        )?;
        Ok(states.map(|state| state.map(Notification)))
    }
}
