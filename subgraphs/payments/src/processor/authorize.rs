use super::{announce, key, reload, External, Processor};
use crate::domain::{self, HistoryKind, PaymentMethod, PaymentStatus, Terms};
use crate::gateway::retrying;
use crate::store::{self, PaymentRow, SavedCardRow};
use crate::{accounts, gateway::GatewayError};
use vitrine_kit::error::{is_unique_violation, ApiError};
use vitrine_kit::ids::new_id;

/// Money set aside: where it sits.
pub(crate) enum Approval {
    Wallet { hold_id: String },
    Card { auth_id: String },
}

impl Processor {
    /// Sets the order's money aside: a wallet hold or a card authorization. Idempotent by
    /// order id: a replay answers like the first call (the payment, or `PAYMENT_DECLINED`
    /// again); other terms, or an order voided first, are a `CONFLICT`. When accounts or the
    /// gateway leave the outcome unknown, `INTERNAL` and nothing recorded: retrying is safe.
    pub async fn authorize(&self, order_id: &str, terms: Terms) -> Result<PaymentRow, ApiError> {
        domain::check_order_id(order_id)?;
        terms.check()?;
        let mut tx = self.begin(order_id).await?;
        if let Some(payment) = store::payment_by_order(&mut *tx, order_id).await? {
            domain::replay_authorization(
                &terms,
                &payment.terms(),
                payment.status,
                payment.decline_reason.as_deref(),
            )?;
            return Ok(payment);
        }
        if store::is_voided_order(&mut *tx, order_id).await? {
            return Err(domain::voided());
        }
        let card = match &terms.card_id {
            Some(card_id) => Some(
                store::usable_card(&mut *tx, card_id, &terms.customer_id)
                    .await?
                    .ok_or_else(|| ApiError::not_found("no such card"))?,
            ),
            None => None,
        };
        // Written before asking, so that a void can still undo an answer that gets lost.
        match store::attempt(&mut *tx, order_id).await? {
            Some(earlier) if earlier != terms => {
                return Err(ApiError::Conflict(
                    "this order's payment was asked for with other terms".into(),
                ))
            }
            Some(_) => {}
            None => store::insert_attempt(&mut *tx, order_id, &terms).await?,
        }
        tx.commit().await?;
        let answer = self.ask(order_id, &terms, card.as_ref()).await;
        self.record(order_id, &terms, card, answer).await
    }

    /// Asks accounts or the gateway to set the money aside. Same order, same key: asking
    /// twice sets it aside once.
    pub(crate) async fn ask(
        &self,
        order_id: &str,
        terms: &Terms,
        card: Option<&SavedCardRow>,
    ) -> Result<Approval, External> {
        match (terms.method, card) {
            (PaymentMethod::Wallet, _) => {
                let reference = vitrine_kit::contracts::wallet_hold_reference(order_id);
                let hold_id = accounts::hold(
                    &self.peers,
                    &terms.customer_id,
                    terms.amount,
                    &reference,
                    &key(order_id, "hold"),
                )
                .await?;
                Ok(Approval::Wallet { hold_id })
            }
            (PaymentMethod::Card, Some(card)) => {
                let gateway_key = key(order_id, "authorize");
                let auth_id = retrying(super::GATEWAY_BACKOFF, || {
                    self.gateway
                        .authorize(&card.gateway_token, terms.amount, &gateway_key)
                })
                .await?;
                Ok(Approval::Card { auth_id })
            }
            (PaymentMethod::Card, None) => Err(GatewayError::Declined("card not recognised".into()).into()),
        }
    }

