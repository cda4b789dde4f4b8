use crate::cards::CardBrand;
use crate::domain::{HistoryKind, PaymentMethod, PaymentStatus};
use crate::loaders::{HistoryLoader, PaymentByOrderLoader};
use crate::store::{self, PaymentRow};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{caller, require_customer};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::money::{Currency, Money};
use vitrine_kit::paging;

/// The customer who paid, an ADMIN, or a Vitrine service; others get `FORBIDDEN`.
fn may_view(ctx: &Context<'_>, payment: &PaymentRow) -> Result<(), ApiError> {
    let identity = caller(ctx);
    let own = identity.sub.as_deref() == Some(payment.customer_id.as_str());
    if own || identity.has_role(Role::Admin) || identity.has_role(Role::Service) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this payment belongs to another customer".into(),
        ))
    }
}

/// The money for one order: set aside at checkout, taken on delivery, maybe given back.
pub struct Payment(pub PaymentRow);

/// An accounts customer (resolved by accounts).
#[derive(SimpleObject)]
#[graphql(unresolvable = "id")]
pub struct Customer {
    pub id: ID,
}

impl Payment {
    fn money(&self, amount: i64) -> Result<Money> {
        let currency = Currency::parse(&self.0.currency)
            .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("stored currency {}", self.0.currency)))
            .gql()?;
        Ok(Money::new(amount, currency))
    }
}

#[Object(name = "Payment")]
impl Payment {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn order_id(&self) -> ID {
        ID(self.0.order_id.clone())
    }
    /// The order paid for (its number, lines and status come from orders).
    async fn order(&self) -> Order {
        Order {
            id: self.0.order_id.clone(),
        }
    }
    /// Who paid.
    async fn customer(&self) -> Customer {
        Customer {
            id: ID(self.0.customer_id.clone()),
        }
    }
    async fn method(&self) -> PaymentMethod {
        self.0.method
    }
    async fn status(&self) -> PaymentStatus {
        self.0.status
    }
    async fn amount(&self) -> Result<Money> {
        self.money(self.0.amount)
    }
    /// What went back so far (refunds in flight are not counted until they succeed).
    async fn refunded_amount(&self) -> Result<Money> {
        self.money(self.0.refunded_amount)
    }
    /// CARD payments: the card as far as it may be shown.
    async fn card(&self) -> Option<PaymentCard> {
        Some(PaymentCard {
            brand: self.0.card_brand?,
            last4: self.0.card_last4.clone()?,
        })
    }
    /// DECLINED payments: why, as the wallet or the card issuer said.
    async fn decline_reason(&self) -> Option<&str> {
        self.0.decline_reason.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }
    /// Every change, oldest first.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<PaymentHistoryEntry>> {
        let rows = ctx
            .data_unchecked::<DataLoader<HistoryLoader>>()
            .load_one(self.0.id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        rows.into_iter()
            .map(|h| {
                Ok(PaymentHistoryEntry {
                    kind: h.kind,
                    amount: self.money(h.amount)?,
                    note: h.note,
                    at: h.at,
                })
            })
            .collect()
    }
}

/// The card a payment was made with. Payments never keep more than this.
#[derive(SimpleObject)]
pub struct PaymentCard {
    pub brand: CardBrand,
    pub last4: String,
}

#[derive(SimpleObject)]
pub struct PaymentHistoryEntry {
    pub kind: HistoryKind,
    /// The amount concerned: the whole payment, or the part refunded.
    pub amount: Money,
    /// The decline or refund reason.
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// One page of payments, newest first.
#[derive(SimpleObject)]
pub struct PaymentPage {
    pub payments: Vec<Payment>,
    /// Pass as `after` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

/// Payments' view of an order (the orders subgraph owns it).
pub struct Order {
    id: String,
}

#[Object(name = "Order")]
impl Order {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// The order's payment; null until checkout asked for one. The order's customer, an
    /// ADMIN or a Vitrine service; others get `FORBIDDEN`.
    async fn payment(&self, ctx: &Context<'_>) -> Result<Option<Payment>> {
        require_customer(ctx).gql()?;
        let payment = ctx
            .data_unchecked::<DataLoader<PaymentByOrderLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?;
        if let Some(payment) = &payment {
            may_view(ctx, payment).gql()?;
        }
        Ok(payment.map(Payment))
    }
}

#[derive(Default)]
pub struct PaymentQuery;

#[Object]
impl PaymentQuery {
    /// Your payments, newest first. `after` is a `nextCursor` from a previous page.
    async fn my_payments(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
    ) -> Result<PaymentPage> {
        let customer_id = require_customer(ctx).gql()?;
        let first = paging::check_first(first).gql()?;
        let before = paging::parse_after(after.as_deref()).gql()?;
        let db = ctx.data_unchecked::<Db>();
        let mut rows = store::payments_page(db, customer_id, first + 1, before)
            .await
            .gql()?;
        let next_cursor = paging::next_page(&mut rows, first, |p| (p.created_at, p.id.as_str()));
        Ok(PaymentPage {
            payments: rows.into_iter().map(Payment).collect(),
            next_cursor,
        })
    }

    /// A payment by id: yours, or any for an ADMIN. Null when there is none.
    async fn payment(&self, ctx: &Context<'_>, id: ID) -> Result<Option<Payment>> {
        require_customer(ctx).gql()?;
        let payment = store::payment_by_id(ctx.data_unchecked::<Db>(), &id)
            .await
            .gql()?;
        if let Some(payment) = &payment {
            may_view(ctx, payment).gql()?;
        }
        Ok(payment.map(Payment))
    }

    #[graphql(entity)]
    async fn find_order_by_id(&self, id: ID) -> Order {
        Order { id: id.0 }
    }
}
