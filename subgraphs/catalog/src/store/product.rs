use super::parse_tags;
use crate::domain::Product;
use anyhow::Context;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::Db;
use vitrine_kit::money::{Currency, Money};

const COLUMNS: &str = "product_id, slug, name, description, price_amount, price_currency, \
    category_id, tags, image_url, requires_preparation, archived, created_at";

fn from_row(row: &AnyRow) -> anyhow::Result<Product> {
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
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM product WHERE product_id IN ({})",
        Db::placeholders(1, ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id);
    }
    query.fetch_all(db).await?.iter().map(from_row).collect()
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
