use crate::domain::{Offer, Shop};
use crate::store;
use vitrine_kit::db::Db;
use vitrine_kit::demo::{
    default_variant, demo_offers, demo_variant_offers, offer_id, product_id, DEMO_SELLER_EMAIL, SHOPS,
};
use vitrine_kit::ids::stable_id;
use vitrine_kit::money::Money;

pub async fn seed_demo_shops(db: &Db) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM shop")
        .fetch_one(db)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let owner_id = stable_id("cus", DEMO_SELLER_EMAIL);
    let mut tx = db.begin_write().await?;
    for shop in SHOPS {
        let row = Shop {
            id: shop.id(),
            slug: shop.slug.into(),
            name: shop.name.into(),
            description: shop.description.into(),
            address: shop.address.into(),
            latitude: shop.latitude,
            longitude: shop.longitude,
            owner_id: owner_id.clone(),
            opening_hours: "Mo-Su 10:00-22:00".into(),
        };
        store::insert_shop(&mut *tx, &row).await?;
    }
    for (shop, product, price, _) in demo_offers() {
        let offer = Offer {
            id: offer_id(shop.slug, product.slug),
            shop_id: shop.id(),
            product_id: product_id(product.slug),
            variant_id: default_variant(product.slug).map(|v| v.id()),
            price: Money::kzt(price),
            active: true,
        };
        store::insert_offer(&mut *tx, &offer).await?;
    }
    for (id, shop, product, variant, price, _) in demo_variant_offers() {
        let offer = Offer {
            id,
            shop_id: shop.id(),
            product_id: product_id(product.slug),
            variant_id: Some(variant.id()),
            price: Money::kzt(price),
            active: true,
        };
        store::insert_offer(&mut *tx, &offer).await?;
    }
    tx.commit().await?;
    Ok(())
}
