//! Inventory's part of the supergraph: stock on catalog products and shop offers, and the
//! reservation API checkout uses.

use crate::loaders::{OfferStockLoader, ProductStockLoader};
use crate::reservations;
use crate::store::{self, ReservationStatus};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, Object, Result, Schema, Subscription as LiveRoot, ID};
use futures::Stream;
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::auth::{caller, require_any_role, require_customer, require_self_or_admin};
use vitrine_kit::contracts::{StockChanged, STOCK_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::EventBus;
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::identity::Role;
use vitrine_kit::input::{check_line, check_list};
use vitrine_kit::live::{watch, Watch};
use vitrine_kit::paging;

/// Inventory's view of a catalog product.
pub struct Product {
    id: String,
}

#[Object(name = "Product")]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// Units that can still be sold, over every shop's offer.
    async fn stock(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(ctx
            .data_unchecked::<DataLoader<ProductStockLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?
            .unwrap_or(0))
    }
    async fn in_stock(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.stock(ctx).await? > 0)
    }
}

/// Inventory's view of a shop's offer.
pub struct Offer {
    id: String,
}

#[Object(name = "Offer")]
impl Offer {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// Units of this offer that can still be sold (on hand minus held for orders).
    async fn stock(&self, ctx: &Context<'_>) -> Result<i64> {
        let stock = ctx
            .data_unchecked::<DataLoader<OfferStockLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?;
        Ok(stock.map_or(0, |s| s.available()))
    }
    async fn in_stock(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.stock(ctx).await? > 0)
    }
}

/// Units held for one order.
pub struct Reservation(store::Reservation);

#[Object(name = "Reservation")]
impl Reservation {
    async fn order_id(&self) -> ID {
        ID(self.0.order_id.clone())
    }
    async fn status(&self) -> ReservationStatus {
        self.0.status
    }
    /// When an uncommitted hold returns to stock (RFC 3339, UTC).
    async fn expires_at(&self) -> &str {
        &self.0.expires_at
    }
    async fn lines(&self) -> Vec<ReservationLine> {
        self.0
            .lines
            .iter()
            .map(|(offer, quantity)| ReservationLine {
                offer_id: offer.clone(),
                quantity: *quantity,
            })
            .collect()
    }
}

#[derive(async_graphql::SimpleObject)]
pub struct ReservationLine {
    pub offer_id: String,
    pub quantity: i64,
}

/// One audited change of units on hand.
#[derive(async_graphql::SimpleObject)]
pub struct StockMovement {
    pub delta: i64,
    pub reason: String,
    /// Customer id of who made it, or `seed` / `expiry`.
    pub actor: String,
    pub created_at: String,
}

#[derive(InputObject)]
pub struct ReservationLineInput {
    pub offer_id: ID,
    pub quantity: i64,
}

pub struct Query;

#[Object(name = "Query")]
impl Query {
    /// ADMIN or the offer's seller: the audit trail of an offer's stock, newest first.
    async fn stock_movements(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
    ) -> Result<Vec<StockMovement>> {
        let first = paging::check_first(first).gql()?;
        owned_offer(ctx, &offer_id).await?;
        let rows = store::movements(ctx.data_unchecked::<Db>(), &offer_id, first)
            .await
            .gql()?;
        Ok(rows
            .into_iter()
            .map(|m| StockMovement {
                delta: m.delta,
                reason: m.reason,
                actor: m.actor,
                created_at: m.created_at,
            })
            .collect())
    }

    /// Offers running out, scarcest first: a restocking list.
    async fn low_stock_offers(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 5)] threshold: i32,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
    ) -> Result<Vec<Offer>> {
        let first = paging::check_first(first).gql()?;
        let rows = store::low_stock(ctx.data_unchecked::<Db>(), threshold.into(), first)
            .await
            .gql()?;
        Ok(rows.into_iter().map(|s| Offer { id: s.offer_id }).collect())
    }

    /// ADMIN: a reservation by order id.
    async fn reservation(&self, ctx: &Context<'_>, order_id: ID) -> Result<Option<Reservation>> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let mut tx = ctx.data_unchecked::<Db>().pool().begin().await.gql()?;
        Ok(store::reservation(&mut tx, &order_id)
            .await
            .gql()?
            .map(Reservation))
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> Product {
        Product { id: id.0 }
    }

    #[graphql(entity)]
    async fn find_offer_by_id(&self, id: ID) -> Offer {
        Offer { id: id.0 }
    }
}

/// The offer's stock row, if the caller is its seller or an ADMIN.
async fn owned_offer(ctx: &Context<'_>, offer_id: &str) -> Result<store::OfferStock> {
    require_customer(ctx).gql()?;
    let stock = ctx
        .data_unchecked::<DataLoader<OfferStockLoader>>()
        .load_one(offer_id.to_string())
        .await
        .gql()?
        .ok_or_else(|| ApiError::not_found("no such offer"))
        .gql()?;
    require_self_or_admin(ctx, &stock.owner_id)
        .map_err(|_| ApiError::Forbidden("not your offer".into()))
        .gql()?;
    Ok(stock)
}

fn wake(ctx: &Context<'_>) {
    ctx.data_unchecked::<OutboxWaker>().wake();
}

/// Lines one reservation may hold: a cart holds at most 50 offers; more would only make one
/// long lock-taking transaction.
const MAX_RESERVATION_LINES: usize = 100;

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

pub type InventorySchema = Schema<Query, Mutation, Subscription>;

/// Live stock for product pages.
pub struct Subscription;

#[LiveRoot]
impl Subscription {
    /// The product's stock now, then again each time units are reserved, sold, restocked or
    /// returned. Anyone may watch.
    async fn stock_changed(
        &self,
        ctx: &Context<'_>,
        product_id: ID,
    ) -> Result<impl Stream<Item = Result<Product>>> {
        let id = product_id.to_string();
        let (concerned, loaded) = (id.clone(), id.clone());
        watch(
            ctx,
            Watch {
                first: Some(Product { id }),
                concerns: Box::new(move |event| {
                    event.topic == STOCK_CHANGED
                        && event
                            .decode::<StockChanged>()
                            .is_ok_and(|change| change.product_id == concerned)
                }),
                // The stock itself is read when the router asks for `stock`.
                load: Box::new(move |_| {
                    let id = loaded.clone();
                    Box::pin(async move { Ok(Some(Product { id })) })
                }),
                is_last: |_| false,
            },
        )
    }
}

pub fn schema(deps: Option<(Db, OutboxWaker, Arc<EventBus>)>) -> InventorySchema {
    let mut builder = Schema::build(Query, Mutation, Subscription)
        .enable_federation()
        .enable_subscription_in_federation();
    if let Some((db, outbox, bus)) = deps {
        builder = builder
            .data(bus)
            .data(DataLoader::new(
                OfferStockLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(DataLoader::new(
                ProductStockLoader(db.clone()),
                vitrine_kit::loader::spawn,
            ))
            .data(outbox)
            .data(db);
    }
    builder.finish()
}
