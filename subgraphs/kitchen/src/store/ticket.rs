//! Tickets and their items.

use super::{time, time_opt};
use crate::domain::{ItemStatus, TicketStatus};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::HashMap;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::time::to_db;

#[derive(Debug, Clone, PartialEq)]
pub struct TicketRow {
    pub ticket_id: String,
    pub order_id: String,
    pub customer_id: String,
    pub status: TicketStatus,
    pub priority: i64,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub ready_at: Option<DateTime<Utc>>,
    pub ready_by: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    pub ticket_id: String,
    pub line_no: i64,
    pub product_id: String,
    pub variant_id: Option<String>,
    pub quantity: i64,
    pub station: String,
    pub prep_seconds: i64,
    pub status: ItemStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
}

const TICKET_COLUMNS: &str =
    "ticket_id, order_id, customer_id, status, priority, reason, created_at, started_at, ready_at, ready_by";

const ITEM_COLUMNS: &str =
    "ticket_id, line_no, product_id, quantity, station, prep_seconds, status, started_at, due_at, variant_id";

/// The order the kitchen works tickets in.
const WORK_ORDER: &str = "priority DESC, created_at, ticket_id";

fn ticket_from_row(row: &AnyRow) -> anyhow::Result<TicketRow> {
    Ok(TicketRow {
        ticket_id: row.try_get("ticket_id")?,
        order_id: row.try_get("order_id")?,
        customer_id: row.try_get("customer_id")?,
        status: TicketStatus::parse(row.try_get("status")?)?,
        priority: row.try_get("priority")?,
        reason: row.try_get("reason")?,
        created_at: time(row, "created_at")?,
        started_at: time_opt(row, "started_at")?,
        ready_at: time_opt(row, "ready_at")?,
        ready_by: time_opt(row, "ready_by")?,
    })
}

fn item_from_row(row: &AnyRow) -> anyhow::Result<ItemRow> {
    Ok(ItemRow {
        ticket_id: row.try_get("ticket_id")?,
        line_no: row.try_get("line_no")?,
        product_id: row.try_get("product_id")?,
        variant_id: row.try_get("variant_id")?,
        quantity: row.try_get("quantity")?,
        station: row.try_get("station")?,
        prep_seconds: row.try_get("prep_seconds")?,
        status: ItemStatus::parse(row.try_get("status")?)?,
        started_at: time_opt(row, "started_at")?,
        due_at: time_opt(row, "due_at")?,
    })
}

/// A new ticket. A unique violation means the order already has one.
pub async fn insert_ticket<'e>(exec: impl Exec<'e>, ticket: &TicketRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO ticket ({TICKET_COLUMNS}, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $7)"
    ))
    .bind(&ticket.ticket_id)
    .bind(&ticket.order_id)
    .bind(&ticket.customer_id)
    .bind(ticket.status.as_str())
    .bind(ticket.priority)
    .bind(ticket.reason.as_deref())
    .bind(to_db(ticket.created_at))
    .bind(ticket.started_at.map(to_db))
    .bind(ticket.ready_at.map(to_db))
    .bind(ticket.ready_by.map(to_db))
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn insert_item<'e>(exec: impl Exec<'e>, item: &ItemRow) -> anyhow::Result<()> {
    sqlx::query(&format!(
        "INSERT INTO ticket_item ({ITEM_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&item.ticket_id)
    .bind(item.line_no)
    .bind(&item.product_id)
    .bind(item.quantity)
    .bind(&item.station)
    .bind(item.prep_seconds)
    .bind(item.status.as_str())
    .bind(item.started_at.map(to_db))
    .bind(item.due_at.map(to_db))
    .bind(&item.variant_id)
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn ticket_by_id<'e>(exec: impl Exec<'e>, ticket_id: &str) -> anyhow::Result<Option<TicketRow>> {
    let row = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS} FROM ticket WHERE ticket_id = $1"
    ))
    .bind(ticket_id)
    .fetch_optional(exec)
    .await?;
    row.as_ref().map(ticket_from_row).transpose()
}

pub async fn ticket_for_order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<TicketRow>> {
    let row = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS} FROM ticket WHERE order_id = $1"
    ))
    .bind(order_id)
    .fetch_optional(exec)
    .await?;
    row.as_ref().map(ticket_from_row).transpose()
}

