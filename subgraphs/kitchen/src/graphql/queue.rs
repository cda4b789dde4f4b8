use super::order::Order;
use super::require_staff;
use super::types::{KitchenStation, KitchenTicket};
use crate::domain::TicketStatus;
use crate::store;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};

#[derive(Default)]
pub struct KitchenQuery;

#[Object]
impl KitchenQuery {
    /// Tickets in the order the kitchen works them: priority first, then oldest. By default
    /// the open ones (QUEUED and PREPARING). KITCHEN or ADMIN.
    async fn kitchen_queue(
        &self,
        ctx: &Context<'_>,
        statuses: Option<Vec<TicketStatus>>,
    ) -> Result<Vec<KitchenTicket>> {
        require_staff(ctx).gql()?;
        let mut statuses = statuses.unwrap_or_else(|| TicketStatus::OPEN.to_vec());
        // Each becomes an `IN (…)` parameter: a list of thousands of repeats is one per status.
        statuses.sort_by_key(|s| s.as_str());
        statuses.dedup();
        let tickets = store::queue(ctx.data_unchecked::<Db>(), &statuses).await.gql()?;
        Ok(tickets.into_iter().map(KitchenTicket).collect())
    }

    /// One ticket; `NOT_FOUND` if there is none. KITCHEN or ADMIN.
    async fn kitchen_ticket(&self, ctx: &Context<'_>, id: ID) -> Result<Option<KitchenTicket>> {
        require_staff(ctx).gql()?;
        let ticket = store::ticket_by_id(ctx.data_unchecked::<Db>(), &id)
            .await
            .gql()?
            .ok_or_else(|| ApiError::not_found("no such kitchen ticket"))
            .gql()?;
        Ok(Some(KitchenTicket(ticket)))
    }

    /// Every station with its load. KITCHEN or ADMIN.
    async fn kitchen_stations(&self, ctx: &Context<'_>) -> Result<Vec<KitchenStation>> {
        require_staff(ctx).gql()?;
        let loads = store::station_loads(ctx.data_unchecked::<Db>()).await.gql()?;
        Ok(loads.into_iter().map(KitchenStation::from).collect())
    }

    #[graphql(entity)]
    async fn find_order_by_id(&self, #[graphql(key)] id: ID) -> Order {
        Order { id: id.0 }
    }
}
