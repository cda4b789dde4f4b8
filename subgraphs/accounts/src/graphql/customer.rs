use super::address::Address;
use super::wallet::Wallet;
use crate::domain::{self, check_name, check_phone};
use crate::loaders::{AddressesLoader, CustomerLoader, WalletLoader};
use crate::profiles;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, MaybeUndefined, Object, Result, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{require_customer, require_self_or_admin};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;

/// A person with an account: a shopper, or staff (seller, kitchen, courier, admin).
/// Everything but `id` is visible only to the customer themselves and to admins.
pub struct Customer(pub domain::Customer);

impl Customer {
    /// The customer, an ADMIN, or a Vitrine service (notifications needs the address to write
    /// to; only internally signed calls carry SERVICE).
    fn guard(&self, ctx: &Context<'_>) -> Result<()> {
        if vitrine_kit::auth::caller(ctx).has_role(vitrine_kit::identity::Role::Service) {
            return Ok(());
        }
        require_self_or_admin(ctx, &self.0.id).gql()
    }
}

#[Object(name = "Customer")]
impl Customer {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn email(&self, ctx: &Context<'_>) -> Result<&str> {
        self.guard(ctx)?;
        Ok(&self.0.email)
    }
    async fn name(&self, ctx: &Context<'_>) -> Result<&str> {
        self.guard(ctx)?;
        Ok(&self.0.name)
    }
    async fn phone(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        self.guard(ctx)?;
        Ok(self.0.phone.as_deref())
    }
    async fn roles(&self, ctx: &Context<'_>) -> Result<&[Role]> {
        self.guard(ctx)?;
        Ok(&self.0.roles)
    }
    /// Saved delivery addresses, the default first.
    async fn addresses(&self, ctx: &Context<'_>) -> Result<Vec<Address>> {
        self.guard(ctx)?;
        let rows = ctx
            .data_unchecked::<DataLoader<AddressesLoader>>()
            .load_one(self.0.id.clone())
            .await
            .gql()?;
        Ok(rows.unwrap_or_default().into_iter().map(Address).collect())
    }
    /// The tenge wallet.
    async fn wallet(&self, ctx: &Context<'_>) -> Result<Wallet> {
        self.guard(ctx)?;
        let totals = ctx
            .data_unchecked::<DataLoader<WalletLoader>>()
            .load_one(self.0.id.clone())
            .await
            .gql()?;
        Ok(Wallet {
            customer_id: self.0.id.clone(),
            totals: totals.unwrap_or_default(),
        })
    }
    async fn created_at(&self, ctx: &Context<'_>) -> Result<DateTime<Utc>> {
        self.guard(ctx)?;
        Ok(self.0.created_at)
    }
}

pub async fn load_customer(ctx: &Context<'_>, id: &str) -> Result<Option<Customer>> {
    Ok(ctx
        .data_unchecked::<DataLoader<CustomerLoader>>()
        .load_one(id.to_string())
        .await
        .gql()?
        .map(Customer))
}

#[derive(Default)]
pub struct CustomerQuery;

#[Object]
impl CustomerQuery {
    /// The signed-in customer.
    async fn me(&self, ctx: &Context<'_>) -> Result<Customer> {
        let id = require_customer(ctx).gql()?;
        load_customer(ctx, id)
            .await?
            .ok_or_else(|| ApiError::Unauthenticated("account no longer exists".into()))
            .gql()
    }

    /// A customer by id: yourself, or anyone for admins.
    async fn customer(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Customer>> {
        require_self_or_admin(ctx, &id).gql()?;
        load_customer(ctx, &id).await
    }

    #[graphql(entity)]
    async fn find_customer_by_id(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Customer>> {
        load_customer(ctx, &id).await
    }
}

#[derive(InputObject)]
pub struct UpdateProfileInput {
    pub name: Option<String>,
    /// `null` clears the phone; leaving it out keeps it.
    pub phone: MaybeUndefined<String>,
}

#[derive(Default)]
pub struct ProfileMutation;

#[Object]
impl ProfileMutation {
    async fn update_profile(&self, ctx: &Context<'_>, input: UpdateProfileInput) -> Result<Customer> {
        let id = require_customer(ctx).gql()?.to_string();
        let name = input.name.as_deref().map(check_name).transpose().gql()?;
        let phone = match &input.phone {
            MaybeUndefined::Undefined => None,
            MaybeUndefined::Null => Some(None),
            MaybeUndefined::Value(p) => Some(check_phone(Some(p)).gql()?),
        };
        profiles::update(
            ctx.data_unchecked::<Db>(),
            &id,
            name.as_deref(),
            phone.as_ref().map(|p| p.as_deref()),
        )
        .await
        .gql()?;
        load_customer(ctx, &id)
            .await?
            .ok_or_else(|| ApiError::not_found("no such customer"))
            .gql()
    }
}
