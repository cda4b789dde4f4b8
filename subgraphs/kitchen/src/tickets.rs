//! Every change to a ticket, each in one write transaction with the KITCHEN_TICKET_CHANGED
//! event that announces it, so the rest of the system hears of exactly the changes that
//! committed. The simulation (starting and finishing items) lives in `simulation`.

use crate::domain::{self, PlannedItem, TicketStatus, MAX_PREP_SECONDS};
use crate::store::{self, ItemRow, RecipeRow, StationLoad, TicketRow};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use vitrine_kit::config::SimulationConfig;
use vitrine_kit::contracts::{KitchenTicketChanged, OrderEnded, OrderFact, KITCHEN_TICKET_CHANGED};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::ApiError;
use vitrine_kit::events::{enqueue, OutboxWaker};
use vitrine_kit::ids::new_id;
use vitrine_kit::input::check_line;
use vitrine_kit::time::to_db;

/// Longest failure reason kept.
const MAX_REASON_LEN: usize = 500;

/// What resolvers, consumers and the simulation share.
#[derive(Clone)]
pub struct Kitchen {
    pub db: Db,
    /// Woken after each commit that wrote events.
    pub outbox: OutboxWaker,
    pub sim: SimulationConfig,
}

/// The event announcing that `ticket` became `status`; set `reason` and `ready_by` where they
/// apply.
pub fn change(ticket: &TicketRow, status: TicketStatus, now: DateTime<Utc>) -> KitchenTicketChanged {
    KitchenTicketChanged {
        ticket_id: Some(ticket.ticket_id.clone()),
        order_id: ticket.order_id.clone(),
        customer_id: ticket.customer_id.clone(),
        status: status.into(),
        reason: None,
        ready_by: None,
        at: to_db(now),
    }
}

pub async fn announce(tx: &mut Tx, change: &KitchenTicketChanged) -> anyhow::Result<()> {
    enqueue(tx, KITCHEN_TICKET_CHANGED, change).await?;
    Ok(())
}

/// When the ticket whose items are `items` should be ready, given the work waiting ahead.
pub async fn estimate(
    tx: &mut Tx,
    sim: &SimulationConfig,
    ticket_id: &str,
    items: &[ItemRow],
    now: DateTime<Utc>,
) -> anyhow::Result<DateTime<Utc>> {
    let backlog = store::queued_work(&mut **tx, ticket_id).await?;
    let capacity = store::station_capacities(&mut **tx).await?;
    let planned: Vec<PlannedItem<'_>> = items
        .iter()
        .map(|item| PlannedItem {
            station: &item.station,
            prep_seconds: item.prep_seconds,
            status: item.status,
            due_at: item.due_at,
        })
        .collect();
    Ok(store::truncate(domain::ready_by(
        now, &planned, &backlog, &capacity, sim,
    )))
}

/// One line the kitchen may have to make: a product, and which of its variants.
pub struct LineItem {
    pub product_id: String,
    pub variant_id: Option<String>,
}

/// The recipes some lines need: a variant's own, or else its product's.
struct Recipes {
    by_product: HashMap<String, RecipeRow>,
    by_variant: HashMap<String, RecipeRow>,
}

impl Recipes {
    /// The distinct product and variant ids of `lines`, to look their recipes up by.
    fn keys<'a>(lines: impl Iterator<Item = (&'a str, Option<&'a str>)>) -> (Vec<String>, Vec<String>) {
        let (mut products, mut variants) = (Vec::new(), Vec::new());
        for (product, variant) in lines {
            products.push(product.to_string());
            variants.extend(variant.map(str::to_string));
        }
        for ids in [&mut products, &mut variants] {
            ids.sort();
            ids.dedup();
        }
        (products, variants)
    }

    fn new(products: Vec<RecipeRow>, variants: Vec<RecipeRow>) -> Self {
        Recipes {
            by_product: products.into_iter().map(|r| (r.product_id.clone(), r)).collect(),
            by_variant: variants
                .into_iter()
                .filter_map(|r| Some((r.variant_id.clone()?, r)))
                .collect(),
        }
    }

    fn for_line(&self, product_id: &str, variant_id: Option<&str>) -> Option<&RecipeRow> {
        variant_id
            .and_then(|v| self.by_variant.get(v))
            .or_else(|| self.by_product.get(product_id))
    }
}

/// When a ticket for an order of `lines` (repeats kept: each line is an item) would be ready if
/// it were placed `now`: the estimate a new ticket gets, behind the work already queued. For
/// checkout's delivery promise; lines without a recipe need no kitchen and add nothing.
pub async fn estimate_new_order(
    db: &Db,
    sim: &SimulationConfig,
    lines: &[LineItem],
    now: DateTime<Utc>,
) -> anyhow::Result<DateTime<Utc>> {
    let (products, variants) = Recipes::keys(
        lines
            .iter()
            .map(|l| (l.product_id.as_str(), l.variant_id.as_deref())),
    );
    let recipes = Recipes::new(
        store::recipes_for(db, &products).await?,
        store::variant_recipes_for(db, &variants).await?,
    );
    // No ticket has this id: every queued item counts as ahead of the new order.
    let backlog = store::queued_work(db, "").await?;
    let capacity = store::station_capacities(db).await?;
    let planned: Vec<PlannedItem<'_>> = lines
        .iter()
        .filter_map(|l| recipes.for_line(&l.product_id, l.variant_id.as_deref()))
        .map(|recipe| PlannedItem {
            station: &recipe.station,
            prep_seconds: recipe.prep_seconds,
            status: domain::ItemStatus::Queued,
            due_at: None,
        })
        .collect();
    Ok(domain::ready_by(now, &planned, &backlog, &capacity, sim))
}

