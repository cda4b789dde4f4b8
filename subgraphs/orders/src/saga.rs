//! The checkout saga: claim cart → reserve stock → authorize payment → confirm → commit stock →
//! complete cart. The step lives in the order row and moves in the same transaction as what the
//! step wrote, so a process that dies between steps leaves a saga that the next pass resumes
//! (every call is idempotent by order id on the other side). A refusal before confirmation
//! compensates: void the payment, release the stock, give the cart back, and the order FAILS
//! with the refusal's code.

use crate::calls;
use crate::domain::{OrderStatus, SagaStep};
use crate::lifecycle::transition_in_tx;
use crate::store::{self, Claim, NewOrder, Order};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::events::OutboxWaker;
use vitrine_kit::peers::{PeerError, Peers};
use vitrine_kit::system::System;
use vitrine_kit::time::{now, to_db};

/// How long a driver owns a saga without renewing; after that, recovery takes over.
pub const LEASE: Duration = Duration::from_secs(10);
/// Unanswered tries of one step before a not-yet-confirmed order gives up and compensates.
const MAX_UNANSWERED: i64 = 5;
/// Pauses before checkout tries an unanswered step again, the customer waiting: three of the
/// [`MAX_UNANSWERED`] tries within about 1.5 s, well inside the router's 10 s deadline.
const PAUSES_WHILE_WAITED: [Duration; 2] = [Duration::from_millis(250), Duration::from_secs(1)];
const ACTOR: &str = "orders";

#[derive(Clone)]
pub struct Saga {
    pub db: Db,
    pub peers: Arc<Peers>,
    pub outbox: OutboxWaker,
    /// Metrics (promises kept).
    pub system: System,
    /// Test hook (`VITRINE_FAULT_CRASH_AFTER_STEP`): the process is killed right after this
    /// step commits, as a crash would.
    pub crash_after: Option<SagaStep>,
}

pub fn lease_from_now() -> DateTime<Utc> {
    now() + chrono::Duration::from_std(LEASE).unwrap_or_default()
}

enum StepError {
    /// The other side said no: compensate (or, after confirmation, cancel).
    Refused(ApiError),
    /// No answer: try again later.
    Unanswered(anyhow::Error),
}

impl From<PeerError> for StepError {
    fn from(err: PeerError) -> Self {
        match err {
            PeerError::Rejected(api) => StepError::Refused(api),
            unavailable => StepError::Unanswered(unavailable.into()),
        }
    }
}

impl From<anyhow::Error> for StepError {
    fn from(err: anyhow::Error) -> Self {
        StepError::Unanswered(err)
    }
}

impl From<sqlx::Error> for StepError {
    fn from(err: sqlx::Error) -> Self {
        StepError::Unanswered(err.into())
    }
}

/// SIGKILL to ourselves, like the OOM killer: no destructors, no flushing. (`abort()` is not
/// enough here: a SIGABRT handler installed by a dependency keeps the process alive.)
fn crash_now() -> ! {
    // SAFETY: kill(2) with our own pid has no memory-safety preconditions.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    unreachable!("SIGKILL cannot be caught")
}

impl Saga {
    /// Records the PENDING order at the saga's first step, leased to its creator. False
    /// (nothing written) when its idempotency key is taken: a checkout with the same key went
    /// first, and the caller answers as that one does.
    pub async fn create_order(&self, order: &NewOrder<'_>) -> Result<bool, ApiError> {
        let mut tx = self.db.begin_write().await?;
        match store::insert_order(&mut tx, order).await {
            Ok(()) => {
                tx.commit().await?;
                Ok(true)
            }
            Err(err) if is_unique_violation(&err) => Ok(false),
            Err(err) => Err(err.into()),
        }
    }

    /// Drives a saga nobody holds (recovery) until it is done, another driver takes it, or a
    /// step got no answer (a later recovery pass resumes it).
    pub async fn drive(&self, order_id: &str) -> anyhow::Result<()> {
        self.drive_holding(order_id, &mut None).await
    }

    /// Drives the saga whose `lease` checkout took when it created the order, while the
    /// customer waits: as [`Saga::drive`], but a step without an answer is tried
    /// again after each of [`PAUSES_WHILE_WAITED`] before recovery is left to resume it. The
    /// driver holds the lease, so recovery could not start before it runs out, which is after
    /// the router's deadline: a peer back a moment later (restarting, or rejoining the registry
    /// after a database outage) would otherwise cost the customer a timeout.
    pub async fn drive_while_waited(&self, order_id: &str, lease: DateTime<Utc>) -> anyhow::Result<()> {
        let mut held = Some(to_db(lease));
        for pause in PAUSES_WHILE_WAITED {
            match self.drive_holding(order_id, &mut held).await {
                Ok(()) => return Ok(()),
                Err(err) => {
                    tracing::info!(order_id, error = %err, ?pause, "checkout tries the step again shortly");
                    tokio::time::sleep(pause).await;
                }
            }
        }
        self.drive_holding(order_id, &mut held).await
    }

