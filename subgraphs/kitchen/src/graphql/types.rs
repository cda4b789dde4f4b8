//! The kitchen's GraphQL types.

use crate::domain::{ItemStatus, TicketStatus};
use crate::loaders::ItemsLoader;
use crate::store::{ItemRow, RecipeRow, StationLoad, TicketRow};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::error::GqlResultExt;

// A catalog product variant; catalog and shops tell the rest.
#[derive(SimpleObject)]
#[graphql(unresolvable)]
pub struct ProductVariant {
    pub id: ID,
}

/// The kitchen's work for one order: the order's lines that need preparing.
pub struct KitchenTicket(pub TicketRow);

#[Object(name = "KitchenTicket")]
impl KitchenTicket {
    async fn id(&self) -> ID {
        ID(self.0.ticket_id.clone())
    }
    async fn order_id(&self) -> ID {
        ID(self.0.order_id.clone())
    }
    /// The order this ticket prepares (its number, lines and status come from orders).
    async fn order(&self) -> super::order::Order {
        super::order::Order {
            id: self.0.order_id.clone(),
        }
    }
    async fn status(&self) -> TicketStatus {
        self.0.status
    }
    /// Higher goes first; each `bumpTicket` adds one.
    async fn priority(&self) -> i64 {
        self.0.priority
    }
    /// One per order line to prepare, in order-line order.
    async fn items(&self, ctx: &Context<'_>) -> Result<Vec<KitchenItem>> {
        let items = ctx
            .data_unchecked::<DataLoader<ItemsLoader>>()
            .load_one(self.0.ticket_id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(items.into_iter().map(KitchenItem).collect())
    }
    /// Why it FAILED or was CANCELLED.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// When its first item went on a station.
    async fn started_at(&self) -> Option<DateTime<Utc>> {
        self.0.started_at
    }
    async fn ready_at(&self) -> Option<DateTime<Utc>> {
        self.0.ready_at
    }
    /// When the kitchen expects it ready: estimated when queued, again when started.
    async fn ready_by(&self) -> Option<DateTime<Utc>> {
        self.0.ready_by
    }
}

/// One order line on its way through a station, prepared as one batch.
pub struct KitchenItem(pub ItemRow);

#[Object(name = "KitchenItem")]
impl KitchenItem {
    async fn product_id(&self) -> ID {
        ID(self.0.product_id.clone())
    }
    /// The variant ordered (a pizza's size), when the product has variants.
    async fn variant_id(&self) -> Option<ID> {
        self.0.variant_id.clone().map(ID)
    }
    /// The variant ordered, to show its name ("35 cm"); null when the product has none.
    async fn variant(&self) -> Option<ProductVariant> {
        self.0.variant_id.clone().map(|id| ProductVariant { id: ID(id) })
    }
    async fn quantity(&self) -> i64 {
        self.0.quantity
    }
    async fn station(&self) -> &str {
        &self.0.station
    }
    async fn status(&self) -> ItemStatus {
        self.0.status
    }
    /// Simulated seconds it takes, as the recipe said when the ticket was made.
    async fn prep_seconds(&self) -> i64 {
        self.0.prep_seconds
    }
    async fn started_at(&self) -> Option<DateTime<Utc>> {
        self.0.started_at
    }
    /// When it comes off the station.
    async fn due_at(&self) -> Option<DateTime<Utc>> {
        self.0.due_at
    }
}

/// Where dishes are made, `capacity` items at a time.
#[derive(SimpleObject)]
pub struct KitchenStation {
    pub name: String,
    pub capacity: i64,
    /// A paused station starts nothing new; what is on it finishes.
    pub paused: bool,
    /// Items on it now.
    pub busy: i64,
    /// Items waiting for it.
    pub queued: i64,
}

impl From<StationLoad> for KitchenStation {
    fn from(load: StationLoad) -> Self {
        KitchenStation {
            name: load.station.name,
            capacity: load.station.capacity,
            paused: load.station.paused,
            busy: load.busy,
            queued: load.queued,
        }
    }
}

/// How the kitchen makes a product. Products without one need no preparation.
#[derive(SimpleObject)]
pub struct KitchenRecipe {
    pub product_id: ID,
    /// Set for a variant's own recipe.
    pub variant_id: Option<ID>,
    pub station: String,
    /// Simulated seconds.
    pub prep_seconds: i64,
}

impl From<RecipeRow> for KitchenRecipe {
    fn from(recipe: RecipeRow) -> Self {
        KitchenRecipe {
            product_id: ID(recipe.product_id),
            variant_id: recipe.variant_id.map(ID),
            station: recipe.station,
            prep_seconds: recipe.prep_seconds,
        }
    }
}
