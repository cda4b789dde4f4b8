//! The finance team's view (ADMIN): every customer's payments with filters, and totals per
//! day and method for the reconciliation of a period.

use super::payment::{Payment, PaymentPage};
use crate::domain::{PaymentMethod, PaymentStatus};
use crate::store;
use async_graphql::{Context, ErrorExtensions, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::require_any_role;
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::money::{Currency, Money};
use vitrine_kit::paging;

/// The longest period `paymentTotals` sums at once.
const MAX_TOTALS_DAYS: i64 = 366;

/// One UTC day's payments of one method (and currency).
#[derive(SimpleObject)]
pub struct PaymentDayTotal {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub method: PaymentMethod,
    /// Payments created that day, declined ones included.
    pub count: i32,
    /// Set aside for orders: every payment but the declined and voided ones.
    pub authorized: Money,
    /// Taken on delivery, including what was later given back.
    pub captured: Money,
    /// Given back so far.
    pub refunded: Money,
    /// Captured less refunded: what the shop keeps.
    pub net: Money,
}

impl TryFrom<store::DayTotal> for PaymentDayTotal {
    type Error = ApiError;

    fn try_from(total: store::DayTotal) -> Result<Self, ApiError> {
        let currency = Currency::parse(&total.currency)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored currency {}", total.currency)))?;
        let money = |amount| Money::new(amount, currency);
        Ok(PaymentDayTotal {
            day: total.day,
            method: total.method,
            count: i32::try_from(total.count).unwrap_or(i32::MAX),
            authorized: money(total.authorized),
            captured: money(total.captured),
            refunded: money(total.refunded),
            net: money(total.captured - total.refunded),
        })
    }
}

#[derive(Default)]
pub struct FinanceQuery;

#[Object]
impl FinanceQuery {
    /// ADMIN (finance): every customer's payments, newest first, narrowed by method, status,
    /// customer and when they were created (`createdFrom` inclusive, `createdTo` exclusive).
    /// `after` is a `nextCursor` from a previous page.
    #[allow(clippy::too_many_arguments)]
    async fn payments(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
        method: Option<PaymentMethod>,
        status: Option<PaymentStatus>,
        customer_id: Option<ID>,
        created_from: Option<DateTime<Utc>>,
        created_to: Option<DateTime<Utc>>,
    ) -> Result<PaymentPage> {
        require_any_role(ctx, &[Role::Admin]).gql()?;
        let first = paging::check_first(first).gql()?;
        let before = paging::parse_after(after.as_deref()).gql()?;
        let filter = store::PaymentFilter {
            method,
            status,
            customer_id: customer_id.map(|id| id.0),
            created_from,
            created_to,
        };
        let mut rows = store::payments_all(ctx.data_unchecked::<Db>(), &filter, first + 1, before)
            .await
            .gql()?;
        let next_cursor = paging::next_page(&mut rows, first, |p| (p.created_at, p.id.as_str()));
        Ok(PaymentPage {
            payments: rows.into_iter().map(Payment).collect(),
            next_cursor,
        })
    }

    /// ADMIN (finance): per UTC day and method, what payments created in `[from, to)` set
    /// aside, took and gave back; oldest day first, days without payments left out. At most
    /// 366 days at once (`BAD_USER_INPUT` beyond, or when `to` is not after `from`).
    async fn payment_totals(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<PaymentDayTotal>> {
        require_any_role(ctx, &[Role::Admin]).gql()?;
        if to <= from {
            return Err(ApiError::bad_input("`to` must be after `from`").extend());
        }
        if (to - from).num_days() > MAX_TOTALS_DAYS {
            return Err(ApiError::bad_input(format!("at most {MAX_TOTALS_DAYS} days at once")).extend());
        }
        let totals = store::totals_by_day(ctx.data_unchecked::<Db>(), from, to)
            .await
            .gql()?;
        totals
            .into_iter()
            .map(|total| PaymentDayTotal::try_from(total).gql())
            .collect()
    }
}