    /// The driving loop; `held` is this driver's lease, renewed as it goes.
    async fn drive_holding(&self, order_id: &str, held: &mut Option<String>) -> anyhow::Result<()> {
        loop {
            if !self.renew(order_id, held).await? {
                return Ok(());
            }
            let Some(order) = store::order(&self.db, order_id).await? else {
                return Ok(());
            };
            let step = order.saga_step;
            if step == SagaStep::Done {
                return Ok(());
            }
            // Peer calls can outlast the lease: keep renewing it while the step runs.
            let outcome = {
                let run = self.run(&order);
                tokio::pin!(run);
                loop {
                    tokio::select! {
                        outcome = &mut run => break outcome,
                        _ = tokio::time::sleep(LEASE / 3) => {
                            if !self.renew(order_id, held).await? {
                                tracing::warn!(order_id, "lost the saga's lease mid-step");
                            }
                        }
                    }
                }
            };
            match outcome {
                Ok(()) => {
                    if self.crash_after == Some(step) {
                        tracing::error!(
                            order_id,
                            step = step.as_str(),
                            "fault injection: killing the process"
                        );
                        crash_now();
                    }
                }
                // Undoing must finish: a refusal while compensating (say, "changed; retry") is
                // retried like a missing answer, never turned into an end without FAILED.
                Err(StepError::Refused(err)) if step == SagaStep::Compensate => {
                    tracing::warn!(order_id, error = %err, "compensation refused; will retry");
                    return Err(err.into());
                }
                Err(StepError::Refused(err)) => self.refused(&order, err).await?,
                Err(StepError::Unanswered(cause)) => {
                    let attempts = store::count_attempt(&self.db, order_id).await?;
                    tracing::warn!(order_id, step = step.as_str(), attempts, error = %cause, "saga step got no answer");
                    if attempts >= MAX_UNANSWERED && step.compensates_on_failure() {
                        let err = ApiError::Internal(anyhow::anyhow!("no answer after {attempts} tries"));
                        self.refused(&order, err).await?;
                    } else {
                        return Err(cause);
                    }
                }
            }
        }
    }

    /// Takes or extends the lease; false when another live driver holds it.
    async fn renew(&self, order_id: &str, held: &mut Option<String>) -> anyhow::Result<bool> {
        let until = lease_from_now();
        if !store::take_lease(&self.db, order_id, until, held.as_deref()).await? {
            return Ok(false);
        }
        *held = Some(to_db(until));
        Ok(true)
    }

    async fn run(&self, order: &Order) -> Result<(), StepError> {
        let id = order.order_id.as_str();
        let step = order.saga_step;
        match step {
            SagaStep::ClaimCart => {
                let cart = calls::claim_cart(&self.peers, &order.customer_id, id).await?;
                // The terms the customer was shown, quoted again on what was claimed: the fee
                // joins the total, the promise stays with the order. Outside the delivery
                // area is a refusal, and the cart goes back.
                let lines: Vec<calls::QuoteLine> = cart
                    .lines
                    .iter()
                    .map(|l| calls::QuoteLine {
                        product_id: l.product_id.clone(),
                        variant_id: l.variant_id.clone(),
                        shop_id: l.shop_id.clone(),
                    })
                    .collect();
                let door = (order.address.latitude, order.address.longitude);
                let quote =
                    calls::quote_delivery(&self.peers, &lines, door, cart.total, &cart.currency).await?;
                let claim = Claim {
                    lines: &cart.lines,
                    subtotal: cart.subtotal,
                    discount: cart.discount,
                    total: cart.total + quote.fee,
                    currency: &cart.currency,
                    promo_code: cart.promo_code.as_deref(),
                    delivery_fee: quote.fee,
                    promised_at: quote.promised_at,
                };
                let Some(mut tx) = self.advance(id, step, SagaStep::ReserveStock).await? else {
                    return Ok(());
                };
                store::save_claim(&mut tx, id, &claim).await?;
                self.commit(tx).await
            }
            SagaStep::ReserveStock => {
                let lines = store::lines_by_orders(&self.db, &[id.to_string()]).await?;
                calls::reserve_stock(&self.peers, id, &lines).await?;
                self.advance_and_commit(id, step, SagaStep::AuthorizePayment)
                    .await
            }
            SagaStep::AuthorizePayment => {
                calls::authorize_payment(&self.peers, order).await?;
                self.advance_and_commit(id, step, SagaStep::Confirm).await
            }
            SagaStep::Confirm => {
                let Some(mut tx) = self.advance(id, step, SagaStep::CommitStock).await? else {
                    return Ok(());
                };
                transition_in_tx(
                    &mut tx,
                    &self.system,
                    order,
                    OrderStatus::Pending,
                    OrderStatus::Confirmed,
                    ACTOR,
                    None,
                )
                .await?;
                self.commit(tx).await
            }
            SagaStep::CommitStock => {
                calls::commit_stock(&self.peers, id).await?;
                self.advance_and_commit(id, step, SagaStep::CompleteCart).await
            }
            SagaStep::CompleteCart => {
                calls::complete_cart(&self.peers, id).await?;
                self.advance_and_commit(id, step, SagaStep::Done).await
            }
            SagaStep::ReturnCart => {
                calls::release_cart(&self.peers, id).await?;
                self.advance_and_commit(id, step, SagaStep::Done).await
            }
            SagaStep::Compensate => {
                // Payment first: a hold on the customer's money is the costliest thing to leak.
                calls::void_payment(&self.peers, id).await?;
                calls::release_stock(&self.peers, id).await?;
                calls::release_cart(&self.peers, id).await?;
                let Some(mut tx) = self.advance(id, step, SagaStep::Done).await? else {
                    return Ok(());
                };
                let reason = order.failure_message.as_deref();
                transition_in_tx(
                    &mut tx,
                    &self.system,
                    order,
                    OrderStatus::Pending,
                    OrderStatus::Failed,
                    ACTOR,
                    reason,
                )
                .await?;
                self.commit(tx).await
            }
            SagaStep::Done => Ok(()),
        }
    }

