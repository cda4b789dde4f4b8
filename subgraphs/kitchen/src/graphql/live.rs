//! `kitchenTicketUpdated`: the kitchen's screen, live.

use crate::graphql::require_staff;
use crate::graphql::types::KitchenTicket;
use crate::store;
use async_graphql::{Context, Result, Subscription};
use futures::{Stream, StreamExt};
use vitrine_kit::contracts::{KitchenTicketChanged, KITCHEN_TICKET_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::live::{watch, Watch};

#[derive(Default)]
pub struct KitchenSubscription;

#[Subscription]
impl KitchenSubscription {
    /// Each ticket as it changes (queued, started, ready, failed, cancelled). KITCHEN or ADMIN.
    async fn kitchen_ticket_updated(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<KitchenTicket>>> {
        require_staff(ctx).gql()?;
        let db = ctx.data_unchecked::<Db>().clone();
        let ticket_of = |event: &vitrine_kit::events::Event| {
            (event.topic == KITCHEN_TICKET_CHANGED)
                .then(|| event.decode::<KitchenTicketChanged>().ok()?.ticket_id)
                .flatten()
        };
        let states = watch(
            ctx,
            Watch {
                first: None,
                concerns: Box::new(move |event| ticket_of(event).is_some()),
                load: Box::new(move |event| {
                    let db = db.clone();
                    Box::pin(async move {
                        let Some(ticket_id) = ticket_of(&event) else {
                            return Ok(None);
                        };
                        store::ticket_by_id(&db, &ticket_id).await
                    })
                }),
                is_last: |_| false,
            },
        )?;
        Ok(states.map(|state| state.map(KitchenTicket)))
    }
}
