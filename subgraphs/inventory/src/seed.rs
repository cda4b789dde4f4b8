use vitrine_kit::db::Db;
use vitrine_kit::demo::PRODUCTS;

/// Demo stock for the demo catalog's products, once.
pub async fn seed_demo_stock(db: &Db) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM stock_item")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let now = vitrine_kit::time::to_db(vitrine_kit::time::now());
    let mut tx = db.pool().begin().await?;
    for p in PRODUCTS {
        sqlx::query(
            "INSERT INTO stock_item (product_id, on_hand, reserved, updated_at) VALUES ($1, $2, 0, $3) \
             ON CONFLICT DO NOTHING",
        )
        .bind(p.id())
        .bind(p.stock)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