    /// A write transaction that has already moved the saga `from` → `to`; None (and nothing
    /// written) when another driver moved it first, so a stale driver never overwrites.
    async fn advance(&self, order_id: &str, from: SagaStep, to: SagaStep) -> anyhow::Result<Option<Tx>> {
        let mut tx = self.db.begin_write().await?;
        if store::advance(&mut *tx, order_id, from, to).await? {
            Ok(Some(tx))
        } else {
            tracing::info!(
                order_id,
                step = from.as_str(),
                "another driver moved the saga first"
            );
            Ok(None)
        }
    }

    async fn advance_and_commit(
        &self,
        order_id: &str,
        from: SagaStep,
        to: SagaStep,
    ) -> Result<(), StepError> {
        match self.advance(order_id, from, to).await? {
            Some(tx) => self.commit(tx).await,
            None => Ok(()),
        }
    }

    async fn commit(&self, tx: Tx) -> Result<(), StepError> {
        tx.commit().await?;
        self.outbox.wake();
        Ok(())
    }

    /// A refusal: before confirmation the saga compensates and the order fails with the
    /// refusal's code; at COMMIT_STOCK (the hold expired or the order was cancelled meanwhile)
    /// the order is cancelled (payments voids on the event) and the cart given back; later
    /// refusals (a cart that cannot be completed) are only logged.
    async fn refused(&self, order: &Order, err: ApiError) -> anyhow::Result<()> {
        let id = order.order_id.as_str();
        let step = order.saga_step;
        let code = err.code().as_str();
        let message = match &err {
            ApiError::Internal(_) => "a service did not answer; nothing was charged".to_string(),
            other => other.to_string(),
        };
        tracing::info!(order_id = id, step = step.as_str(), code, %message, "checkout step refused");
        let next = if step.compensates_on_failure() {
            SagaStep::Compensate
        } else if step == SagaStep::CommitStock {
            SagaStep::ReturnCart
        } else {
            tracing::warn!(order_id = id, step = step.as_str(), %message, "ignoring a refusal after confirmation");
            SagaStep::Done
        };
        let Some(mut tx) = self.advance(id, step, next).await? else {
            return Ok(());
        };
        if next == SagaStep::Compensate {
            store::set_failure(&mut *tx, id, code, &message).await?;
        } else if next == SagaStep::ReturnCart && order.status == OrderStatus::Confirmed {
            let reason = format!("stock could not be committed: {message}");
            let (from, to) = (OrderStatus::Confirmed, OrderStatus::Cancelled);
            transition_in_tx(&mut tx, &self.system, order, from, to, ACTOR, Some(&reason)).await?;
        }
        tx.commit().await?;
        self.outbox.wake();
        Ok(())
    }

    /// Resumes sagas whose driver died (a crash, a restart), every `every`.
    pub fn spawn_recovery(self, every: Duration) {
        vitrine_kit::background::every("looking for stalled sagas", every, move || {
            let saga = self.clone();
            async move {
                for order_id in store::stalled_sagas(&saga.db, 20).await? {
                    if let Err(err) = saga.drive(&order_id).await {
                        tracing::warn!(order_id, error = %err, "resuming a saga failed; will retry");
                    }
                }
                Ok(())
            }
        });
    }
}
