use super::offer::Offer;
use crate::domain;
use crate::loaders::{OffersByShop, ShopLoader};
use crate::shops;
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, Object, Result, ID};
use vitrine_kit::auth::{require_any_role, require_customer};
use vitrine_kit::cost_hints::{cost, list_size, text_weight};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::ids::new_id;
use vitrine_kit::input::{check_line, check_text, Lines};

/// Characters of a shop's description.
const MAX_DESCRIPTION_CHARS: usize = 2000;
/// What the router's cost estimate takes a shop's offers to be: nothing bounds them, and the
/// demo's largest shop has 44 (10, the default, let three nested levels answer 85 000).
const ASSUMED_OFFERS: i32 = 100;

/// A shop on the marketplace (an offline store that also sells here).
pub struct Shop(pub domain::Shop);

#[Object(name = "Shop")]
impl Shop {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    #[graphql(directive = cost::apply(text_weight(MAX_DESCRIPTION_CHARS)))]
    async fn description(&self) -> &str {
        &self.0.description
    }
    async fn address(&self) -> &str {
        &self.0.address
    }
    /// WGS 84 degrees; couriers pick up here.
    async fn latitude(&self) -> f64 {
        self.0.latitude
    }
    async fn longitude(&self) -> f64 {
        self.0.longitude
    }
    async fn opening_hours(&self) -> &str {
        &self.0.opening_hours
    }
    /// The accounts customer (a SELLER) who runs the shop.
    async fn owner_id(&self) -> ID {
        ID(self.0.owner_id.clone())
    }
    /// Live offers, cheapest first.
    #[graphql(directive = list_size::apply(ASSUMED_OFFERS))]
    async fn offers(&self, ctx: &Context<'_>) -> Result<Vec<Offer>> {
        let offers = ctx
            .data_unchecked::<OffersByShop>()
            .0
            .load_one(self.0.id.clone())
            .await
            .gql()?;
        Ok(offers.unwrap_or_default().into_iter().map(Offer).collect())
    }
}

pub async fn load_shop(ctx: &Context<'_>, id: &str) -> Result<Option<domain::Shop>> {
    ctx.data_unchecked::<DataLoader<ShopLoader>>()
        .load_one(id.to_string())
        .await
        .gql()
}

#[derive(Default)]
pub struct ShopQuery;

#[Object]
impl ShopQuery {
    async fn shop(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Shop>> {
        Ok(load_shop(ctx, &id).await?.map(Shop))
    }

    /// Every shop by name (at most 100).
    async fn shops(&self, ctx: &Context<'_>) -> Result<Vec<Shop>> {
        let rows = store::list_shops(ctx.data_unchecked::<Db>(), None, 100)
            .await
            .gql()?;
        Ok(rows.into_iter().map(Shop).collect())
    }

    /// Shops the signed-in seller runs.
    async fn my_shops(&self, ctx: &Context<'_>) -> Result<Vec<Shop>> {
        let owner = require_customer(ctx).gql()?;
        let rows = store::list_shops(ctx.data_unchecked::<Db>(), Some(owner), 100)
            .await
            .gql()?;
        Ok(rows.into_iter().map(Shop).collect())
    }

    #[graphql(entity)]
    async fn find_shop_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Shop>> {
        Ok(load_shop(ctx, &id).await?.map(Shop))
    }
}

#[derive(InputObject)]
pub struct CreateShopInput {
    pub name: String,
    pub slug: String,
    pub description: String,
    pub address: String,
    pub latitude: f64,
    pub longitude: f64,
    #[graphql(default = "Mo-Su 10:00-22:00")]
    pub opening_hours: String,
}

#[derive(Default)]
pub struct ShopMutation;

#[Object]
impl ShopMutation {
    /// SELLER or ADMIN: opens a shop owned by the caller.
    async fn create_shop(&self, ctx: &Context<'_>, input: CreateShopInput) -> Result<Shop> {
        require_any_role(ctx, &[Role::Seller]).gql()?;
        let owner = require_customer(ctx).gql()?.to_string();
        let slug_ok = !input.slug.is_empty()
            && input.slug.len() <= 60
            && input
                .slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !slug_ok {
            return Err(ApiError::bad_input("slug must be 1 to 60 of a-z, 0-9 and -")).gql();
        }
        check_line("name", input.name.trim(), 1..=100).gql()?;
        check_text(
            "description",
            &input.description,
            0..=MAX_DESCRIPTION_CHARS,
            Lines::Many,
        )
        .gql()?;
        check_line("address", &input.address, 0..=300).gql()?;
        check_line("openingHours", &input.opening_hours, 0..=100).gql()?;
        vitrine_kit::input::check_coordinates(input.latitude, input.longitude).gql()?;
        let shop = domain::Shop {
            id: new_id("shp"),
            slug: input.slug,
            name: input.name.trim().into(),
            description: input.description,
            address: input.address,
            latitude: input.latitude,
            longitude: input.longitude,
            owner_id: owner,
            opening_hours: input.opening_hours,
        };
        shops::create(ctx.data_unchecked::<Db>(), &shop).await.gql()?;
        Ok(Shop(shop))
    }
}
