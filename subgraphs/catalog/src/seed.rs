use crate::domain::variant_name;
use vitrine_kit::contracts::{ProductChanged, PRODUCT_CHANGED};
use vitrine_kit::db::Db;
use vitrine_kit::demo::{category_id, variants_of, CATEGORIES, PRODUCTS};
use vitrine_kit::events::enqueue;

/// Writes the demo catalog once: skipped when any category exists, and `ON CONFLICT DO NOTHING`
/// makes a concurrent second writer harmless.
pub async fn seed_demo_data(db: &Db) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM category")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let now = vitrine_kit::time::to_db(vitrine_kit::time::now());
    let mut tx = db.pool().begin().await?;
    // Parents precede children in CATEGORIES, which the foreign key needs.
    for c in CATEGORIES {
        sqlx::query(
            "INSERT INTO category (category_id, slug, name, parent_id, tags, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(c.id())
        .bind(c.slug)
        .bind(c.name)
        .bind(c.parent.map(category_id))
        .bind(serde_json::to_string(c.tags)?)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    // No image_url: the pictures are stored ones (`pictures.rs`), listed in `Product.images`.
    for p in PRODUCTS {
        sqlx::query(
            "INSERT INTO product (product_id, slug, name, description, price_amount, price_currency, \
             category_id, tags, requires_preparation, archived, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $10) ON CONFLICT DO NOTHING",
        )
        .bind(p.id())
        .bind(p.slug)
        .bind(p.name)
        .bind(p.description)
        .bind(p.price_tenge * 100)
        .bind("KZT")
        .bind(category_id(p.category))
        .bind(serde_json::to_string(p.tags)?)
        .bind(i64::from(p.requires_preparation))
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        let mut variant_ids = Vec::new();
        for (position, v) in variants_of(p.slug).enumerate() {
            let options: Vec<(String, String)> = v
                .options
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect();
            sqlx::query(
                "INSERT INTO product_variant (variant_id, product_id, position, name, options, price_amount, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING",
            )
            .bind(v.id())
            .bind(p.id())
            .bind(position as i64)
            .bind(variant_name(&options))
            .bind(serde_json::to_string(&options)?)
            .bind(v.price_of(p.price_tenge * 100))
            .bind(&now)
            .execute(&mut *tx)
            .await?;
            variant_ids.push(v.id());
        }
        // Shops learns which products (and variants) exist from these.
        enqueue(
            &mut tx,
            PRODUCT_CHANGED,
            &ProductChanged {
                product_id: p.id(),
                archived: false,
                variant_ids,
            },
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(
        products = PRODUCTS.len(),
        categories = CATEGORIES.len(),
        "seeded the demo catalog"
    );
    Ok(())
}
