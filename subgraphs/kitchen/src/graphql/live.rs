//! `kitchenTicketUpdated`: the kitchen's screen, live.

use crate::graphql::require_staff;
use crate::graphql::types::KitchenTicket;
use crate::store::{self, TicketRow};
use async_graphql::{Context, Result, Subscription};
use futures::Stream;
use vitrine_kit::contracts::{KitchenTicketChanged, KITCHEN_TICKET_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::events::Event;
use vitrine_kit::live::{follow, LiveField};

#[derive(Default)]
pub struct KitchenSubscription;

const FIELD: &str = "kitchen.kitchenTicketUpdated";
/// Every kitchen screen follows the whole kitchen.
const WHOLE_KITCHEN: &str = "kitchen";

/// The topics `routes` reads (declared to the bus at start).
pub const LIVE_TOPICS: &[&str] = &[KITCHEN_TICKET_CHANGED];
/// A ticket's change is for every screen, which reads that ticket.
fn routes(event: &Event) -> Vec<(String, String)> {
    event
        .decode_on::<KitchenTicketChanged>(KITCHEN_TICKET_CHANGED)
        .and_then(|change| change.ticket_id)
        .map(|ticket| vec![(WHOLE_KITCHEN.to_string(), ticket)])
        .unwrap_or_default()
}

fn field(db: Db) -> LiveField<TicketRow> {
    LiveField {
        name: FIELD,
        topics: LIVE_TOPICS,
        routes,
        load: Box::new(move |ids| {
            let db = db.clone();
            Box::pin(async move {
                let tickets = store::tickets_by_ids(&db, &ids).await?;
                Ok(tickets.into_iter().map(|t| (t.ticket_id.clone(), t)).collect())
            })
        }),
        // A slow screen gets a ticket's latest state once per status, not every step.
        supersedes: |newer, older| newer.ticket_id == older.ticket_id && newer.status == older.status,
        is_last: |_| false,
    }
}

#[Subscription]
impl KitchenSubscription {
    /// Each ticket as it changes (queued, started, ready, failed, cancelled). KITCHEN or ADMIN.
    async fn kitchen_ticket_updated(
        &self,
        ctx: &Context<'_>,
    ) -> Result<impl Stream<Item = Result<KitchenTicket>>> {
        require_staff(ctx).gql()?;
        let db = ctx.data_unchecked::<Db>().clone();
        follow(
            ctx,
            FIELD,
            || field(db),
            WHOLE_KITCHEN.to_string(),
            None,
            KitchenTicket,
        )
    }
}