pub async fn tickets_by_ids(db: &Db, ticket_ids: &[String]) -> anyhow::Result<Vec<TicketRow>> {
    let head = format!("SELECT {TICKET_COLUMNS} FROM ticket WHERE ticket_id IN");
    let rows = db.fetch_in(&head, ticket_ids, "").await?;
    rows.iter().map(ticket_from_row).collect()
}

pub async fn tickets_by_order_ids(db: &Db, order_ids: &[String]) -> anyhow::Result<Vec<TicketRow>> {
    let head = format!("SELECT {TICKET_COLUMNS} FROM ticket WHERE order_id IN");
    let rows = db.fetch_in(&head, order_ids, "").await?;
    rows.iter().map(ticket_from_row).collect()
}

/// Tickets in `statuses`, in the order the kitchen works them.
pub async fn queue(db: &Db, statuses: &[TicketStatus]) -> anyhow::Result<Vec<TicketRow>> {
    let statuses: Vec<String> = statuses.iter().map(|s| s.as_str().to_string()).collect();
    let head = format!("SELECT {TICKET_COLUMNS} FROM ticket WHERE status IN");
    let rows = db
        .fetch_in(&head, &statuses, &format!("ORDER BY {WORK_ORDER}"))
        .await?;
    rows.iter().map(ticket_from_row).collect()
}

/// The items of many tickets, by ticket then line.
pub async fn items_by_ticket_ids(db: &Db, ticket_ids: &[String]) -> anyhow::Result<Vec<ItemRow>> {
    let head = format!("SELECT {ITEM_COLUMNS} FROM ticket_item WHERE ticket_id IN");
    let rows = db
        .fetch_in(&head, ticket_ids, "ORDER BY ticket_id, line_no")
        .await?;
    rows.iter().map(item_from_row).collect()
}

pub async fn items_of_ticket<'e>(exec: impl Exec<'e>, ticket_id: &str) -> anyhow::Result<Vec<ItemRow>> {
    let rows = sqlx::query(&format!(
        "SELECT {ITEM_COLUMNS} FROM ticket_item WHERE ticket_id = $1 ORDER BY line_no"
    ))
    .bind(ticket_id)
    .fetch_all(exec)
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// Simulated seconds of work waiting at each station, for open tickets other than `except`.
/// Summed here rather than in SQL: PostgreSQL's SUM of BIGINT is NUMERIC, which the Any
/// driver cannot decode.
pub async fn queued_work<'e>(exec: impl Exec<'e>, except: &str) -> anyhow::Result<HashMap<String, i64>> {
    let rows = sqlx::query(
        "SELECT i.station, i.prep_seconds FROM ticket_item i JOIN ticket t ON t.ticket_id = i.ticket_id \
         WHERE i.status = 'QUEUED' AND t.status IN ('QUEUED', 'PREPARING') AND i.ticket_id <> $1",
    )
    .bind(except)
    .fetch_all(exec)
    .await?;
    let mut work: HashMap<String, i64> = HashMap::new();
    for row in rows {
        *work.entry(row.try_get("station")?).or_default() += row.try_get::<i64, _>("prep_seconds")?;
    }
    Ok(work)
}

/// Open tickets with an item on a station that is due by `now`.
pub async fn tickets_with_due_items<'e>(
    exec: impl Exec<'e>,
    now: DateTime<Utc>,
) -> anyhow::Result<Vec<String>> {
    let rows = sqlx::query(
        "SELECT DISTINCT i.ticket_id FROM ticket_item i JOIN ticket t ON t.ticket_id = i.ticket_id \
         WHERE i.status = 'PREPARING' AND i.due_at <= $1 AND t.status = 'PREPARING' ORDER BY i.ticket_id",
    )
    .bind(to_db(now))
    .fetch_all(exec)
    .await?;
    rows.iter().map(|row| Ok(row.try_get("ticket_id")?)).collect()
}

/// Items of the ticket due by `now` become DONE; returns how many did.
pub async fn finish_due_items<'e>(
    exec: impl Exec<'e>,
    ticket_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "UPDATE ticket_item SET status = 'DONE' \
         WHERE ticket_id = $1 AND status = 'PREPARING' AND due_at <= $2",
    )
    .bind(ticket_id)
    .bind(to_db(now))
    .execute(exec)
    .await?;
    Ok(done.rows_affected())
}