    /// Records the answer: AUTHORIZED (with its event) or DECLINED. A refusal that is not a
    /// decline records nothing, nor does an unknown outcome (the attempt stays for a retry or
    /// a void to settle).
    pub(super) async fn record(
        &self,
        order_id: &str,
        terms: &Terms,
        card: Option<SavedCardRow>,
        answer: Result<Approval, External>,
    ) -> Result<PaymentRow, ApiError> {
        let mut tx = self.begin(order_id).await?;
        if let Some(payment) = store::payment_by_order(&mut *tx, order_id).await? {
            // Recorded meanwhile: by a concurrent replay (same keys, so the same hold), or by
            // a void that settled this attempt first.
            drop(tx);
            if let Ok(approval) = &answer {
                self.undo_if_orphaned(&payment, approval).await;
            }
            domain::replay_authorization(
                terms,
                &payment.terms(),
                payment.status,
                payment.decline_reason.as_deref(),
            )?;
            return Ok(payment);
        }
        let (status, approval, decline_reason) = match answer {
            Ok(approval) => (PaymentStatus::Authorized, Some(approval), None),
            Err(External::Refused(ApiError::PaymentDeclined(reason))) => {
                (PaymentStatus::Declined, None, Some(reason))
            }
            Err(External::Refused(other)) => {
                // Nothing was set aside and nothing is to be recorded.
                store::delete_attempt(&mut *tx, order_id).await?;
                tx.commit().await?;
                return Err(other);
            }
            Err(External::Unknown(cause)) => return Err(ApiError::Internal(cause)),
        };
        let now = store::now();
        let payment = PaymentRow {
            id: new_id("pay"),
            order_id: order_id.to_string(),
            customer_id: terms.customer_id.clone(),
            method: terms.method,
            status,
            amount: terms.amount,
            refunded_amount: 0,
            pending_refund: 0,
            currency: terms.currency.clone(),
            card_id: terms.card_id.clone(),
            card_brand: card.as_ref().map(|c| c.brand),
            card_last4: card.map(|c| c.last4),
            wallet_hold_id: match &approval {
                Some(Approval::Wallet { hold_id }) => Some(hold_id.clone()),
                _ => None,
            },
            gateway_auth_id: match &approval {
                Some(Approval::Card { auth_id }) => Some(auth_id.clone()),
                _ => None,
            },
            decline_reason,
            created_at: now,
            updated_at: now,
        };
        match store::insert_payment(&mut *tx, &payment).await {
            Ok(()) => {}
            // The order lock makes this unreachable; a clear answer if it ever is not.
            Err(err) if is_unique_violation(&err) => {
                return Err(ApiError::Conflict(
                    "a concurrent request recorded this payment; retry".into(),
                ))
            }
            Err(err) => return Err(err.into()),
        }
        store::delete_attempt(&mut *tx, order_id).await?;
        let payment = reload(&mut tx, order_id).await?;
        let kind = match status {
            PaymentStatus::Declined => HistoryKind::Declined,
            _ => HistoryKind::Authorized,
        };
        announce(
            &mut tx,
            &payment,
            kind,
            payment.amount,
            payment.decline_reason.as_deref(),
        )
        .await?;
        self.commit(tx).await?;
        match payment.decline_reason {
            Some(reason) => Err(ApiError::PaymentDeclined(reason)),
            None => Ok(payment),
        }
    }

    /// An approval that arrived after a void had recorded the order's payment without it
    /// (e.g. its first try was declined) would hold money nobody will release: give it back.
    async fn undo_if_orphaned(&self, payment: &PaymentRow, approval: &Approval) {
        let recorded = match approval {
            Approval::Wallet { hold_id } => payment.wallet_hold_id.as_deref() == Some(hold_id.as_str()),
            Approval::Card { auth_id } => payment.gateway_auth_id.as_deref() == Some(auth_id.as_str()),
        };
        if recorded {
            return;
        }
        if let Err(err) = self.give_back(&payment.order_id, approval).await {
            let err = ApiError::from(err);
            tracing::error!(order_id = %payment.order_id, error = %err,
                "an authorization that arrived after the void could not be given back; release it by hand");
        }
    }

    /// Releases a wallet hold or voids a card authorization.
    pub(super) async fn give_back(&self, order_id: &str, approval: &Approval) -> Result<(), External> {
        match approval {
            Approval::Wallet { hold_id } => {
                accounts::settle(&self.peers, hold_id, false, &key(order_id, "void")).await?;
            }
            Approval::Card { auth_id } => {
                retrying(super::GATEWAY_BACKOFF, || self.gateway.void(auth_id)).await?;
            }
        }
        Ok(())
    }
}
