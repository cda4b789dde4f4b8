//! Products' pictures (the bytes are in the media store; these rows say which and in what
//! order).

use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{Db, Exec};

#[derive(Debug, Clone, PartialEq)]
pub struct ProductImage {
    pub product_id: String,
    pub position: i64,
    pub media_key: String,
    pub alt: String,
    /// Sized variants of an uploaded picture; none for a bundled vector one.
    pub variants: Option<Variants>,
}

/// An uploaded picture's sized WebP variants (media keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Variants {
    pub thumb: String,
    pub card: String,
    pub full: String,
}

fn from_row(row: &AnyRow) -> anyhow::Result<ProductImage> {
    Ok(ProductImage {
        product_id: row.try_get("product_id")?,
        position: row.try_get("position")?,
        media_key: row.try_get("media_key")?,
        alt: row.try_get("alt")?,
        variants: match (
            row.try_get::<Option<String>, _>("thumb_key")?,
            row.try_get::<Option<String>, _>("card_key")?,
            row.try_get::<Option<String>, _>("full_key")?,
        ) {
            (Some(thumb), Some(card), Some(full)) => Some(Variants { thumb, card, full }),
            _ => None,
        },
    })
}

/// The pictures of `product_ids`, each product's in order: one statement.
pub async fn images_of(db: &Db, product_ids: &[String]) -> anyhow::Result<Vec<ProductImage>> {
    db.fetch_in(
        "SELECT product_id, position, media_key, alt, thumb_key, card_key, full_key FROM product_image \
         WHERE product_id IN",
        product_ids,
        "ORDER BY product_id, position",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// Products that have at least one picture.
pub async fn products_with_images<'e>(exec: impl Exec<'e>) -> anyhow::Result<Vec<String>> {
    let rows = sqlx::query("SELECT DISTINCT product_id FROM product_image")
        .fetch_all(exec)
        .await?;
    rows.iter().map(|row| Ok(row.try_get("product_id")?)).collect()
}

/// Adds a picture at `position`; false (nothing written) when one is there already.
pub async fn add_image<'e>(exec: impl Exec<'e>, image: &ProductImage, at: &str) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO product_image (product_id, position, media_key, alt, thumb_key, card_key, full_key, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(&image.product_id)
    .bind(image.position)
    .bind(&image.media_key)
    .bind(&image.alt)
    .bind(image.variants.as_ref().map(|v| v.thumb.clone()))
    .bind(image.variants.as_ref().map(|v| v.card.clone()))
    .bind(image.variants.as_ref().map(|v| v.full.clone()))
    .bind(at)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How many pictures `product_id` has, and the next free position.
pub async fn image_slots<'e>(exec: impl Exec<'e>, product_id: &str) -> anyhow::Result<(i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, COALESCE(MAX(position) + 1, 0) AS next FROM product_image WHERE product_id = $1",
    )
    .bind(product_id)
    .fetch_one(exec)
    .await?;
    Ok((row.try_get("n")?, row.try_get("next")?))
}