/// Every item of the ticket not made yet is DONE: staff finished it by hand.
pub async fn finish_all_items<'e>(exec: impl Exec<'e>, ticket_id: &str) -> anyhow::Result<u64> {
    let done = sqlx::query(
        "UPDATE ticket_item SET status = 'DONE' \
         WHERE ticket_id = $1 AND status IN ('QUEUED', 'PREPARING')",
    )
    .bind(ticket_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected())
}

pub async fn unfinished_items<'e>(exec: impl Exec<'e>, ticket_id: &str) -> anyhow::Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM ticket_item WHERE ticket_id = $1 AND status <> 'DONE'")
        .bind(ticket_id)
        .fetch_one(exec)
        .await?;
    Ok(row.try_get("n")?)
}

/// Items of open tickets on `station` now.
pub async fn busy_at<'e>(exec: impl Exec<'e>, station: &str) -> anyhow::Result<i64> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM ticket_item i JOIN ticket t ON t.ticket_id = i.ticket_id \
         WHERE i.station = $1 AND i.status = 'PREPARING' AND t.status IN ('QUEUED', 'PREPARING')",
    )
    .bind(station)
    .fetch_one(exec)
    .await?;
    Ok(row.try_get("n")?)
}

/// The next `limit` items waiting for `station`, tickets in work order.
pub async fn next_items<'e>(exec: impl Exec<'e>, station: &str, limit: i64) -> anyhow::Result<Vec<ItemRow>> {
    let columns = ITEM_COLUMNS
        .split(", ")
        .map(|c| format!("i.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = sqlx::query(&format!(
        "SELECT {columns} FROM ticket_item i JOIN ticket t ON t.ticket_id = i.ticket_id \
         WHERE i.station = $1 AND i.status = 'QUEUED' AND t.status IN ('QUEUED', 'PREPARING') \
         ORDER BY t.priority DESC, t.created_at, t.ticket_id, i.line_no LIMIT $2"
    ))
    .bind(station)
    .bind(limit)
    .fetch_all(exec)
    .await?;
    rows.iter().map(item_from_row).collect()
}

/// QUEUED → PREPARING for one item; false when it is no longer queued.
pub async fn start_item<'e>(
    exec: impl Exec<'e>,
    item: &ItemRow,
    now: DateTime<Utc>,
    due_at: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE ticket_item SET status = 'PREPARING', started_at = $1, due_at = $2 \
         WHERE ticket_id = $3 AND line_no = $4 AND status = 'QUEUED'",
    )
    .bind(to_db(now))
    .bind(to_db(due_at))
    .bind(&item.ticket_id)
    .bind(item.line_no)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// QUEUED → PREPARING for a ticket whose first item started; false if it had started already.
pub async fn start_ticket<'e>(
    exec: impl Exec<'e>,
    ticket_id: &str,
    now: DateTime<Utc>,
    ready_by: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE ticket SET status = 'PREPARING', started_at = $1, ready_by = $2, updated_at = $1 \
         WHERE ticket_id = $3 AND status = 'QUEUED'",
    )
    .bind(to_db(now))
    .bind(to_db(ready_by))
    .bind(ticket_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// PREPARING → READY.
pub async fn mark_ready<'e>(
    exec: impl Exec<'e>,
    ticket_id: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE ticket SET status = 'READY', ready_at = $1, updated_at = $1 \
         WHERE ticket_id = $2 AND status = 'PREPARING'",
    )
    .bind(to_db(now))
    .bind(ticket_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An open ticket becomes `to` (FAILED or CANCELLED) with `reason`; false if it was not open.
pub async fn end_ticket<'e>(
    exec: impl Exec<'e>,
    ticket_id: &str,
    to: TicketStatus,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE ticket SET status = $1, reason = $2, updated_at = $3 \
         WHERE ticket_id = $4 AND status IN ('QUEUED', 'PREPARING')",
    )
    .bind(to.as_str())
    .bind(reason)
    .bind(to_db(now))
    .bind(ticket_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One step up the queue for an open ticket; false if it was not open.
pub async fn bump<'e>(exec: impl Exec<'e>, ticket_id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE ticket SET priority = priority + 1, updated_at = $1 \
         WHERE ticket_id = $2 AND status IN ('QUEUED', 'PREPARING')",
    )
    .bind(to_db(now))
    .bind(ticket_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}
