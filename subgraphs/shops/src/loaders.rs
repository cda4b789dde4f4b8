use crate::domain::{Offer, Shop};
use crate::store::{self, OfferKey};
use async_graphql::dataloader::Loader;
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::db::Db;

pub struct ShopLoader(pub Db);

impl Loader<String> for ShopLoader {
    type Value = Shop;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Shop>, Self::Error> {
        let rows = store::shops_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|s| (s.id.clone(), s)).collect())
    }
}

pub struct OfferLoader(pub Db);

impl Loader<String> for OfferLoader {
    type Value = Offer;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Offer>, Self::Error> {
        let rows = store::offers_by_ids(&self.0, ids).await.map_err(Arc::new)?;
        Ok(rows.into_iter().map(|o| (o.id.clone(), o)).collect())
    }
}

/// Live offers per product (or per shop), cheapest first.
pub struct OffersLoader(pub Db, pub OfferKey);

impl Loader<String> for OffersLoader {
    type Value = Vec<Offer>;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, ids: &[String]) -> Result<HashMap<String, Vec<Offer>>, Self::Error> {
        let mut grouped: HashMap<String, Vec<Offer>> = HashMap::new();
        for offer in store::offers_by(&self.0, self.1, ids).await.map_err(Arc::new)? {
            let key = match self.1 {
                OfferKey::Product => offer.product_id.clone(),
                OfferKey::Shop => offer.shop_id.clone(),
                OfferKey::Variant => match &offer.variant_id {
                    Some(id) => id.clone(),
                    None => continue,
                },
            };
            grouped.entry(key).or_default().push(offer);
        }
        Ok(grouped)
    }
}

/// The offer-list loaders, told apart by type.
pub struct OffersByProduct(pub async_graphql::dataloader::DataLoader<OffersLoader>);
pub struct OffersByShop(pub async_graphql::dataloader::DataLoader<OffersLoader>);
pub struct OffersByVariant(pub async_graphql::dataloader::DataLoader<OffersLoader>);
