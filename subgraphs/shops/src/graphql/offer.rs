use super::shop::{load_shop, Shop};
use crate::domain;
use crate::loaders::{OfferLoader, OffersByProduct, OffersByVariant, OffersLoader};
use crate::offers;
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, ID};
use vitrine_kit::auth::{require_customer, require_self_or_admin};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::ids::new_id;
use vitrine_kit::input::check_price;
use vitrine_kit::money::Money;

/// A shop selling a product at its own price. Stock of an offer is inventory's `stock`.
pub struct Offer(pub domain::Offer);

#[Object(name = "Offer")]
impl Offer {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn price(&self) -> Money {
        self.0.price
    }
    /// Inactive offers stay listed for the seller but sell nothing.
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn shop(&self, ctx: &Context<'_>) -> Result<Shop> {
        load_shop(ctx, &self.0.shop_id)
            .await?
            .map(Shop)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("offer without shop")))
            .gql()
    }
    async fn product(&self) -> Product {
        Product {
            id: self.0.product_id.clone(),
        }
    }
    /// The variant it sells (a pizza's size, a phone's storage); null when the product has no
    /// variants.
    async fn variant(&self) -> Option<ProductVariant> {
        self.0.variant_id.clone().map(|id| ProductVariant { id })
    }
}

/// Shops' view of a product variant: who sells it, and for how much.
pub struct ProductVariant {
    id: String,
}

#[Object(name = "ProductVariant")]
impl ProductVariant {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// Live offers of this variant from every shop, cheapest first.
    async fn offers(&self, ctx: &Context<'_>) -> Result<Vec<Offer>> {
        live_offers(&ctx.data_unchecked::<OffersByVariant>().0, &self.id).await
    }
    /// The cheapest active offer of this variant, if any shop sells it.
    async fn cheapest_offer(&self, ctx: &Context<'_>) -> Result<Option<Offer>> {
        cheapest_active(&ctx.data_unchecked::<OffersByVariant>().0, &self.id).await
    }
}

/// The live offers `loader` finds under `key`, cheapest first.
async fn live_offers(loader: &DataLoader<OffersLoader>, key: &str) -> Result<Vec<Offer>> {
    let offers = loader.load_one(key.to_string()).await.gql()?;
    Ok(offers.unwrap_or_default().into_iter().map(Offer).collect())
}

/// The cheapest of them that sells now.
async fn cheapest_active(loader: &DataLoader<OffersLoader>, key: &str) -> Result<Option<Offer>> {
    Ok(live_offers(loader, key).await?.into_iter().find(|o| o.0.active))
}

/// Shops' view of a catalog product: who sells it, and for how much.
pub struct Product {
    id: String,
}

#[Object(name = "Product")]
impl Product {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// Live offers from every shop, of every variant, cheapest first.
    async fn offers(&self, ctx: &Context<'_>) -> Result<Vec<Offer>> {
        live_offers(&ctx.data_unchecked::<OffersByProduct>().0, &self.id).await
    }
    /// The cheapest active offer, if any shop sells it.
    async fn cheapest_offer(&self, ctx: &Context<'_>) -> Result<Option<Offer>> {
        cheapest_active(&ctx.data_unchecked::<OffersByProduct>().0, &self.id).await
    }
}

#[derive(Default)]
pub struct OfferQuery;

