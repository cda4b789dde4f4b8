//! Inventory's GraphQL types: stock on products and offers, reservations, the audit trail.

use crate::domain::ReservationStatus;
use crate::loaders::{OfferStockLoader, ProductStockLoader};
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, Object, Result, ID};
use vitrine_kit::error::GqlResultExt;

/// Inventory's view of a catalog product.
#[derive(Clone)]
pub struct Product {
    pub id: String,
    /// Already read (for every live subscriber of the product at once), or read on demand.
    pub stock: Option<i64>,
}

impl Product {
    pub fn new(id: String) -> Self {
        Product { id, stock: None }
    }
}

#[Object(name = "Product")]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// Units that can still be sold, over every shop's offer.
    async fn stock(&self, ctx: &Context<'_>) -> Result<i64> {
        if let Some(stock) = self.stock {
            return Ok(stock);
        }
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
    pub id: String,
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
pub struct Reservation(pub store::Reservation);

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
