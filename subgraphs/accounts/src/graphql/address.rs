use crate::addresses;
use crate::domain;
use crate::store;
use async_graphql::{Context, InputObject, Object, Result, ID};
use vitrine_kit::auth::require_customer;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::ids::new_id;
use vitrine_kit::input::check_line;

/// A saved delivery address with its coordinates (couriers are routed to them).
pub struct Address(pub domain::Address);

#[Object(name = "Address")]
impl Address {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    /// "Home", "Office", …
    async fn label(&self) -> &str {
        &self.0.label
    }
    async fn line1(&self) -> &str {
        &self.0.line1
    }
    async fn line2(&self) -> Option<&str> {
        self.0.line2.as_deref()
    }
    async fn city(&self) -> &str {
        &self.0.city
    }
    async fn postal_code(&self) -> Option<&str> {
        self.0.postal_code.as_deref()
    }
    /// WGS 84 degrees.
    async fn latitude(&self) -> f64 {
        self.0.latitude
    }
    async fn longitude(&self) -> f64 {
        self.0.longitude
    }
    async fn is_default(&self) -> bool {
        self.0.is_default
    }
}

#[derive(InputObject)]
pub struct AddressInput {
    pub label: String,
    pub line1: String,
    pub line2: Option<String>,
    pub city: String,
    pub postal_code: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    #[graphql(default)]
    pub is_default: bool,
}

impl AddressInput {
    fn into_address(self, id: String, customer_id: String) -> Result<domain::Address, ApiError> {
        let text = |value: String, field: &str, max: usize| {
            let value = value.trim().to_string();
            check_line(field, &value, 1..=max).map(|()| value)
        };
        vitrine_kit::input::check_coordinates(self.latitude, self.longitude)?;
        Ok(domain::Address {
            id,
            customer_id,
            label: text(self.label, "label", 50)?,
            line1: text(self.line1, "line1", 200)?,
            line2: self.line2.map(|l| text(l, "line2", 200)).transpose()?,
            city: text(self.city, "city", 100)?,
            postal_code: self.postal_code.map(|p| text(p, "postalCode", 20)).transpose()?,
            latitude: self.latitude,
            longitude: self.longitude,
            is_default: self.is_default,
        })
    }
}

/// The caller's own live address; someone else's looks exactly like a missing one.
async fn own_address(ctx: &Context<'_>, id: &str) -> Result<domain::Address, ApiError> {
    let customer_id = require_customer(ctx)?;
    match store::address_by_id(ctx.data_unchecked::<Db>(), id).await? {
        Some(address) if address.customer_id == customer_id => Ok(address),
        _ => Err(ApiError::not_found("no such address")),
    }
}

#[derive(Default)]
pub struct AddressMutation;

#[Object]
impl AddressMutation {
    /// Saves a new address; the first one becomes the default.
    async fn add_address(&self, ctx: &Context<'_>, input: AddressInput) -> Result<Address> {
        let customer_id = require_customer(ctx).gql()?.to_string();
        let existing =
            store::addresses_by_customer_ids(ctx.data_unchecked::<Db>(), std::slice::from_ref(&customer_id))
                .await
                .gql()?;
        if existing.len() >= 20 {
            return Err(ApiError::bad_input("at most 20 addresses per customer")).gql();
        }
        let mut address = input.into_address(new_id("adr"), customer_id).gql()?;
        address.is_default |= existing.is_empty();
        addresses::save(ctx.data_unchecked::<Db>(), &address)
            .await
            .gql()?;
        Ok(Address(address))
    }

    async fn update_address(&self, ctx: &Context<'_>, id: ID, input: AddressInput) -> Result<Address> {
        let current = own_address(ctx, &id).await.gql()?;
        let mut address = input.into_address(current.id, current.customer_id).gql()?;
        // The default moves only by making another address the default.
        address.is_default |= current.is_default;
        addresses::save(ctx.data_unchecked::<Db>(), &address)
            .await
            .gql()?;
        Ok(Address(address))
    }

    async fn remove_address(&self, ctx: &Context<'_>, id: ID) -> Result<bool> {
        let address = own_address(ctx, &id).await.gql()?;
        addresses::remove(ctx.data_unchecked::<Db>(), &address)
            .await
            .gql()?;
        Ok(true)
    }
}
