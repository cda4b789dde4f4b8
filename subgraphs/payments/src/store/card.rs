//! Saved cards: what the gateway's token stands for, as much as may be shown.

use super::time;
use crate::cards::CardBrand;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};

#[derive(Debug, Clone)]
pub struct SavedCardRow {
    pub id: String,
    pub customer_id: String,
    pub brand: CardBrand,
    pub last4: String,
    pub exp_month: i64,
    pub exp_year: i64,
    pub gateway_token: String,
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "card_id, customer_id, brand, last4, exp_month, exp_year, gateway_token, created_at";

fn from_row(row: &AnyRow) -> anyhow::Result<SavedCardRow> {
    Ok(SavedCardRow {
        id: row.try_get("card_id")?,
        customer_id: row.try_get("customer_id")?,
        brand: CardBrand::parse(&row.try_get::<String, _>("brand")?)?,
        last4: row.try_get("last4")?,
        exp_month: row.try_get("exp_month")?,
        exp_year: row.try_get("exp_year")?,
        gateway_token: row.try_get("gateway_token")?,
        created_at: time(row, "created_at")?,
    })
}

pub async fn insert_card<'e>(exec: impl Exec<'e>, card: &SavedCardRow) -> anyhow::Result<()> {
    sqlx::query(&format!(
        "INSERT INTO saved_card ({COLUMNS}, removed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0)"
    ))
    .bind(&card.id)
    .bind(&card.customer_id)
    .bind(card.brand.as_str())
    .bind(&card.last4)
    .bind(card.exp_month)
    .bind(card.exp_year)
    .bind(&card.gateway_token)
    .bind(vitrine_kit::time::to_db(card.created_at))
    .execute(exec)
    .await?;
    Ok(())
}

/// The customer's cards that can still pay, newest first.
pub async fn cards_of(db: &Db, customer_id: &str) -> anyhow::Result<Vec<SavedCardRow>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM saved_card WHERE customer_id = $1 AND removed = 0 \
         ORDER BY created_at DESC, card_id DESC"
    ))
    .bind(customer_id)
    .fetch_all(db)
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// A card that can still pay, if it is `customer_id`'s.
pub async fn usable_card<'e>(
    exec: impl Exec<'e>,
    card_id: &str,
    customer_id: &str,
) -> anyhow::Result<Option<SavedCardRow>> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM saved_card WHERE card_id = $1 AND customer_id = $2 AND removed = 0"
    ))
    .bind(card_id)
    .bind(customer_id)
    .fetch_optional(exec)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Any card, removed or not: payments made with it keep pointing at it.
pub async fn card_by_id<'e>(exec: impl Exec<'e>, card_id: &str) -> anyhow::Result<Option<SavedCardRow>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM saved_card WHERE card_id = $1"))
        .bind(card_id)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn count_cards<'e>(exec: impl Exec<'e>, customer_id: &str) -> anyhow::Result<i64> {
    let row = sqlx::query("SELECT COUNT(*) AS n FROM saved_card WHERE customer_id = $1 AND removed = 0")
        .bind(customer_id)
        .fetch_one(exec)
        .await?;
    Ok(row.try_get("n")?)
}

/// False when the card is not the customer's or already removed.
pub async fn remove_card(db: &Db, card_id: &str, customer_id: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE saved_card SET removed = 1 WHERE card_id = $1 AND customer_id = $2 AND removed = 0",
    )
    .bind(card_id)
    .bind(customer_id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}
