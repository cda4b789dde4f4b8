use super::now;
use sqlx::any::AnyRow;
use sqlx::Row;
use vitrine_kit::db::{AnyConnection, Db, Exec};

#[derive(Debug, Clone, Default)]
pub struct OfferStock {
    pub offer_id: String,
    pub product_id: String,
    pub owner_id: String,
    pub on_hand: i64,
    pub reserved: i64,
    pub sellable: bool,
}

impl OfferStock {
    /// Units that can still be sold.
    pub fn available(&self) -> i64 {
        if self.sellable {
            self.on_hand - self.reserved
        } else {
            0
        }
    }
}

const COLUMNS: &str = "offer_id, product_id, owner_id, on_hand, reserved, sellable";

fn from_row(row: &AnyRow) -> anyhow::Result<OfferStock> {
    Ok(OfferStock {
        offer_id: row.try_get("offer_id")?,
        product_id: row.try_get("product_id")?,
        owner_id: row.try_get("owner_id")?,
        on_hand: row.try_get("on_hand")?,
        reserved: row.try_get("reserved")?,
        sellable: row.try_get::<i64, _>("sellable")? != 0,
    })
}

/// Stock rows of many offers, or of every offer of many products.
pub async fn stock_by(db: &Db, by_product: bool, ids: &[String]) -> anyhow::Result<Vec<OfferStock>> {
    let column = if by_product { "product_id" } else { "offer_id" };
    db.fetch_in(
        &format!("SELECT {COLUMNS} FROM offer_stock WHERE {column} IN"),
        ids,
        "",
    )
    .await?
    .iter()
    .map(from_row)
    .collect()
}

/// One offer's stock row.
pub async fn stock<'e>(exec: impl Exec<'e>, offer_id: &str) -> anyhow::Result<Option<OfferStock>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM offer_stock WHERE offer_id = $1"))
        .bind(offer_id)
        .fetch_optional(exec)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Creates or updates the offer's row from shops' facts; `set_on_hand` sets the count on hand
/// (never below what is reserved). Returns the change of on_hand.
pub async fn upsert_offer(
    conn: &mut AnyConnection,
    offer_id: &str,
    product_id: &str,
    shop_id: &str,
    owner_id: &str,
    sellable: bool,
    set_on_hand: Option<i64>,
) -> anyhow::Result<i64> {
    let before = stock(&mut *conn, offer_id).await?;
    let on_hand_before = before.as_ref().map_or(0, |s| s.on_hand);
    let reserved = before.as_ref().map_or(0, |s| s.reserved);
    let on_hand = set_on_hand.map_or(on_hand_before, |n| n.max(reserved));
    sqlx::query(
        "INSERT INTO offer_stock (offer_id, product_id, shop_id, owner_id, on_hand, reserved, sellable, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6, $7) ON CONFLICT (offer_id) DO UPDATE SET \
         owner_id = $4, on_hand = $5, sellable = $6, updated_at = $7",
    )
    .bind(offer_id)
    .bind(product_id)
    .bind(shop_id)
    .bind(owner_id)
    .bind(on_hand)
    .bind(i64::from(sellable))
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(on_hand - on_hand_before)
}

/// Holds `quantity` if that many are available; false otherwise (nothing changed).
pub async fn try_hold<'e>(exec: impl Exec<'e>, offer_id: &str, quantity: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE offer_stock SET reserved = reserved + $1, updated_at = $2 \
         WHERE offer_id = $3 AND sellable = 1 AND on_hand - reserved >= $1",
    )
    .bind(quantity)
    .bind(now())
    .bind(offer_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends a hold: sold (`on_hand` drops too) or given back.
pub async fn end_hold<'e>(
    exec: impl Exec<'e>,
    offer_id: &str,
    quantity: i64,
    sold: bool,
) -> anyhow::Result<()> {
    let sql = if sold {
        "UPDATE offer_stock SET reserved = reserved - $1, on_hand = on_hand - $1, updated_at = $2 WHERE offer_id = $3"
    } else {
        "UPDATE offer_stock SET reserved = reserved - $1, updated_at = $2 WHERE offer_id = $3"
    };
    sqlx::query(sql)
        .bind(quantity)
        .bind(now())
        .bind(offer_id)
        .execute(exec)
        .await?;
    Ok(())
}

/// Adds `delta` (may be negative) to on hand, never below what is reserved.
pub async fn adjust_on_hand<'e>(exec: impl Exec<'e>, offer_id: &str, delta: i64) -> anyhow::Result<bool> {
    let done = sqlx::query(
        "UPDATE offer_stock SET on_hand = on_hand + $1, updated_at = $2 \
         WHERE offer_id = $3 AND on_hand + $1 >= reserved",
    )
    .bind(delta)
    .bind(now())
    .bind(offer_id)
    .execute(exec)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn record_movement<'e>(
    exec: impl Exec<'e>,
    offer_id: &str,
    delta: i64,
    reason: &str,
    actor: &str,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO stock_movement (movement_id, offer_id, delta, reason, actor, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(vitrine_kit::ids::new_id("mov"))
    .bind(offer_id)
    .bind(delta)
    .bind(reason)
    .bind(actor)
    .bind(now())
    .execute(exec)
    .await?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct Movement {
    pub delta: i64,
    pub reason: String,
    pub actor: String,
    pub created_at: String,
}

pub async fn movements(db: &Db, offer_id: &str, limit: i64) -> anyhow::Result<Vec<Movement>> {
    sqlx::query(
        "SELECT delta, reason, actor, created_at FROM stock_movement WHERE offer_id = $1 \
         ORDER BY created_at DESC, movement_id DESC LIMIT $2",
    )
    .bind(offer_id)
    .bind(limit)
    .fetch_all(db)
    .await?
    .iter()
    .map(|r| {
        Ok(Movement {
            delta: r.try_get("delta")?,
            reason: r.try_get("reason")?,
            actor: r.try_get("actor")?,
            created_at: r.try_get("created_at")?,
        })
    })
    .collect()
}

/// Offers with the least available units first.
pub async fn low_stock(db: &Db, threshold: i64, limit: i64) -> anyhow::Result<Vec<OfferStock>> {
    sqlx::query(&format!(
        "SELECT {COLUMNS} FROM offer_stock WHERE sellable = 1 AND on_hand - reserved <= $1 \
         ORDER BY on_hand - reserved, offer_id LIMIT $2"
    ))
    .bind(threshold)
    .bind(limit)
    .fetch_all(db)
    .await?
    .iter()
    .map(from_row)
    .collect()
}