/// A confirmed order's ticket: its lines that have a recipe, QUEUED. With none, no ticket and
/// SKIPPED, so orders sends it straight on to delivery. An order that has a ticket already
/// gets nothing new.
pub async fn open_ticket(
    tx: &mut Tx,
    sim: &SimulationConfig,
    order: &OrderFact,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<TicketRow>> {
    if store::ticket_for_order(&mut **tx, &order.order_id)
        .await?
        .is_some()
    {
        return Ok(None);
    }
    let (products, variants) = Recipes::keys(
        order
            .lines
            .iter()
            .map(|l| (l.product_id.as_str(), l.variant_id.as_deref())),
    );
    let recipes = Recipes::new(
        store::recipes_for(&mut **tx, &products).await?,
        store::variant_recipes_for(&mut **tx, &variants).await?,
    );
    let ticket_id = new_id("tkt");
    let items: Vec<ItemRow> = order
        .lines
        .iter()
        .filter(|line| line.quantity > 0)
        .filter_map(|line| {
            recipes
                .for_line(&line.product_id, line.variant_id.as_deref())
                .map(|recipe| (line, recipe))
        })
        .enumerate()
        .map(|(n, (line, recipe))| ItemRow {
            ticket_id: ticket_id.clone(),
            line_no: n as i64 + 1,
            product_id: line.product_id.clone(),
            variant_id: line.variant_id.clone(),
            quantity: line.quantity,
            station: recipe.station.clone(),
            prep_seconds: recipe.prep_seconds,
            status: domain::ItemStatus::Queued,
            started_at: None,
            due_at: None,
        })
        .collect();
    if items.is_empty() {
        let skipped = KitchenTicketChanged {
            ticket_id: None,
            order_id: order.order_id.clone(),
            customer_id: order.customer_id.clone(),
            status: vitrine_kit::contracts::status::Ticket::Skipped,
            reason: None,
            ready_by: None,
            at: to_db(now),
        };
        announce(tx, &skipped).await?;
        return Ok(None);
    }
    let ready_by = estimate(tx, sim, &ticket_id, &items, now).await?;
    let ticket = TicketRow {
        ticket_id,
        order_id: order.order_id.clone(),
        customer_id: order.customer_id.clone(),
        status: TicketStatus::Queued,
        priority: 0,
        reason: None,
        created_at: now,
        started_at: None,
        ready_at: None,
        ready_by: Some(ready_by),
    };
    store::insert_ticket(&mut **tx, &ticket).await?;
    for item in &items {
        store::insert_item(&mut **tx, item).await?;
    }
    let queued = KitchenTicketChanged {
        ready_by: Some(to_db(ready_by)),
        ..change(&ticket, TicketStatus::Queued, now)
    };
    announce(tx, &queued).await?;
    Ok(Some(ticket))
}

/// A cancelled order's open ticket stops; its items free their stations at once. A ticket
/// already READY, FAILED or CANCELLED stays as it is.
pub async fn cancel_for_order(tx: &mut Tx, ended: &OrderEnded, now: DateTime<Utc>) -> anyhow::Result<()> {
    let Some(ticket) = store::ticket_for_order(&mut **tx, &ended.order.order_id).await? else {
        return Ok(());
    };
    let reason = ended.reason.as_deref();
    if store::end_ticket(&mut **tx, &ticket.ticket_id, TicketStatus::Cancelled, reason, now).await? {
        let cancelled = KitchenTicketChanged {
            reason: reason.map(str::to_string),
            ..change(&ticket, TicketStatus::Cancelled, now)
        };
        announce(tx, &cancelled).await?;
    }
    Ok(())
}

/// The ticket `ticket_id` if it is open: `NOT_FOUND` if there is none, `CONFLICT` otherwise.
async fn still_open(tx: &mut Tx, ticket_id: &str, doing: &str) -> Result<TicketRow, ApiError> {
    let ticket = store::ticket_by_id(&mut **tx, ticket_id)
        .await?
        .ok_or_else(|| ApiError::not_found("no such kitchen ticket"))?;
    if !ticket.status.is_open() {
        return Err(ApiError::Conflict(format!(
            "cannot {doing} a ticket that is {}",
            ticket.status.as_str()
        )));
    }
    Ok(ticket)
}

/// Names are case-insensitive for callers; stored upper case.
fn station_name(name: &str) -> String {
    name.trim().to_ascii_uppercase()
}

impl Kitchen {
    /// An open ticket becomes FAILED with `reason`, announced so that orders can end the order.
    pub async fn fail(&self, ticket_id: &str, reason: &str) -> Result<TicketRow, ApiError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ApiError::bad_input("say why the ticket failed"));
        }
        check_line("reason", reason, 1..=MAX_REASON_LEN)?;
        let now = store::now();
        let mut tx = self.db.begin_write().await?;
        let ticket = still_open(&mut tx, ticket_id, "fail").await?;
        let failed = TicketStatus::Failed;
        if !store::end_ticket(&mut *tx, ticket_id, failed, Some(reason), now).await? {
            return Err(ApiError::Conflict("the ticket changed meanwhile; retry".into()));
        }
        let event = KitchenTicketChanged {
            reason: Some(reason.to_string()),
            ..change(&ticket, failed, now)
        };
        announce(&mut tx, &event).await?;
        let ticket = self.reread(&mut tx, ticket_id).await?;
        tx.commit().await?;
        self.outbox.wake();
        Ok(ticket)
    }

    /// Staff finished a PREPARING ticket by hand: every item is DONE and the ticket READY,
    /// announced as the automated kitchen announces it. A QUEUED ticket is a `CONFLICT` (it
    /// has not started: bump it instead), as is one that is no longer open.
    pub async fn complete(&self, ticket_id: &str) -> Result<TicketRow, ApiError> {
        let now = store::now();
        let mut tx = self.db.begin_write().await?;
        let ticket = still_open(&mut tx, ticket_id, "complete").await?;
        if ticket.status != TicketStatus::Preparing {
            return Err(ApiError::Conflict(
                "the ticket has not started yet; bump it to start it sooner".into(),
            ));
        }
        store::finish_all_items(&mut *tx, ticket_id).await?;
        if !store::mark_ready(&mut *tx, ticket_id, now).await? {
            return Err(ApiError::Conflict("the ticket changed meanwhile; retry".into()));
        }
        announce(&mut tx, &change(&ticket, TicketStatus::Ready, now)).await?;
        let ticket = self.reread(&mut tx, ticket_id).await?;
        tx.commit().await?;
        self.outbox.wake();
        Ok(ticket)
    }

    /// One step up the queue: its waiting items start before those of tickets bumped less.
    pub async fn bump(&self, ticket_id: &str) -> Result<TicketRow, ApiError> {
        let mut tx = self.db.begin_write().await?;
        still_open(&mut tx, ticket_id, "bump").await?;
        if !store::bump(&mut *tx, ticket_id, store::now()).await? {
            return Err(ApiError::Conflict("the ticket changed meanwhile; retry".into()));
        }
        let ticket = self.reread(&mut tx, ticket_id).await?;
        tx.commit().await?;
        Ok(ticket)
    }

    /// A paused station starts nothing new; what is on it finishes.
    pub async fn pause_station(&self, name: &str, paused: bool) -> Result<StationLoad, ApiError> {
        let name = station_name(name);
        let mut tx = self.db.begin_write().await?;
        if !store::set_paused(&mut *tx, &name, paused).await? {
            return Err(ApiError::not_found(format!("no station {name}")));
        }
        tx.commit().await?;
        store::station_loads(&self.db)
            .await?
            .into_iter()
            .find(|load| load.station.name == name)
            .ok_or_else(|| ApiError::not_found(format!("no station {name}")))
    }

    /// How `product_id` (or its variant `variant_id`) is made from now on; tickets made
    /// already keep their recipe.
    pub async fn set_recipe(
        &self,
        product_id: &str,
        variant_id: Option<&str>,
        station: &str,
        prep_seconds: i64,
    ) -> Result<RecipeRow, ApiError> {
        let product_id = product_id.trim();
        if product_id.is_empty() {
            return Err(ApiError::bad_input("productId is empty"));
        }
        check_line("productId", product_id, 1..=100)?;
        if let Some(variant_id) = variant_id {
            check_line("variantId", variant_id, 1..=100)?;
        }
        if !(1..=MAX_PREP_SECONDS).contains(&prep_seconds) {
            return Err(ApiError::bad_input(format!(
                "prepSeconds must be between 1 and {MAX_PREP_SECONDS}"
            )));
        }
        let station = station_name(station);
        let mut tx = self.db.begin_write().await?;
        if store::station(&mut *tx, &station).await?.is_none() {
            return Err(ApiError::bad_input(format!("no station {station}")));
        }
        let recipe = RecipeRow {
            product_id: product_id.to_string(),
            variant_id: variant_id.map(str::to_string),
            station,
            prep_seconds,
        };
        store::upsert_recipe(&mut *tx, &recipe).await?;
        tx.commit().await?;
        Ok(recipe)
    }

    async fn reread(&self, tx: &mut Tx, ticket_id: &str) -> Result<TicketRow, ApiError> {
        Ok(store::ticket_by_id(&mut **tx, ticket_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("ticket {ticket_id} vanished"))?)
    }
}
