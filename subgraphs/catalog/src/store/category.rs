use super::parse_tags;
use crate::domain::Category;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::Db;

const COLUMNS: &str = "category_id, slug, name, parent_id, tags";

fn from_row(row: &AnyRow) -> anyhow::Result<Category> {
    Ok(Category {
        id: row.try_get("category_id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        parent_id: row.try_get("parent_id")?,
        tags: parse_tags(&row.try_get::<String, _>("tags")?)?,
    })
}

pub async fn categories_by_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<Category>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM category WHERE category_id IN"),
        ids,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// The whole tree; small enough (tens of rows) to read at once and walk in memory.
pub async fn all_categories(db: &Db) -> anyhow::Result<Vec<Category>> {
    sqlx::query(&format!("SELECT {COLUMNS} FROM category ORDER BY name"))
        .fetch_all(db)
        .await?
        .iter()
        .map(from_row)
        .collect()
}

pub async fn categories_by_parent_ids(db: &Db, parent_ids: &[String]) -> anyhow::Result<Vec<Category>> {
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM category WHERE parent_id IN"),
        parent_ids,
        "ORDER BY name",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}
