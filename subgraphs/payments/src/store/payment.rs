//! Payments, their history, authorization attempts and void tombstones. Status changes are
//! conditional UPDATEs: the condition is the rule (only an AUTHORIZED payment is captured,
//! never more refunded than paid), so concurrent requests cannot both win.

use super::{now_text, time};
use crate::cards::CardBrand;
use crate::domain::{HistoryKind, PaymentMethod, PaymentStatus, Terms};
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};

#[derive(Debug, Clone)]
pub struct PaymentRow {
    pub id: String,
    pub order_id: String,
    pub customer_id: String,
    pub method: PaymentMethod,
    pub status: PaymentStatus,
    pub amount: i64,
    pub refunded_amount: i64,
    pub pending_refund: i64,
    pub currency: String,
    pub card_id: Option<String>,
    pub card_brand: Option<CardBrand>,
    pub card_last4: Option<String>,
    pub wallet_hold_id: Option<String>,
    pub gateway_auth_id: Option<String>,
    pub decline_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PaymentRow {
    /// What the payment was authorized for, to compare a replayed request with.
    pub fn terms(&self) -> Terms {
        Terms {
            customer_id: self.customer_id.clone(),
            method: self.method,
            amount: self.amount,
            currency: self.currency.clone(),
            card_id: self.card_id.clone(),
        }
    }
}

pub(super) const COLUMNS: &str =
    "payment_id, order_id, customer_id, method, status, amount, refunded_amount, \
     pending_refund, currency, card_id, card_brand, card_last4, wallet_hold_id, gateway_auth_id, \
     decline_reason, created_at, updated_at";

pub(super) fn from_row(row: &AnyRow) -> anyhow::Result<PaymentRow> {
    Ok(PaymentRow {
        id: row.try_get("payment_id")?,
        order_id: row.try_get("order_id")?,
        customer_id: row.try_get("customer_id")?,
        method: PaymentMethod::parse(&row.try_get::<String, _>("method")?)?,
        status: PaymentStatus::parse(&row.try_get::<String, _>("status")?)?,
        amount: row.try_get("amount")?,
        refunded_amount: row.try_get("refunded_amount")?,
        pending_refund: row.try_get("pending_refund")?,
        currency: row.try_get("currency")?,
        card_id: row.try_get("card_id")?,
        card_brand: row
            .try_get::<Option<String>, _>("card_brand")?
            .map(|b| CardBrand::parse(&b))
            .transpose()?,
        card_last4: row.try_get("card_last4")?,
        wallet_hold_id: row.try_get("wallet_hold_id")?,
        gateway_auth_id: row.try_get("gateway_auth_id")?,
        decline_reason: row.try_get("decline_reason")?,
        created_at: time(row, "created_at")?,
        updated_at: time(row, "updated_at")?,
    })
}

/// The payments of many orders in one query (orders without one are missing).
pub async fn payments_by_order_ids(db: &Db, order_ids: &[String]) -> anyhow::Result<Vec<PaymentRow>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM payment WHERE order_id IN"),
        order_ids,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

pub async fn payment_by_id(db: &Db, payment_id: &str) -> anyhow::Result<Option<PaymentRow>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM payment WHERE payment_id = $1"))
        .bind(payment_id)
        .fetch_optional(db)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn payment_by_order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<PaymentRow>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM payment WHERE order_id = $1"))
        .bind(order_id)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Newest first; `before` is the `created_at|payment_id` cursor of the last payment seen.
pub async fn payments_page(
    db: &Db,
    customer_id: &str,
    limit: i64,
    before: Option<(&str, &str)>,
) -> anyhow::Result<Vec<PaymentRow>> {
    let rows = match before {
        Some((created_at, payment_id)) => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM payment WHERE customer_id = $1 \
                 AND (created_at < $2 OR (created_at = $2 AND payment_id < $3)) \
                 ORDER BY created_at DESC, payment_id DESC LIMIT $4"
            ))
            .bind(customer_id)
            .bind(created_at)
            .bind(payment_id)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "SELECT {COLUMNS} FROM payment WHERE customer_id = $1 \
                 ORDER BY created_at DESC, payment_id DESC LIMIT $2"
            ))
            .bind(customer_id)
            .bind(limit)
            .fetch_all(db)
            .await?
        }
    };
    rows.iter().map(from_row).collect()
}

/// Fails with a unique violation when the order already has a payment.
pub async fn insert_payment<'e>(exec: impl Exec<'e>, p: &PaymentRow) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "INSERT INTO payment ({COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
    ))
    .bind(&p.id)
    .bind(&p.order_id)
    .bind(&p.customer_id)
    .bind(p.method.as_str())
    .bind(p.status.as_str())
    .bind(p.amount)
    .bind(p.refunded_amount)
    .bind(p.pending_refund)
    .bind(&p.currency)
    .bind(&p.card_id)
    .bind(p.card_brand.map(CardBrand::as_str))
    .bind(&p.card_last4)
    .bind(&p.wallet_hold_id)
    .bind(&p.gateway_auth_id)
    .bind(&p.decline_reason)
    .bind(vitrine_kit::time::to_db(p.created_at))
    .bind(vitrine_kit::time::to_db(p.updated_at))
    .execute(exec)
    .await?;
    Ok(())
}

