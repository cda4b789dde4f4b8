//! Root mutations: the reservation API checkout uses, and sellers' stock adjustments.

use super::query::owned_offer;
use super::types::{Offer, Reservation, ReservationLineInput};
use crate::domain::{ReservationStatus, MAX_RESERVATION_LINES};
use crate::reservations;
use async_graphql::{Context, Object, Result, ID};
use std::time::Duration;
use vitrine_kit::auth::{caller, require_any_role};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::identity::Role;
use vitrine_kit::input::{check_line, check_list};

fn wake(ctx: &Context<'_>) {
    ctx.data_unchecked::<OutboxWaker>().wake();
}

pub struct Mutation;

#[Object(name = "Mutation")]
impl Mutation {
    /// Orders' checkout (SERVICE) or an ADMIN: holds every line for the order or none
    /// (`OUT_OF_STOCK`). Idempotent by order id. Unfinished holds return to stock after
    /// `ttlSeconds`.
    async fn reserve_stock(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        lines: Vec<ReservationLineInput>,
        #[graphql(default = 900)] ttl_seconds: i32,
    ) -> Result<Reservation> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        if !(1..=86_400).contains(&ttl_seconds) {
            return Err(ApiError::bad_input("ttlSeconds must be between 1 and 86 400")).gql();
        }
        check_list("lines", &lines, MAX_RESERVATION_LINES).gql()?;
        let lines: Vec<(String, i64)> = lines.into_iter().map(|l| (l.offer_id.0, l.quantity)).collect();
        let ttl = Duration::from_secs(ttl_seconds as u64);
        let reservation = reservations::reserve(ctx.data_unchecked::<Db>(), &order_id, &lines, ttl)
            .await
            .gql()?;
        wake(ctx);
        Ok(Reservation(reservation))
    }

    /// SERVICE or ADMIN: the order is confirmed; held units leave stock for good. Idempotent.
    async fn commit_reservation(&self, ctx: &Context<'_>, order_id: ID) -> Result<Reservation> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let actor = caller(ctx).sub.clone().unwrap_or_default();
        let r = reservations::finish(
            ctx.data_unchecked::<Db>(),
            &order_id,
            ReservationStatus::Committed,
            &actor,
        )
        .await
        .gql()?;
        wake(ctx);
        Ok(Reservation(r))
    }

    /// SERVICE or ADMIN: the order will not happen; held units return to stock. Idempotent.
    async fn release_reservation(&self, ctx: &Context<'_>, order_id: ID) -> Result<Reservation> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let actor = caller(ctx).sub.clone().unwrap_or_default();
        let r = reservations::finish(
            ctx.data_unchecked::<Db>(),
            &order_id,
            ReservationStatus::Released,
            &actor,
        )
        .await
        .gql()?;
        wake(ctx);
        Ok(Reservation(r))
    }

    /// The offer's seller or an ADMIN: adds units (or removes, with a negative `delta`) with
    /// a reason kept in the audit trail. Reserved units cannot be removed.
    async fn adjust_stock(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
        delta: i64,
        reason: String,
    ) -> Result<Offer> {
        owned_offer(ctx, &offer_id).await?;
        if delta == 0 || delta.abs() > 1_000_000 {
            return Err(ApiError::bad_input(
                "delta must be non-zero and at most 1 000 000 units",
            ))
            .gql();
        }
        check_line("reason", reason.trim(), 1..=200).gql()?;
        let actor = caller(ctx).sub.clone().unwrap_or_default();
        reservations::adjust(
            ctx.data_unchecked::<Db>(),
            &offer_id,
            delta,
            reason.trim(),
            &actor,
        )
        .await
        .gql()?;
        wake(ctx);
        Ok(Offer { id: offer_id.0 })
    }
}
