use crate::domain::{self, PromoKind};
use crate::promo::{self, check_new, NewPromo};
use async_graphql::{Context, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::require_any_role;
use vitrine_kit::db::Db;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::identity::Role;
use vitrine_kit::money::{Currency, Money};

pub struct PromoCode(domain::Promo);

/// A discount customers put on their cart.
#[Object(name = "PromoCode")]
impl PromoCode {
    /// Upper-case; customers may type it in any case.
    async fn code(&self) -> &str {
        &self.0.code
    }
    async fn kind(&self) -> PromoKind {
        self.0.kind
    }
    /// PERCENT: percent off the subtotal (rounded down). FIXED: minor units off (at most the
    /// subtotal), in `minTotal`'s currency.
    async fn value(&self) -> i64 {
        self.0.value
    }
    /// The subtotal a cart needs for the code to apply.
    async fn min_total(&self) -> Money {
        Money::new(self.0.min_total, self.0.currency)
    }
    async fn expires_at(&self) -> Option<DateTime<Utc>> {
        self.0.expires_at
    }
    /// How many orders may use it; none: no limit.
    async fn usage_limit(&self) -> Option<i64> {
        self.0.usage_limit
    }
    /// Uses held by orders (a failed order gives its use back).
    async fn used_count(&self) -> i64 {
        self.0.used_count
    }
}

#[derive(InputObject)]
pub struct CreatePromoCodeInput {
    /// 3 to 32 letters, digits, '-' or '_'; stored upper-case.
    pub code: String,
    pub kind: PromoKind,
    /// PERCENT: 1 to 100. FIXED: minor units of `currency`.
    pub value: i64,
    #[graphql(default_with = "Currency::Kzt")]
    pub currency: Currency,
    /// Minor units of `currency`.
    #[graphql(default = 0)]
    pub min_total: i64,
    pub expires_at: Option<DateTime<Utc>>,
    pub usage_limit: Option<i64>,
}

#[derive(Default)]
pub struct PromoMutation;

#[Object]
impl PromoMutation {
    /// ADMIN: a new promo code. `CONFLICT` if the code exists; `BAD_USER_INPUT` for values
    /// out of range or an expiry in the past.
    async fn create_promo_code(&self, ctx: &Context<'_>, input: CreatePromoCodeInput) -> Result<PromoCode> {
        require_any_role(ctx, &[Role::Admin]).gql()?;
        let new = NewPromo {
            code: input.code,
            kind: input.kind,
            value: input.value,
            currency: input.currency,
            min_total: input.min_total,
            expires_at: input.expires_at,
            usage_limit: input.usage_limit,
        };
        let promo = check_new(new, vitrine_kit::time::now()).gql()?;
        promo::create(ctx.data_unchecked::<Db>(), &promo).await.gql()?;
        Ok(PromoCode(promo))
    }
}
