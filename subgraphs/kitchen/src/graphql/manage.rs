use super::require_staff;
use super::types::{KitchenRecipe, KitchenStation, KitchenTicket};
use crate::tickets::Kitchen;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::error::GqlResultExt;

#[derive(Default)]
pub struct KitchenMutation;

/// All KITCHEN or ADMIN.
#[Object]
impl KitchenMutation {
    /// Stops (or resumes) starting new items at a station; what is on it finishes.
    /// `NOT_FOUND` for an unknown station.
    async fn pause_station(&self, ctx: &Context<'_>, name: String, paused: bool) -> Result<KitchenStation> {
        require_staff(ctx).gql()?;
        let load = ctx
            .data_unchecked::<Kitchen>()
            .pause_station(&name, paused)
            .await
            .gql()?;
        Ok(load.into())
    }

    /// Moves an open ticket up the queue (priority + 1). `CONFLICT` once it is READY, FAILED
    /// or CANCELLED; `NOT_FOUND` for an unknown ticket.
    async fn bump_ticket(&self, ctx: &Context<'_>, ticket_id: ID) -> Result<KitchenTicket> {
        require_staff(ctx).gql()?;
        let ticket = ctx.data_unchecked::<Kitchen>().bump(&ticket_id).await.gql()?;
        Ok(KitchenTicket(ticket))
    }

    /// Marks a PREPARING ticket READY by hand (every item made), as the automated kitchen
    /// does when the last item is due; orders then sends it on to delivery. `CONFLICT` for a
    /// ticket not started yet or no longer open; `NOT_FOUND` for an unknown ticket.
    async fn complete_ticket(&self, ctx: &Context<'_>, ticket_id: ID) -> Result<KitchenTicket> {
        require_staff(ctx).gql()?;
        let ticket = ctx.data_unchecked::<Kitchen>().complete(&ticket_id).await.gql()?;
        Ok(KitchenTicket(ticket))
    }

    /// Gives up on an open ticket and tells orders, which ends the order. `reason` (not blank,
    /// up to 500 characters) goes on the ticket and in the event. `CONFLICT` once it is READY,
    /// FAILED or CANCELLED; `NOT_FOUND` for an unknown ticket.
    async fn fail_ticket(&self, ctx: &Context<'_>, ticket_id: ID, reason: String) -> Result<KitchenTicket> {
        require_staff(ctx).gql()?;
        let ticket = ctx
            .data_unchecked::<Kitchen>()
            .fail(&ticket_id, &reason)
            .await
            .gql()?;
        Ok(KitchenTicket(ticket))
    }

    /// How a product is made from now on (tickets already made keep their recipe); with
    /// `variantId`, how that variant is made (its other variants keep the product's recipe).
    /// `station` must exist; `prepSeconds` is simulated time, 1 to 86400.
    async fn set_recipe(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
        variant_id: Option<ID>,
        station: String,
        prep_seconds: i32,
    ) -> Result<KitchenRecipe> {
        require_staff(ctx).gql()?;
        let recipe = ctx
            .data_unchecked::<Kitchen>()
            .set_recipe(
                &product_id,
                variant_id.as_ref().map(|v| v.as_str()),
                &station,
                prep_seconds.into(),
            )
            .await
            .gql()?;
        Ok(recipe.into())
    }
}
