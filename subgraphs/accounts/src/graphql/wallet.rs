use crate::domain::{self, check_amount, EntryKind, Reconciliation, WalletTotals, WALLET_CURRENCY};
use crate::loaders::{ReconciliationLoader, WalletLoader};
use crate::store;
use crate::wallet::{apply, WalletChange};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{require_any_role, require_customer, require_self_or_admin};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::input::check_line;
use vitrine_kit::money::Money;
use vitrine_kit::paging;

// An order, resolved by orders (its description is orders' to give).
#[derive(SimpleObject)]
#[graphql(unresolvable = "id")]
pub struct Order {
    pub id: ID,
}

/// A customer's tenge wallet. `balance` is all the money; `held` is set aside for pending
/// payments; `available` = balance − held is what can be spent.
pub struct Wallet {
    pub customer_id: String,
    pub totals: WalletTotals,
}

#[Object(name = "Wallet")]
impl Wallet {
    async fn balance(&self) -> Money {
        Money::new(self.totals.balance, WALLET_CURRENCY)
    }
    async fn held(&self) -> Money {
        Money::new(self.totals.held, WALLET_CURRENCY)
    }
    async fn available(&self) -> Money {
        Money::new(self.totals.available(), WALLET_CURRENCY)
    }
    /// The ledger, newest first. `after` is a `cursor` from a previous page.
    async fn entries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
    ) -> Result<Vec<WalletEntry>> {
        let first = paging::check_first(first).gql()?;
        let before = paging::parse_after(after.as_deref()).gql()?;
        let rows = store::entries_page(ctx.data_unchecked::<Db>(), &self.customer_id, first, before)
            .await
            .gql()?;
        Ok(rows.into_iter().map(WalletEntry).collect())
    }
}

/// One line of the append-only wallet ledger.
pub struct WalletEntry(pub domain::WalletEntry);

#[Object(name = "WalletEntry")]
impl WalletEntry {
    async fn id(&self) -> ID {
        ID(self.0.id.clone())
    }
    async fn kind(&self) -> EntryKind {
        self.0.kind
    }
    async fn amount(&self) -> Money {
        Money::new(self.0.amount, WALLET_CURRENCY)
    }
    /// For RELEASE and CAPTURE: the HOLD they settle.
    async fn hold_id(&self) -> Option<ID> {
        self.0.hold_id.clone().map(ID)
    }
    /// Why the money moved (e.g. the order or payment it belongs to).
    async fn reference(&self) -> &str {
        &self.0.reference
    }
    /// The order the entry belongs to, when its reference names one (its number and status
    /// come from orders, batched for a whole page).
    async fn order(&self) -> Option<Order> {
        vitrine_kit::contracts::order_in_wallet_reference(&self.0.reference).map(|id| Order {
            id: ID(id.to_string()),
        })
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    /// Pass as `after` to get the entries older than this one.
    async fn cursor(&self) -> String {
        vitrine_kit::paging::cursor(self.0.created_at, &self.0.id)
    }
}

/// The result of a wallet operation: its ledger entry and the wallet afterwards.
pub struct WalletOperation {
    entry: domain::WalletEntry,
}

#[Object(name = "WalletOperation")]
impl WalletOperation {
    async fn entry(&self) -> WalletEntry {
        WalletEntry(self.entry.clone())
    }
    async fn wallet(&self, ctx: &Context<'_>) -> Result<Wallet> {
        let id = self.entry.customer_id.clone();
        let totals = ctx
            .data_unchecked::<DataLoader<WalletLoader>>()
            .load_one(id.clone())
            .await
            .gql()?;
        Ok(Wallet {
            customer_id: id,
            totals: totals.unwrap_or_default(),
        })
    }
}

/// Cached totals beside totals recomputed from the ledger.
#[derive(SimpleObject)]
pub struct WalletReconciliation {
    pub balance: Money,
    pub held: Money,
    pub ledger_balance: Money,
    pub ledger_held: Money,
    /// True when the cached totals equal the ledger's sums and nothing is negative.
    pub consistent: bool,
}

#[derive(Default)]
pub struct WalletQuery;

#[Object]
impl WalletQuery {
    /// Audits a wallet: yourself, or anyone for admins.
    async fn wallet_reconciliation(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
    ) -> Result<WalletReconciliation> {
        require_self_or_admin(ctx, &customer_id).gql()?;
        let Reconciliation { cached, ledger } = ctx
            .data_unchecked::<DataLoader<ReconciliationLoader>>()
            .load_one(customer_id.0.clone())
            .await
            .gql()?
            .ok_or_else(|| ApiError::not_found("no such wallet"))
            .gql()?;
        let kzt = |amount| Money::new(amount, WALLET_CURRENCY);
        Ok(WalletReconciliation {
            balance: kzt(cached.balance),
            held: kzt(cached.held),
            ledger_balance: kzt(ledger.balance),
            ledger_held: kzt(ledger.held),
            consistent: cached.balance == ledger.balance
                && cached.held == ledger.held
                && cached.held >= 0
                && cached.available() >= 0,
        })
    }
}

#[derive(Default)]
pub struct WalletMutation;

fn check_key(key: &str) -> Result<(), ApiError> {
    check_line("idempotencyKey", key, 1..=100)
}

fn check_reference(reference: &str) -> Result<(), ApiError> {
    check_line("reference", reference.trim(), 1..=200)
}

/// ADMIN or a Vitrine service (payments) moves money in someone's wallet.
async fn admin_change(
    ctx: &Context<'_>,
    customer_id: &str,
    kind: EntryKind,
    amount: i64,
    reference: &str,
    idempotency_key: &str,
) -> Result<WalletOperation> {
    require_any_role(ctx, &[Role::Service]).gql()?;
    check_amount(amount).gql()?;
    check_key(idempotency_key).gql()?;
    check_reference(reference).gql()?;
    let change = WalletChange {
        customer_id,
        kind,
        amount,
        hold_id: None,
        reference,
        idempotency_key: Some(idempotency_key),
    };
    Ok(WalletOperation {
        entry: apply(ctx.data_unchecked::<Db>(), change).await.gql()?,
    })
}

/// The HOLD entry `hold_id`, whichever customer it belongs to.
async fn find_hold(db: &Db, hold_id: &str) -> Result<domain::WalletEntry, ApiError> {
    store::entry_by_id(db, hold_id)
        .await?
        .filter(|e| e.kind == EntryKind::Hold)
        .ok_or_else(|| ApiError::not_found("no such hold"))
}

#[Object]
impl WalletMutation {
    /// Adds money to your wallet (simulated payment). `amount` in tiyn. Replaying the same
    /// `idempotencyKey` with the same amount returns the first result and adds nothing.
    async fn top_up_wallet(
        &self,
        ctx: &Context<'_>,
        amount: i64,
        idempotency_key: String,
    ) -> Result<WalletOperation> {
        let customer_id = require_customer(ctx).gql()?;
        check_amount(amount).gql()?;
        check_key(&idempotency_key).gql()?;
        let change = WalletChange {
            customer_id,
            kind: EntryKind::Credit,
            amount,
            hold_id: None,
            reference: "top-up",
            idempotency_key: Some(&idempotency_key),
        };
        Ok(WalletOperation {
            entry: apply(ctx.data_unchecked::<Db>(), change).await.gql()?,
        })
    }

