use crate::domain::{Promo, PromoKind};
use crate::store;
use vitrine_kit::db::Db;
use vitrine_kit::money::Currency;

fn demo_promos() -> anyhow::Result<[Promo; 3]> {
    let promo = |code: &str, kind, value, min_total| Promo {
        code: code.to_string(),
        kind,
        value,
        currency: Currency::Kzt,
        min_total,
        expires_at: None,
        usage_limit: None,
        used_count: 0,
    };
    Ok([
        promo("WELCOME10", PromoKind::Percent, 10, 0),
        // 500 ₸ off a cart of at least 5 000 ₸ (amounts in tiyn).
        promo("SAVE500", PromoKind::Fixed, 50_000, 500_000),
        Promo {
            expires_at: Some(vitrine_kit::time::from_db("2025-01-01T00:00:00Z")?),
            ..promo("EXPIRED5", PromoKind::Percent, 5, 0)
        },
    ])
}

/// The demo promo codes; ones already there are left as they are.
pub async fn seed_demo_promos(db: &Db) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    for promo in demo_promos()? {
        store::insert_promo(&mut *tx, &promo, true).await?;
    }
    tx.commit().await?;
    Ok(())
}