#[Object]
impl OfferQuery {
    async fn offer(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Offer>> {
        Ok(ctx
            .data_unchecked::<DataLoader<OfferLoader>>()
            .load_one(id.0)
            .await
            .gql()?
            .map(Offer))
    }

    #[graphql(entity)]
    async fn find_offer_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Offer>> {
        Ok(ctx
            .data_unchecked::<DataLoader<OfferLoader>>()
            .load_one(id.0)
            .await
            .gql()?
            .map(Offer))
    }

    #[graphql(entity)]
    async fn find_product_by_id(&self, id: ID) -> Product {
        Product { id: id.0 }
    }

    #[graphql(entity)]
    async fn find_product_variant_by_id(&self, id: ID) -> ProductVariant {
        ProductVariant { id: id.0 }
    }
}

fn check_count(count: i64) -> Result<i64, ApiError> {
    if !(0..=1_000_000).contains(&count) {
        return Err(ApiError::bad_input("count must be between 0 and 1 000 000"));
    }
    Ok(count)
}

/// The shop, if the caller runs it (or is an ADMIN).
async fn owned_shop(ctx: &Context<'_>, shop_id: &str) -> Result<domain::Shop, async_graphql::Error> {
    require_customer(ctx).gql()?;
    let shop = load_shop(ctx, shop_id)
        .await?
        .ok_or_else(|| ApiError::not_found("no such shop"))
        .gql()?;
    require_self_or_admin(ctx, &shop.owner_id)
        .map_err(|_| ApiError::Forbidden("not your shop".into()))
        .gql()?;
    Ok(shop)
}

/// Saves the offer and tells inventory (see `offers::save`), then wakes the outbox relay.
async fn save(
    ctx: &Context<'_>,
    offer: &domain::Offer,
    owner_id: &str,
    is_new: bool,
    removed: bool,
    count: Option<i64>,
) -> Result<(), ApiError> {
    offers::save(
        ctx.data_unchecked::<Db>(),
        offer,
        owner_id,
        is_new,
        removed,
        count,
    )
    .await?;
    ctx.data_unchecked::<OutboxWaker>().wake();
    Ok(())
}

async fn own_offer(
    ctx: &Context<'_>,
    offer_id: &str,
) -> Result<(domain::Offer, domain::Shop), async_graphql::Error> {
    let offer = ctx
        .data_unchecked::<DataLoader<OfferLoader>>()
        .load_one(offer_id.to_string())
        .await
        .gql()?
        .ok_or_else(|| ApiError::not_found("no such offer"))
        .gql()?;
    let shop = owned_shop(ctx, &offer.shop_id).await?;
    Ok((offer, shop))
}

#[derive(Default)]
pub struct OfferMutation;

#[Object]
impl OfferMutation {
    /// The shop's owner (or an ADMIN) starts selling a live catalog product: price in tiyn,
    /// `count` units on hand. A product with variants is offered variant by variant:
    /// `variantId` names one of them, and is refused for a product without.
    async fn add_offer_to_shop(
        &self,
        ctx: &Context<'_>,
        shop_id: ID,
        product_id: ID,
        variant_id: Option<ID>,
        price: i64,
        count: i64,
    ) -> Result<Offer> {
        let price = check_price(price).gql()?;
        let count = check_count(count).gql()?;
        let shop = owned_shop(ctx, &shop_id).await?;
        let db = ctx.data_unchecked::<Db>();
        match store::product_archived(db, &product_id).await.gql()? {
            None => return Err(ApiError::not_found("no such product")).gql(),
            Some(true) => return Err(ApiError::bad_input("the product is archived")).gql(),
            Some(false) => {}
        }
        let variants = store::variants_of_product(db, &product_id).await.gql()?;
        let variant_id = match variant_id {
            None if !variants.is_empty() => {
                return Err(ApiError::bad_input(
                    "the product comes in variants: choose one with variantId",
                ))
                .gql()
            }
            Some(_) if variants.is_empty() => {
                return Err(ApiError::bad_input("the product has no variants")).gql()
            }
            Some(id) if !variants.contains(&id.0) => {
                return Err(ApiError::not_found("no such variant of this product")).gql()
            }
            other => other.map(|id| id.0),
        };
        let offer = domain::Offer {
            id: new_id("ofr"),
            shop_id: shop.id.clone(),
            product_id: product_id.0,
            variant_id,
            price,
            active: true,
        };
        save(ctx, &offer, &shop.owner_id, true, false, Some(count))
            .await
            .gql()?;
        Ok(Offer(offer))
    }

    /// Changes price (tiyn), units on hand, or whether the offer sells.
    async fn update_offer(
        &self,
        ctx: &Context<'_>,
        offer_id: ID,
        price: Option<i64>,
        count: Option<i64>,
        active: Option<bool>,
    ) -> Result<Offer> {
        let price = price.map(check_price).transpose().gql()?;
        let count = count.map(check_count).transpose().gql()?;
        let (mut offer, shop) = own_offer(ctx, &offer_id).await?;
        offer.price = price.unwrap_or(offer.price);
        offer.active = active.unwrap_or(offer.active);
        save(ctx, &offer, &shop.owner_id, false, false, count)
            .await
            .gql()?;
        Ok(Offer(offer))
    }

    /// Stops selling; the offer disappears from listings. Held orders are unaffected.
    async fn remove_offer(&self, ctx: &Context<'_>, offer_id: ID) -> Result<bool> {
        let (offer, shop) = own_offer(ctx, &offer_id).await?;
        save(ctx, &offer, &shop.owner_id, false, true, None).await.gql()?;
        Ok(true)
    }
}
