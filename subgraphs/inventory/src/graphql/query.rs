//! Root queries: the audit trail, the restocking list, reservations, and the entities.

use super::types::{Offer, Product, Reservation, StockMovement};
use crate::loaders::OfferStockLoader;
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::auth::{require_any_role, require_customer, require_self_or_admin};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::paging;

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
        let db = ctx.data_unchecked::<Db>();
        let Some(row) = store::reservation(db, &order_id).await.gql()? else {
            return Ok(None);
        };
        let lines = store::reservation_lines(db, &order_id).await.gql()?;
        Ok(Some(Reservation(row.with_lines(lines))))
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> Product {
        Product::new(id.0)
    }

    #[graphql(entity)]
    async fn find_offer_by_id(&self, id: ID) -> Offer {
        Offer { id: id.0 }
    }
}

/// The offer's stock row, if the caller is its seller or an ADMIN.
pub(super) async fn owned_offer(ctx: &Context<'_>, offer_id: &str) -> Result<store::OfferStock> {
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
