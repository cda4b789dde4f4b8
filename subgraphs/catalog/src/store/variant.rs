//! Products' variants.

use crate::domain::Variant;
use anyhow::Context;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::money::{Currency, Money};

const COLUMNS: &str =
    "v.variant_id, v.product_id, v.position, v.name, v.options, v.price_amount, p.price_currency";

fn from_row(row: &AnyRow) -> anyhow::Result<Variant> {
    let currency: String = row.try_get("price_currency")?;
    let options: Vec<(String, String)> = serde_json::from_str(&row.try_get::<String, _>("options")?)?;
    Ok(Variant {
        id: row.try_get("variant_id")?,
        product_id: row.try_get("product_id")?,
        position: row.try_get("position")?,
        name: row.try_get("name")?,
        options,
        price: Money::new(
            row.try_get("price_amount")?,
            Currency::parse(&currency).with_context(|| format!("unknown currency {currency}"))?,
        ),
    })
}

/// The variants of `product_ids`, each product's in order: one statement.
pub async fn variants_of(db: &Db, product_ids: &[String]) -> anyhow::Result<Vec<Variant>> {
    variants_where(
        db,
        "v.product_id",
        product_ids,
        "ORDER BY v.product_id, v.position",
    )
    .await
}

/// Variants by id.
pub async fn variants_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Variant>> {
    variants_where(db, "v.variant_id", ids, "").await
}

async fn variants_where(db: &Db, column: &str, ids: &[String], tail: &str) -> anyhow::Result<Vec<Variant>> {
    db.fetch_in(
        &format!(
            "SELECT {COLUMNS} FROM product_variant v JOIN product p ON p.product_id = v.product_id \
             WHERE {column} IN"
        ),
        ids,
        tail,
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Ids of a product's variants, in order (for the announcement of the product).
pub async fn variant_ids_of<'e>(exec: impl Exec<'e>, product_id: &str) -> anyhow::Result<Vec<String>> {
    let rows = sqlx::query("SELECT variant_id FROM product_variant WHERE product_id = $1 ORDER BY position")
        .bind(product_id)
        .fetch_all(exec)
        .await?;
    rows.iter().map(|row| Ok(row.try_get("variant_id")?)).collect()
}

/// The option pairs of a product's variants, in order (positions run 0, 1, 2…: variants are
/// never taken away).
pub async fn variant_options_of<'e>(
    exec: impl Exec<'e>,
    product_id: &str,
) -> anyhow::Result<Vec<Vec<(String, String)>>> {
    let rows = sqlx::query("SELECT options FROM product_variant WHERE product_id = $1 ORDER BY position")
        .bind(product_id)
        .fetch_all(exec)
        .await?;
    rows.iter()
        .map(|row| Ok(serde_json::from_str(&row.try_get::<String, _>("options")?)?))
        .collect()
}

/// Adds a variant; a name or position taken within the product is a unique violation.
pub async fn insert_variant<'e>(exec: impl Exec<'e>, v: &Variant, at: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO product_variant (variant_id, product_id, position, name, options, price_amount, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&v.id)
    .bind(&v.product_id)
    .bind(v.position)
    .bind(&v.name)
    .bind(serde_json::to_string(&v.options).expect("options serialize"))
    .bind(v.price.amount)
    .bind(at)
    .execute(exec)
    .await?;
    Ok(())
}
