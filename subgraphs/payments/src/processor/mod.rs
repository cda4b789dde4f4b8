//! Moving payments between states. Calls to accounts and the gateway run outside any
//! transaction, so a slow peer never holds a lock; their answers are recorded after, each
//! change with its history entry and outbox event in one transaction. Every call carries a key
//! derived from the order id, so repeating it after an unknown outcome is safe: that is how the
//! saga's retries and the event relay's redeliveries are absorbed.

/// authorizePayment, and the record of its answer.
mod authorize;
/// addCard: the gateway's token, saved under the per-customer limit.
mod card;
/// refundPayment, through a PENDING refund that a retry can finish.
mod refund;
/// capturePayment, voidPayment and what a cancelled order needs.
mod settle;

use crate::domain::HistoryKind;
use crate::gateway::{Gateway, GatewayError};
use crate::store::{self, PaymentRow};
use std::sync::Arc;
use std::time::Duration;
use vitrine_kit::contracts::{
    PaymentChanged, PAYMENT_AUTHORIZED, PAYMENT_CAPTURED, PAYMENT_REFUNDED, PAYMENT_VOIDED,
};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::error::ApiError;
use vitrine_kit::events::{enqueue, OutboxWaker};
use vitrine_kit::peers::{PeerError, Peers};

/// The first pause before retrying a transient gateway failure (then twice that).
const GATEWAY_BACKOFF: Duration = Duration::from_millis(50);

#[derive(Clone)]
pub struct Processor {
    pub db: Db,
    pub gateway: Gateway,
    peers: Arc<Peers>,
    outbox: OutboxWaker,
}

impl Processor {
    pub fn new(db: Db, peers: Arc<Peers>, outbox: OutboxWaker) -> Self {
        Processor {
            gateway: Gateway::new(db.clone()),
            db,
            peers,
            outbox,
        }
    }

    /// A write transaction holding the order's lock: "no payment yet, so record a void
    /// tombstone" and "no tombstone, so record the payment" must take turns.
    async fn begin(&self, order_id: &str) -> Result<Tx, ApiError> {
        Ok(self.db.begin_write_locked(order_id).await?)
    }

    /// Commits, then lets the relay publish the events at once.
    async fn commit(&self, tx: Tx) -> Result<(), ApiError> {
        tx.commit().await?;
        self.outbox.wake();
        Ok(())
    }

    /// The order's payment as committed.
    pub(crate) async fn payment(&self, order_id: &str) -> Result<Option<PaymentRow>, ApiError> {
        Ok(store::payment_by_order(&self.db, order_id).await?)
    }
}

/// The order's payment inside `tx`, which just wrote it.
async fn reload(tx: &mut Tx, order_id: &str) -> Result<PaymentRow, ApiError> {
    store::payment_by_order(&mut **tx, order_id)
        .await?
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("payment of order {order_id} vanished")))
}

/// The history entry and event of a change `payment` (as it is now) just went through.
async fn announce(
    tx: &mut Tx,
    payment: &PaymentRow,
    kind: HistoryKind,
    amount: i64,
    note: Option<&str>,
) -> anyhow::Result<()> {
    store::insert_history(&mut **tx, &payment.id, kind, amount, note).await?;
    let topic = match kind {
        HistoryKind::Authorized => PAYMENT_AUTHORIZED,
        HistoryKind::Captured => PAYMENT_CAPTURED,
        HistoryKind::Voided => PAYMENT_VOIDED,
        HistoryKind::Refunded => PAYMENT_REFUNDED,
        // Nothing happened to anyone's money; the saga already has the answer.
        HistoryKind::Declined => return Ok(()),
    };
    let change = PaymentChanged {
        payment_id: payment.id.clone(),
        order_id: payment.order_id.clone(),
        customer_id: payment.customer_id.clone(),
        status: payment.status.into(),
        amount: payment.amount,
        refunded_amount: payment.refunded_amount,
        currency: payment.currency.clone(),
        fully_refunded: payment.refunded_amount >= payment.amount,
    };
    enqueue(tx, topic, &change).await?;
    Ok(())
}

/// The answer of accounts or the gateway to a money movement.
pub(crate) enum External {
    /// A verdict: nothing happened there (a decline is `PAYMENT_DECLINED`).
    Refused(ApiError),
    /// No verdict: it may or may not have happened; repeat with the same key.
    Unknown(anyhow::Error),
}

impl From<PeerError> for External {
    fn from(err: PeerError) -> Self {
        match err {
            PeerError::Rejected(api) => External::Refused(api),
            unavailable => External::Unknown(unavailable.into()),
        }
    }
}

impl From<GatewayError> for External {
    fn from(err: GatewayError) -> Self {
        match err {
            GatewayError::Declined(reason) => External::Refused(ApiError::PaymentDeclined(reason)),
            GatewayError::Refused(message) => External::Refused(ApiError::Conflict(message)),
            GatewayError::Transient => External::Unknown(anyhow::anyhow!(
                "the card gateway still failed after {} attempts",
                crate::gateway::ATTEMPTS
            )),
            GatewayError::Failed(cause) => External::Unknown(cause),
        }
    }
}

impl From<External> for ApiError {
    fn from(err: External) -> Self {
        match err {
            External::Refused(api) => api,
            External::Unknown(cause) => ApiError::Internal(cause),
        }
    }
}

/// The key accounts or the gateway dedupe one step of an order's payment by.
fn key(order_id: &str, step: &str) -> String {
    format!("payment:{order_id}:{step}")
}
