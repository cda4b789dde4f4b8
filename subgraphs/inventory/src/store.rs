use sqlx::Row;
use vitrine_kit::db::Db;

#[derive(Debug, Clone, Copy, Default)]
pub struct StockLevel {
    pub on_hand: i64,
    pub reserved: i64,
}

impl StockLevel {
    pub fn available(&self) -> i64 {
        self.on_hand - self.reserved
    }
}

pub async fn stock_by_product_ids(db: &Db, ids: &[String]) -> anyhow::Result<Vec<(String, StockLevel)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT product_id, on_hand, reserved FROM stock_item WHERE product_id IN ({})",
        Db::placeholders(1, ids.len())
    );
    let mut query = sqlx::query(&sql);
    for id in ids {
        query = query.bind(id);
    }
    query
        .fetch_all(db)
        .await?
        .iter()
        .map(|row| {
            Ok((
                row.try_get("product_id")?,
                StockLevel {
                    on_hand: row.try_get("on_hand")?,
                    reserved: row.try_get("reserved")?,
                },
            ))
        })
        .collect()
}

/// Products whose available stock is at or below `threshold`, scarcest first.
pub async fn low_stock(db: &Db, threshold: i64, limit: i64) -> anyhow::Result<Vec<(String, StockLevel)>> {
    sqlx::query(
        "SELECT product_id, on_hand, reserved FROM stock_item WHERE on_hand - reserved <= $1 \
         ORDER BY on_hand - reserved, product_id LIMIT $2",
    )
    .bind(threshold)
    .bind(limit)
    .fetch_all(db)
    .await?
    .iter()
    .map(|row| {
        Ok((
            row.try_get("product_id")?,
            StockLevel {
                on_hand: row.try_get("on_hand")?,
                reserved: row.try_get("reserved")?,
            },
        ))
    })
    .collect()
}