/// AUTHORIZED → `to`; false when the payment was no longer AUTHORIZED.
pub async fn move_from_authorized<'e>(
    exec: impl Exec<'e>,
    payment_id: &str,
    to: PaymentStatus,
) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE payment SET status = $1, updated_at = $2 WHERE payment_id = $3 AND status = 'AUTHORIZED'",
    )
    .bind(to.as_str())
    .bind(now_text())
    .bind(payment_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sets `amount` aside for a refund in flight, if that much captured money is left.
pub async fn reserve_refund<'e>(exec: impl Exec<'e>, payment_id: &str, amount: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE payment SET pending_refund = pending_refund + $1, updated_at = $2 \
         WHERE payment_id = $3 AND status IN ('CAPTURED', 'PARTIALLY_REFUNDED') \
         AND refunded_amount + pending_refund + $1 <= amount",
    )
    .bind(amount)
    .bind(now_text())
    .bind(payment_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A refund in flight went back (`succeeded`) or was refused: it leaves `pending_refund`.
pub async fn settle_refund<'e>(
    exec: impl Exec<'e>,
    payment_id: &str,
    amount: i64,
    succeeded: bool,
) -> anyhow::Result<()> {
    let refunded = if succeeded { amount } else { 0 };
    sqlx::query(
        "UPDATE payment SET pending_refund = pending_refund - $1, refunded_amount = refunded_amount + $2, \
         updated_at = $3 WHERE payment_id = $4",
    )
    .bind(amount)
    .bind(refunded)
    .bind(now_text())
    .bind(payment_id)
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn set_status<'e>(
    exec: impl Exec<'e>,
    payment_id: &str,
    status: PaymentStatus,
) -> anyhow::Result<()> {
    sqlx::query("UPDATE payment SET status = $1, updated_at = $2 WHERE payment_id = $3")
        .bind(status.as_str())
        .bind(now_text())
        .bind(payment_id)
        .execute(exec)
        .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub payment_id: String,
    pub kind: HistoryKind,
    pub amount: i64,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

pub async fn insert_history<'e>(
    exec: impl Exec<'e>,
    payment_id: &str,
    kind: HistoryKind,
    amount: i64,
    note: Option<&str>,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO payment_history (history_id, payment_id, kind, amount, note, at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(vitrine_kit::ids::new_id("pyh"))
    .bind(payment_id)
    .bind(kind.as_str())
    .bind(amount)
    .bind(note)
    .bind(now_text())
    .execute(exec)
    .await?;
    Ok(())
}

/// The history of many payments in one query, oldest first.
pub async fn history_by_payment_ids(db: &Db, payment_ids: &[String]) -> anyhow::Result<Vec<HistoryRow>> {
    db.fetch_in(
        "SELECT payment_id, kind, amount, note, at FROM payment_history WHERE payment_id IN",
        payment_ids,
        "ORDER BY at, history_id",
    )
    .await?
    .iter()
    .map(|row| {
        Ok(HistoryRow {
            payment_id: row.try_get("payment_id")?,
            kind: HistoryKind::parse(&row.try_get::<String, _>("kind")?)?,
            amount: row.try_get("amount")?,
            note: row.try_get("note")?,
            at: time(row, "at")?,
        })
    })
    .collect()
}

/// The terms of an authorization asked for but not recorded yet.
pub async fn attempt<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<Option<Terms>> {
    let row = sqlx::query(
        "SELECT customer_id, method, amount, currency, card_id FROM payment_attempt WHERE order_id = $1",
    )
    .bind(order_id)
    .fetch_optional(exec)
    .await?;
    row.map(|row| {
        Ok(Terms {
            customer_id: row.try_get("customer_id")?,
            method: PaymentMethod::parse(&row.try_get::<String, _>("method")?)?,
            amount: row.try_get("amount")?,
            currency: row.try_get("currency")?,
            card_id: row.try_get("card_id")?,
        })
    })
    .transpose()
}

pub async fn insert_attempt<'e>(exec: impl Exec<'e>, order_id: &str, terms: &Terms) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO payment_attempt (order_id, customer_id, method, amount, currency, card_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(&terms.customer_id)
    .bind(terms.method.as_str())
    .bind(terms.amount)
    .bind(&terms.currency)
    .bind(&terms.card_id)
    .bind(now_text())
    .execute(exec)
    .await?;
    Ok(())
}

/// The attempt's answer is recorded as a payment now.
pub async fn delete_attempt<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM payment_attempt WHERE order_id = $1")
        .bind(order_id)
        .execute(exec)
        .await?;
    Ok(())
}

pub async fn is_voided_order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<bool> {
    let row = sqlx::query("SELECT order_id FROM voided_order WHERE order_id = $1")
        .bind(order_id)
        .fetch_optional(exec)
        .await?;
    Ok(row.is_some())
}

pub async fn insert_voided_order<'e>(exec: impl Exec<'e>, order_id: &str) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO voided_order (order_id, created_at) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(now_text())
    .execute(exec)
    .await?;
    Ok(())
}
