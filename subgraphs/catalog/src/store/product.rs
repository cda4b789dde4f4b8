use super::parse_tags;
use crate::domain::Product;
use anyhow::Context;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};
use vitrine_kit::money::{Currency, Money};

pub(super) const COLUMNS: &str = "product_id, slug, name, description, price_amount, price_currency, \
    category_id, tags, image_url, requires_preparation, archived, created_at";

pub(super) fn from_row(row: &AnyRow) -> anyhow::Result<Product> {
    let currency: String = row.try_get("price_currency")?;
    Ok(Product {
        id: row.try_get("product_id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        price: Money::new(
            row.try_get("price_amount")?,
            Currency::parse(&currency).with_context(|| format!("unknown currency {currency}"))?,
        ),
        category_id: row.try_get("category_id")?,
        tags: parse_tags(&row.try_get::<String, _>("tags")?)?,
        image_url: row.try_get("image_url")?,
        requires_preparation: row.try_get::<i64, _>("requires_preparation")? != 0,
        archived: row.try_get::<i64, _>("archived")? != 0,
        created_at: vitrine_kit::time::from_db(&row.try_get::<String, _>("created_at")?)?,
    })
}

/// Products with these ids, archived ones included (old orders still point at them).
pub async fn products_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Product>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM product WHERE product_id IN"),
        ids,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// A page of live products ordered by name, optionally within some categories.
pub async fn list_products(
    db: &Db,
    category_ids: Option<&[String]>,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<Product>> {
    let mut sql = format!("SELECT {COLUMNS} FROM product WHERE archived = 0");
    if let Some(ids) = category_ids {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&format!(
            " AND category_id IN ({})",
            Db::placeholders(3, ids.len())
        ));
    }
    sql.push_str(" ORDER BY name, product_id LIMIT $1 OFFSET $2");
    let mut query = sqlx::query(&sql).bind(limit).bind(offset);
    for id in category_ids.unwrap_or_default() {
        query = query.bind(id);
    }
    query.fetch_all(db).await?.iter().map(from_row).collect()
}

/// A page of the products `created_by` made (every product when `None`), archived ones
/// included when asked, newest first.
pub async fn products_made_by(
    db: &Db,
    created_by: Option<&str>,
    include_archived: bool,
    limit: i64,
    offset: i64,
) -> anyhow::Result<Vec<Product>> {
    let mut sql = format!("SELECT {COLUMNS} FROM product WHERE 1 = 1");
    if !include_archived {
        sql.push_str(" AND archived = 0");
    }
    if created_by.is_some() {
        sql.push_str(" AND created_by = $3");
    }
    sql.push_str(" ORDER BY created_at DESC, product_id DESC LIMIT $1 OFFSET $2");
    let mut query = sqlx::query(&sql).bind(limit).bind(offset);
    if let Some(creator) = created_by {
        query = query.bind(creator);
    }
    query.fetch_all(db).await?.iter().map(from_row).collect()
}

/// Writes every field of `p` (insert or update); a taken slug is a unique violation.
pub async fn save_product<'e>(exec: impl Exec<'e>, p: &Product, created_by: &str) -> Result<(), sqlx::Error> {
    let now = vitrine_kit::time::to_db(vitrine_kit::time::now());
    sqlx::query(
        "INSERT INTO product (product_id, slug, name, description, price_amount, price_currency, category_id, tags, \
         image_url, requires_preparation, archived, created_at, updated_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) \
         ON CONFLICT (product_id) DO UPDATE SET slug = $2, name = $3, description = $4, price_amount = $5, \
         price_currency = $6, category_id = $7, tags = $8, image_url = $9, requires_preparation = $10, \
         archived = $11, updated_at = $12",
    )
    .bind(&p.id)
    .bind(&p.slug)
    .bind(&p.name)
    .bind(&p.description)
    .bind(p.price.amount)
    .bind(p.price.currency.code())
    .bind(&p.category_id)
    .bind(serde_json::to_string(&p.tags).expect("tags serialize"))
    .bind(&p.image_url)
    .bind(i64::from(p.requires_preparation))
    .bind(i64::from(p.archived))
    .bind(now)
    .bind(created_by)
    .execute(exec)
    .await?;
    Ok(())
}

/// Who created the product (`None` for demo data).
pub async fn product_creator(db: &Db, id: &str) -> anyhow::Result<Option<String>> {
    let row = sqlx::query("SELECT created_by FROM product WHERE product_id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.and_then(|r| r.try_get::<Option<String>, _>("created_by").ok().flatten()))
}

pub async fn set_offer_availability<'e>(
    exec: impl Exec<'e>,
    offer_id: &str,
    product_id: &str,
    available: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO offer_availability (offer_id, product_id, available) VALUES ($1, $2, $3) \
         ON CONFLICT (offer_id) DO UPDATE SET available = $3",
    )
    .bind(offer_id)
    .bind(product_id)
    .bind(available)
    .execute(exec)
    .await?;
    Ok(())
}