    /// ADMIN or a Vitrine service: takes money from a wallet; `PAYMENT_DECLINED` when not
    /// enough is available.
    async fn debit_wallet(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        amount: i64,
        reference: String,
        idempotency_key: String,
    ) -> Result<WalletOperation> {
        admin_change(
            ctx,
            &customer_id,
            EntryKind::Debit,
            amount,
            &reference,
            &idempotency_key,
        )
        .await
    }

    /// ADMIN or a Vitrine service: sets money aside for a pending payment; `PAYMENT_DECLINED`
    /// when not enough is available.
    async fn hold_wallet_funds(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        amount: i64,
        reference: String,
        idempotency_key: String,
    ) -> Result<WalletOperation> {
        admin_change(
            ctx,
            &customer_id,
            EntryKind::Hold,
            amount,
            &reference,
            &idempotency_key,
        )
        .await
    }

    /// ADMIN or a Vitrine service: adds money to a wallet, e.g. a refund of a wallet payment.
    /// `NOT_FOUND` when the customer has no wallet. Replaying the same `idempotencyKey` with
    /// the same input returns the first result and adds nothing.
    async fn credit_wallet(
        &self,
        ctx: &Context<'_>,
        customer_id: ID,
        amount: i64,
        reference: String,
        idempotency_key: String,
    ) -> Result<WalletOperation> {
        admin_change(
            ctx,
            &customer_id,
            EntryKind::Credit,
            amount,
            &reference,
            &idempotency_key,
        )
        .await
    }

    /// ADMIN or a Vitrine service: gives a hold back (`capture: false`) or turns it into a
    /// debit (`capture: true`).
    async fn settle_wallet_hold(
        &self,
        ctx: &Context<'_>,
        hold_id: ID,
        capture: bool,
        idempotency_key: String,
    ) -> Result<WalletOperation> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        check_key(&idempotency_key).gql()?;
        let db = ctx.data_unchecked::<Db>();
        let hold = find_hold(db, &hold_id).await.gql()?;
        let change = WalletChange {
            customer_id: &hold.customer_id,
            kind: if capture {
                EntryKind::Capture
            } else {
                EntryKind::Release
            },
            amount: hold.amount,
            hold_id: Some(&hold.id),
            reference: &hold.reference,
            idempotency_key: Some(&idempotency_key),
        };
        Ok(WalletOperation {
            entry: apply(db, change).await.gql()?,
        })
    }
}
