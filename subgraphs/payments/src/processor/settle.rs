use super::{announce, key, reload, External, Processor};
use crate::accounts;
use crate::domain::{self, HistoryKind, PaymentMethod, PaymentStatus, Step};
use crate::gateway::retrying;
use crate::store::{self, PaymentRow};
use vitrine_kit::error::ApiError;

/// How many times a void re-reads the order after settling a lost authorization.
const VOID_PASSES: usize = 3;

impl Processor {
    /// AUTHORIZED → CAPTURED: the money is taken. Repeating it (or capturing a payment since
    /// refunded) answers the payment as it is; a voided or declined one is a `CONFLICT`.
    pub async fn capture(&self, order_id: &str) -> Result<PaymentRow, ApiError> {
        let payment = self
            .payment(order_id)
            .await?
            .ok_or_else(|| ApiError::not_found("no payment for this order"))?;
        self.settle(payment, true).await
    }

    /// AUTHORIZED → VOIDED: the money is given back. Repeating it, or voiding a declined
    /// payment, answers the payment as it is; a captured one is a `CONFLICT` (refund it).
    /// Without any payment, the order is marked so that a late authorization is refused, and
    /// the answer is `None`. An authorization whose answer was lost is settled first.
    pub async fn void(&self, order_id: &str) -> Result<Option<PaymentRow>, ApiError> {
        for _ in 0..VOID_PASSES {
            let mut tx = self.begin(order_id).await?;
            if let Some(payment) = store::payment_by_order(&mut *tx, order_id).await? {
                drop(tx);
                return self.settle(payment, false).await.map(Some);
            }
            let Some(terms) = store::attempt(&mut *tx, order_id).await? else {
                store::insert_voided_order(&mut *tx, order_id).await?;
                tx.commit().await?;
                return Ok(None);
            };
            drop(tx);
            // Ask again with the same key: it answers what the lost call did (or does it now),
            // and the next pass voids what that recorded.
            let card = match &terms.card_id {
                Some(card_id) => store::card_by_id(&self.db, card_id).await?,
                None => None,
            };
            let answer = self.ask(order_id, &terms, card.as_ref()).await;
            match self.record(order_id, &terms, card, answer).await {
                Err(ApiError::Internal(cause)) => return Err(ApiError::Internal(cause)),
                // Recorded (AUTHORIZED or DECLINED), or refused with nothing to record: the
                // next pass finds the payment, or writes the tombstone.
                _ => continue,
            }
        }
        Err(ApiError::Conflict(
            "the order's payment kept changing during the void; retry".into(),
        ))
    }

    /// What a cancelled order needs: an authorization is voided, taken money refunded in full
    /// (key `cancel`), and an order without a payment is marked so none is authorized later.
    pub async fn cancel(&self, order_id: &str, reason: Option<&str>) -> Result<(), ApiError> {
        match self.payment(order_id).await?.map(|p| p.status) {
            Some(PaymentStatus::Captured | PaymentStatus::PartiallyRefunded) => {
                let reason = reason.unwrap_or("order cancelled");
                self.refund(order_id, None, reason, "cancel").await.map(drop)
            }
            Some(PaymentStatus::Refunded) => Ok(()),
            _ => self.void(order_id).await.map(drop),
        }
    }

    /// AUTHORIZED → CAPTURED (`capture`) or VOIDED, through accounts or the gateway first.
    async fn settle(&self, payment: PaymentRow, capture: bool) -> Result<PaymentRow, ApiError> {
        let step = if capture {
            domain::capture_step
        } else {
            domain::void_step
        };
        if step(payment.status)? == Step::Done {
            return Ok(payment);
        }
        if let Err(err) = self.settle_externally(&payment, capture).await {
            // A concurrent request may have won (accounts settles a hold once): say what it did.
            let now = self.payment(&payment.order_id).await?.unwrap_or(payment);
            return match step(now.status)? {
                Step::Done => Ok(now),
                Step::Go => Err(err.into()),
            };
        }
        let (to, kind) = if capture {
            (PaymentStatus::Captured, HistoryKind::Captured)
        } else {
            (PaymentStatus::Voided, HistoryKind::Voided)
        };
        let mut tx = self.begin(&payment.order_id).await?;
        if !store::move_from_authorized(&mut *tx, &payment.id, to).await? {
            let now = reload(&mut tx, &payment.order_id).await?;
            return match step(now.status)? {
                Step::Done => Ok(now),
                Step::Go => Err(ApiError::Conflict("the payment changed; retry".into())),
            };
        }
        let settled = reload(&mut tx, &payment.order_id).await?;
        announce(&mut tx, &settled, kind, settled.amount, None).await?;
        self.commit(tx).await?;
        Ok(settled)
    }

    async fn settle_externally(&self, payment: &PaymentRow, capture: bool) -> Result<(), External> {
        let missing = |what: &str| External::Unknown(anyhow::anyhow!("payment {} has no {what}", payment.id));
        match payment.method {
            PaymentMethod::Wallet => {
                let hold_id = payment
                    .wallet_hold_id
                    .as_deref()
                    .ok_or_else(|| missing("wallet hold"))?;
                let step = if capture { "capture" } else { "void" };
                accounts::settle(&self.peers, hold_id, capture, &key(&payment.order_id, step)).await?;
            }
            PaymentMethod::Card => {
                let auth_id = payment
                    .gateway_auth_id
                    .as_deref()
                    .ok_or_else(|| missing("authorization"))?;
                retrying(super::GATEWAY_BACKOFF, || async {
                    if capture {
                        self.gateway.capture(auth_id).await
                    } else {
                        self.gateway.void(auth_id).await
                    }
                })
                .await?;
            }
        }
        Ok(())
    }
}
