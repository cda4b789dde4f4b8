use crate::reservations::announce;
use crate::store;
use vitrine_kit::db::Db;
use vitrine_kit::demo::{demo_offers, demo_variant_offers, offer_id, product_id, DEMO_SELLER_EMAIL};
use vitrine_kit::ids::stable_id;

/// Demo stock for the demo shops' offers, once.
pub async fn seed_demo_stock(db: &Db) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offer_stock")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let owner = stable_id("cus", DEMO_SELLER_EMAIL);
    let mut tx = db.begin_write().await?;
    let plain = demo_offers()
        .map(|(shop, product, _, units)| (offer_id(shop.slug, product.slug), shop, product, units));
    let variants =
        demo_variant_offers().map(|(offer, shop, product, _, _, units)| (offer, shop, product, units));
    for (offer, shop, product, units) in plain.chain(variants) {
        store::upsert_offer(
            &mut tx,
            &offer,
            &product_id(product.slug),
            &shop.id(),
            &owner,
            true,
            Some(units),
        )
        .await?;
        store::record_movement(&mut *tx, &offer, units, "demo stock", "seed").await?;
        // Catalog's in-stock search learns availability from these.
        announce(&mut tx, &offer).await?;
    }
    tx.commit().await?;
    Ok(())
}
