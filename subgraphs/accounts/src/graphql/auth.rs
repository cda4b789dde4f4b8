use super::customer::{load_customer, Customer};
use crate::auth;
use crate::domain::{check_name, check_password, check_phone, parse_email};
use crate::passwords;
use crate::store::{self, Limit, NewCustomer};
use async_graphql::{Context, ErrorExtensions, InputObject, Object, Result, SimpleObject};
use vitrine_kit::auth::caller;
use vitrine_kit::config::AccountsConfig;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::ids::new_id;
use vitrine_kit::input::check_line;

/// Tokens for a signed-in session. Send `accessToken` as `Authorization: Bearer …`; trade
/// `refreshToken` for a new pair with `refreshToken` before the access token expires.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct AuthPayload {
    pub access_token: String,
    /// Seconds until `accessToken` expires.
    pub expires_in: i64,
    /// Single use: each exchange returns a new one, and replaying an old one ends the session.
    pub refresh_token: String,
    #[graphql(skip)]
    pub customer_id: String,
}

#[async_graphql::ComplexObject]
impl AuthPayload {
    /// Returned without needing the new token: the payload itself proves who signed in.
    async fn customer(&self, ctx: &Context<'_>) -> Result<CustomerSummary> {
        let customer = load_customer(ctx, &self.customer_id)
            .await?
            .ok_or_else(|| ApiError::not_found("gone"))
            .gql()?;
        Ok(CustomerSummary(customer))
    }
}

/// The signed-in customer as returned with their tokens.
pub struct CustomerSummary(Customer);

#[Object]
impl CustomerSummary {
    async fn id(&self) -> &str {
        &self.0 .0.id
    }
    async fn email(&self) -> &str {
        &self.0 .0.email
    }
    async fn name(&self) -> &str {
        &self.0 .0.name
    }
    async fn roles(&self) -> &[Role] {
        &self.0 .0.roles
    }
}

#[derive(InputObject)]
pub struct RegisterInput {
    pub email: String,
    pub password: String,
    pub name: String,
    pub phone: Option<String>,
}

const BAD_CREDENTIALS: &str = "invalid email or password";

/// `RATE_LIMITED` with `extensions.retryAfter`: seconds until `limit`'s window ends.
fn rate_limited(what: &str, retry_after: i64) -> async_graphql::Error {
    ApiError::RateLimited(format!("too many {what}; try again in {retry_after} s"))
        .extend()
        .extend_with(|_, ext| ext.set("retryAfter", retry_after))
}

/// The sign-in limits that apply to `email` from `client`, most specific first, with keys.
fn login_limits(client: Option<&str>, email: &str) -> Vec<(Limit, String)> {
    match client {
        Some(client) => vec![
            (store::LOGIN_PER_ADDRESS_AND_EMAIL, format!("{client}|{email}")),
            (store::LOGIN_PER_ADDRESS, client.to_string()),
            (store::LOGIN_PER_EMAIL, email.to_string()),
        ],
        None => vec![
            (store::LOGIN_PER_ADDRESS_AND_EMAIL, email.to_string()),
            (store::LOGIN_PER_EMAIL, email.to_string()),
        ],
    }
}

impl From<auth::Session> for AuthPayload {
    fn from(session: auth::Session) -> Self {
        AuthPayload {
            access_token: session.access_token,
            expires_in: session.expires_in,
            refresh_token: session.refresh_token,
            customer_id: session.customer_id,
        }
    }
}

#[derive(Default)]
pub struct AuthMutation;

#[Object]
impl AuthMutation {
    /// Creates a CUSTOMER account with an empty wallet and signs it in.
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> Result<AuthPayload> {
        let email = parse_email(&input.email).gql()?;
        check_password(&input.password, &email).gql()?;
        let name = check_name(&input.name).gql()?;
        let phone = check_phone(input.phone.as_deref()).gql()?;
        let db = ctx.data_unchecked::<Db>();
        // Per client address, before the costly hash; internal calls carry no address.
        let max = ctx
            .data_unchecked::<AccountsConfig>()
            .signups_per_address_per_hour
            .get();
        if let (Some(client), true) = (caller(ctx).client.as_deref(), max > 0) {
            let limit = store::signup_per_address(max);
            if let Err(retry_after) = store::reserve_attempt(db, &limit, client).await.gql()? {
                return Err(rate_limited("sign-ups from this address", retry_after));
            }
        }
        let password_hash = passwords::hash(input.password).await.gql()?;
        let id = new_id("cus");
        let roles = [Role::Customer];
        let customer = NewCustomer {
            id: &id,
            email: &email,
            name: &name,
            phone: phone.as_deref(),
            password_hash: &password_hash,
            roles: &roles,
        };
        let session = auth::register(db, ctx.data_unchecked(), &customer).await.gql()?;
        Ok(session.into())
    }

    /// Signs in. A wrong password and an unknown e-mail get the same answer. Failures are
    /// limited per client address and e-mail (5 in 15 minutes), per address (50) and per
    /// e-mail (100); beyond, `RATE_LIMITED` with `extensions.retryAfter` in seconds.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> Result<AuthPayload> {
        let db = ctx.data_unchecked::<Db>();
        let email = email.trim().to_lowercase();
        // Bounded before it becomes a throttle key; no account has a longer one.
        check_line("email", &email, 1..=254).gql()?;
        if password.chars().count() > 128 {
            return Err(ApiError::bad_input("password must be at most 128 characters")).gql();
        }
        // Reserved before the password is checked, so that parallel requests and aliases all
        // count; the first limit reached stops, so a throttled guesser does not also use up
        // the looser limits the customer shares with them.
        let limits = login_limits(caller(ctx).client.as_deref(), &email);
        for (limit, key) in &limits {
            if let Err(retry_after) = store::reserve_attempt(db, limit, key).await.gql()? {
                return Err(rate_limited("failed sign-ins", retry_after));
            }
        }
        let found = store::credentials_by_email(db, &email).await.gql()?;
        let (customer, hash) = match found {
            Some((customer, hash)) => (Some(customer), Some(hash)),
            None => (None, None),
        };
        let valid = passwords::verify(password, hash).await.gql()?;
        let Some(customer) = customer.filter(|_| valid) else {
            return Err(ApiError::Unauthenticated(BAD_CREDENTIALS.into())).gql();
        };
        // Success: this address and e-mail start afresh; the shared limits get their attempt
        // back, so they count failures only.
        for (limit, key) in &limits {
            if *limit == store::LOGIN_PER_ADDRESS_AND_EMAIL {
                store::clear_attempts(db, limit, key).await.gql()?;
            } else {
                store::give_back_attempt(db, limit, key).await.gql()?;
            }
        }
        let session = auth::sign_in(db, ctx.data_unchecked(), &customer).await.gql()?;
        Ok(session.into())
    }

    /// Trades a refresh token for a new pair. Replaying a token that was already traded
    /// revokes every token of that sign-in (someone else has a copy).
    async fn refresh_token(&self, ctx: &Context<'_>, refresh_token: String) -> Result<AuthPayload> {
        let session = auth::refresh(ctx.data_unchecked::<Db>(), ctx.data_unchecked(), &refresh_token)
            .await
            .gql()?;
        Ok(session.into())
    }

    /// Ends the sign-in the refresh token belongs to (every token of it). Always true, so the
    /// answer does not reveal whether the token existed.
    async fn logout(&self, ctx: &Context<'_>, refresh_token: String) -> Result<bool> {
        auth::sign_out(ctx.data_unchecked::<Db>(), &refresh_token)
            .await
            .gql()?;
        Ok(true)
    }
}
