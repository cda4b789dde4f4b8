//! The operations orders' checkout saga and lifecycle drive, as a Vitrine service (ADMIN may
//! too). Each is idempotent by order id.

use super::payment::Payment;
use crate::domain::{PaymentMethod, Terms};
use crate::processor::Processor;
use async_graphql::{Context, InputObject, Object, Result, ID};
use vitrine_kit::auth::require_any_role;
use vitrine_kit::error::GqlResultExt;
use vitrine_kit::identity::Role;

#[derive(InputObject)]
pub struct AuthorizePaymentInput {
    /// The payment's idempotency key: one payment per order. At most 40 characters.
    pub order_id: ID,
    /// Who pays: the order's customer.
    pub customer_id: ID,
    /// In minor units (tiyn, cents); more than 0.
    pub amount: i64,
    /// `KZT` or `USD`; the wallet pays in KZT only.
    pub currency: String,
    pub method: PaymentMethod,
    /// CARD only: one of the customer's saved cards.
    pub card_id: Option<ID>,
}

#[derive(Default)]
pub struct SagaMutation;

#[Object]
impl SagaMutation {
    /// SERVICE or ADMIN: sets the order's money aside (wallet hold or card authorization).
    /// `PAYMENT_DECLINED` with the reason when the wallet or card says no (recorded: a replay
    /// answers the same). Replaying the order id with the same input returns the payment;
    /// other input, or an order already voided, `CONFLICT`. `INTERNAL` when accounts or the
    /// gateway did not answer: nothing is recorded and retrying with the same order is safe.
    async fn authorize_payment(&self, ctx: &Context<'_>, input: AuthorizePaymentInput) -> Result<Payment> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let terms = Terms {
            customer_id: input.customer_id.0,
            method: input.method,
            amount: input.amount,
            currency: input.currency,
            card_id: input.card_id.map(|id| id.0),
        };
        let payment = ctx
            .data_unchecked::<Processor>()
            .authorize(&input.order_id, terms)
            .await
            .gql()?;
        Ok(Payment(payment))
    }

    /// SERVICE or ADMIN: takes the authorized money. Already captured (or refunded since):
    /// the payment as it is. Voided or declined: `CONFLICT`. No payment: `NOT_FOUND`.
    async fn capture_payment(&self, ctx: &Context<'_>, order_id: ID) -> Result<Payment> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let payment = ctx.data_unchecked::<Processor>().capture(&order_id).await.gql()?;
        Ok(Payment(payment))
    }

    /// SERVICE or ADMIN: gives the authorized money back. Already voided, or declined: the
    /// payment as it is. Captured: `CONFLICT` (refund instead). No payment yet: null, and a
    /// later authorizePayment for the order is refused with `CONFLICT`.
    async fn void_payment(&self, ctx: &Context<'_>, order_id: ID) -> Result<Option<Payment>> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let payment = ctx.data_unchecked::<Processor>().void(&order_id).await.gql()?;
        Ok(payment.map(Payment))
    }

    /// SERVICE or ADMIN: gives captured money back, `amount` (minor units) or all that is
    /// left. Replaying `idempotencyKey` (1 to 40 characters) with the same amount and reason
    /// returns the payment; with others, `CONFLICT`. Only captured payments: an authorized one is a `CONFLICT`
    /// (void it). More than is left: `BAD_USER_INPUT`.
    async fn refund_payment(
        &self,
        ctx: &Context<'_>,
        order_id: ID,
        amount: Option<i64>,
        reason: String,
        idempotency_key: String,
    ) -> Result<Payment> {
        require_any_role(ctx, &[Role::Service]).gql()?;
        let payment = ctx
            .data_unchecked::<Processor>()
            .refund(&order_id, amount, &reason, &idempotency_key)
            .await
            .gql()?;
        Ok(Payment(payment))
    }
}
