//! What an event means to the customer: a title and a body in plain English, and which
//! channels it is worth. Orders' status changes tell the main story; kitchen and delivery
//! events only add what those do not (the kitchen's estimate, a courier on the way, a failed
//! attempt), so one step never shows up twice in the inbox. Webhooks get every event of the
//! topics they asked for: integrations want the raw stream, people do not.

use async_graphql::Enum;
use vitrine_kit::contracts::status::{wire_name, Delivery, Order, Ticket};
use vitrine_kit::contracts::{
    DeliveryChanged, KitchenTicketChanged, OrderStatusChanged, PaymentChanged, DELIVERY_CHANGED,
    KITCHEN_TICKET_CHANGED, ORDER_STATUS_CHANGED, PAYMENT_AUTHORIZED, PAYMENT_CAPTURED, PAYMENT_REFUNDED,
    PAYMENT_VOIDED,
};
use vitrine_kit::money::{Currency, Money};

/// Every topic notifications consumes, hence every topic a webhook may ask for.
pub const TOPICS: [&str; 7] = [
    ORDER_STATUS_CHANGED,
    PAYMENT_AUTHORIZED,
    PAYMENT_CAPTURED,
    PAYMENT_VOIDED,
    PAYMENT_REFUNDED,
    KITCHEN_TICKET_CHANGED,
    DELIVERY_CHANGED,
];

/// The topic of the test event `pingWebhook` sends.
pub const PING_TOPIC: &str = "webhook.ping";

/// What a notification is about.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum NotificationKind {
    /// The order's status changed.
    OrderStatus,
    /// Money was held, taken, released or given back.
    Payment,
    /// News from the kitchen.
    Kitchen,
    /// News from the courier.
    Delivery,
}
vitrine_kit::stored_as_text!(NotificationKind, "notification kind");

/// Where an event should go besides webhooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Webhooks only: it repeats what another event already told the customer.
    WebhooksOnly,
    /// The inbox too.
    Inbox,
    /// The inbox and an email: milestones a customer wants to hear about away from the app.
    InboxAndEmail,
}

/// One event, described for people.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub customer_id: String,
    pub order_id: String,
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    pub reach: Reach,
}

/// How a message names the order: by its short number when known ("your order #1042"), else
/// just "your order" (the notification links to it); never by its raw id.
#[derive(Debug, Clone, Copy)]
struct OrderName(Option<i64>);

impl OrderName {
    fn lower(self) -> String {
        match self.0 {
            Some(number) => format!("your order #{number}"),
            None => "your order".to_string(),
        }
    }

    fn upper(self) -> String {
        match self.0 {
            Some(number) => format!("Your order #{number}"),
            None => "Your order".to_string(),
        }
    }
}

/// The message for an event of `topic`, or `None` for a topic not consumed here. `number`:
/// the order's short number if known (orders' status events carry it themselves).
pub fn describe(
    topic: &str,
    payload: &serde_json::Value,
    number: Option<i64>,
) -> anyhow::Result<Option<Message>> {
    fn decode<T: serde::de::DeserializeOwned>(p: &serde_json::Value) -> serde_json::Result<T> {
        T::deserialize(p)
    }
    Ok(Some(match topic {
        ORDER_STATUS_CHANGED => {
            let change: OrderStatusChanged = decode(payload)?;
            let name = OrderName(change.order_number.or(number));
            order_status(change, name)
        }
        PAYMENT_AUTHORIZED | PAYMENT_CAPTURED | PAYMENT_VOIDED | PAYMENT_REFUNDED => {
            payment(topic, decode(payload)?, OrderName(number))
        }
        KITCHEN_TICKET_CHANGED => kitchen(decode(payload)?, OrderName(number)),
        DELIVERY_CHANGED => delivery(decode(payload)?, OrderName(number)),
        _ => return Ok(None),
    }))
}

fn with_reason(text: String, reason: Option<&str>) -> String {
    match reason.map(str::trim).filter(|r| !r.is_empty()) {
        Some(reason) => format!("{text} Reason: {reason}."),
        None => text,
    }
}

fn order_status(e: OrderStatusChanged, name: OrderName) -> Message {
    let (your, your_upper) = (name.lower(), name.upper());
    let (title, body, reach) = match e.status {
        Order::Confirmed => (
            "Order confirmed",
            format!("{your_upper} is confirmed and on its way to the kitchen."),
            Reach::InboxAndEmail,
        ),
        Order::Preparing => (
            "Being prepared",
            format!("The kitchen started preparing {your}."),
            Reach::Inbox,
        ),
        Order::ReadyForDelivery => (
            "Ready for delivery",
            format!("{your_upper} is ready and waiting for a courier."),
            Reach::Inbox,
        ),
        Order::OutForDelivery => (
            "Out for delivery",
            format!("A courier picked up {your} and is heading to you."),
            Reach::Inbox,
        ),
        Order::Delivered => (
            "Delivered",
            format!("{your_upper} was delivered. Enjoy!"),
            Reach::InboxAndEmail,
        ),
        Order::Cancelled => (
            "Order cancelled",
            with_reason(format!("{your_upper} was cancelled."), e.reason.as_deref()),
            Reach::InboxAndEmail,
        ),
        Order::Failed => (
            "Order failed",
            with_reason(
                format!("We could not place {your}; nothing was charged."),
                e.reason.as_deref(),
            ),
            Reach::InboxAndEmail,
        ),
        // The refund itself is announced by payments' event, with the amount (and an email).
        Order::Refunded => (
            "Order refunded",
            format!("{your_upper} was refunded in full."),
            Reach::Inbox,
        ),
        other => (
            "Order updated",
            format!(
                "{your_upper} is now {}.",
                wire_name(other).to_lowercase().replace('_', " ")
            ),
            Reach::Inbox,
        ),
    };
    Message {
        customer_id: e.customer_id,
        order_id: e.order_id,
        kind: NotificationKind::OrderStatus,
        title: title.to_string(),
        body,
        reach,
    }
}

fn amount(minor: i64, currency: &str) -> String {
    match Currency::parse(currency) {
        Some(c) => Money::new(minor, c).format(),
        None => format!("{minor} {currency} (minor units)"),
    }
}

fn payment(topic: &str, e: PaymentChanged, name: OrderName) -> Message {
    let (your, your_upper) = (name.lower(), name.upper());
    let total = amount(e.amount, &e.currency);
    let (title, body, reach) = match topic {
        // The order confirmation says the same in the same instant.
        PAYMENT_AUTHORIZED => (
            "Payment authorized",
            format!("{total} is set aside for {your}; it is charged on delivery."),
            Reach::WebhooksOnly,
        ),
        PAYMENT_CAPTURED => (
            "Payment taken",
            format!("You were charged {total} for {your}."),
            Reach::Inbox,
        ),
        PAYMENT_VOIDED => (
            "Payment released",
            format!("The {total} set aside for {your} was released; you were not charged."),
            Reach::Inbox,
        ),
        _ => {
            let refunded = amount(e.refunded_amount, &e.currency);
            let body = if e.fully_refunded {
                format!("{your_upper} was refunded in full: {refunded}.")
            } else {
                format!("{refunded} of {total} was refunded for {your}.")
            };
            ("Refund issued", body, Reach::InboxAndEmail)
        }
    };
    Message {
        customer_id: e.customer_id,
        order_id: e.order_id,
        kind: NotificationKind::Payment,
        title: title.to_string(),
        body,
        reach,
    }
}

/// `2026-01-02T03:04:05.000000Z` → `03:04 UTC`, or the text as it came.
fn clock(at: &str) -> String {
    vitrine_kit::time::from_db(at)
        .map(|t| t.format("%H:%M UTC").to_string())
        .unwrap_or_else(|_| at.to_string())
}

fn kitchen(e: KitchenTicketChanged, name: OrderName) -> Message {
    let your = name.lower();
    let (title, body, reach) = match e.status {
        // Right after the confirmation, but it brings the kitchen's estimate: kept.
        Ticket::Queued => {
            let body = match &e.ready_by {
                Some(at) => format!("The kitchen queued {your}; expected ready by {}.", clock(at)),
                None => format!("The kitchen queued {your}."),
            };
            ("In the kitchen queue", body, Reach::Inbox)
        }
        Ticket::Failed => (
            "Kitchen problem",
            with_reason(
                format!("The kitchen could not prepare {your}."),
                e.reason.as_deref(),
            ),
            Reach::Inbox,
        ),
        // PREPARING, READY and SKIPPED repeat orders' own status change; CANCELLED follows
        // the order's cancellation.
        other => (
            "Kitchen update",
            format!("Kitchen status of {your}: {}.", wire_name(other).to_lowercase()),
            Reach::WebhooksOnly,
        ),
    };
    Message {
        customer_id: e.customer_id,
        order_id: e.order_id,
        kind: NotificationKind::Kitchen,
        title: title.to_string(),
        body,
        reach,
    }
}

fn minutes(eta_seconds: Option<i64>) -> String {
    match eta_seconds {
        Some(s) => format!(" About {} min away.", (s.max(0) + 59) / 60),
        None => String::new(),
    }
}

fn delivery(e: DeliveryChanged, name: OrderName) -> Message {
    let your = name.lower();
    let (title, body, reach) = match e.status {
        Delivery::Assigned => (
            "Courier assigned",
            format!(
                "A courier is on the way to pick up {your}.{}",
                minutes(e.eta_seconds)
            ),
            Reach::Inbox,
        ),
        Delivery::AttemptFailed => (
            "Delivery attempt failed",
            with_reason(
                format!("The courier could not hand over {your}; we will try again."),
                e.reason.as_deref(),
            ),
            Reach::InboxAndEmail,
        ),
        // WAITING and READY are internal; PICKED_UP, DELIVERED, FAILED and CANCELLED repeat
        // orders' status changes.
        other => (
            "Delivery update",
            format!(
                "Delivery status of {your}: {}.",
                wire_name(other).to_lowercase().replace('_', " ")
            ),
            Reach::WebhooksOnly,
        ),
    };
    Message {
        customer_id: e.customer_id,
        order_id: e.order_id,
        kind: NotificationKind::Delivery,
        title: title.to_string(),
        body,
        reach,
    }
}

/// Where one event stands with one webhook.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[graphql(name = "WebhookDeliveryStatus")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryStatus {
    /// Not accepted yet; the next attempt is scheduled.
    Pending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Given up: every attempt failed, or the webhook was removed.
    Failed,
}
vitrine_kit::stored_as_text!(DeliveryStatus, "delivery status");

/// How one POST to a webhook went.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[graphql(name = "WebhookAttemptOutcome")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum AttemptOutcome {
    /// A 2xx answer.
    Delivered,
    /// An answer, but not 2xx (`statusCode` says which).
    HttpError,
    /// No connection: the name does not resolve, nothing listens, TLS failed…
    Unreachable,
    /// Connected, but no answer within 5 seconds.
    Timeout,
}
vitrine_kit::stored_as_text!(AttemptOutcome, "attempt outcome");

/// Delay before retry number `attempt` (1 = the first retry): `base` × 2^(attempt−1), at most
/// an hour.
pub fn backoff(base: std::time::Duration, attempt: u32) -> std::time::Duration {
    const CAP: std::time::Duration = std::time::Duration::from_secs(3600);
    let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
    base.checked_mul(factor).unwrap_or(CAP).min(CAP)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_from_the_base_and_stops_at_an_hour() {
        let base = Duration::from_secs(1);
        let delays: Vec<u64> = (1..=5).map(|n| backoff(base, n).as_secs()).collect();
        assert_eq!(delays, vec![1, 2, 4, 8, 16]);
        assert_eq!(backoff(base, 13), Duration::from_secs(3600));
        assert_eq!(backoff(base, 60), Duration::from_secs(3600));
        assert_eq!(
            backoff(Duration::from_millis(250), 3),
            Duration::from_millis(1000)
        );
    }

    #[test]
    fn an_order_confirmation_is_worth_an_email_and_names_the_order() {
        let payload = json!({"order_id": "ord_1", "order_number": 1042, "customer_id": "cus_1",
            "from": "PENDING", "status": "CONFIRMED", "actor": "checkout", "reason": null,
            "at": "2026-01-01T00:00:00.000000Z"});
        let message = describe(ORDER_STATUS_CHANGED, &payload, None).unwrap().unwrap();
        assert_eq!(message.reach, Reach::InboxAndEmail);
        assert_eq!(message.kind, NotificationKind::OrderStatus);
        assert_eq!(
            message.body,
            "Your order #1042 is confirmed and on its way to the kitchen."
        );
    }

    #[test]
    fn an_order_whose_number_is_unknown_is_named_without_its_raw_id() {
        // Events written before orders had numbers carry none.
        let payload = json!({"order_id": "ord_01a23", "customer_id": "cus_1", "from": "CONFIRMED",
            "status": "PREPARING", "actor": "kitchen", "reason": null, "at": "2026-01-01T00:00:00.000000Z"});
        let message = describe(ORDER_STATUS_CHANGED, &payload, None).unwrap().unwrap();
        assert_eq!(message.body, "The kitchen started preparing your order.");
        let message = describe(ORDER_STATUS_CHANGED, &payload, Some(7))
            .unwrap()
            .unwrap();
        assert_eq!(message.body, "The kitchen started preparing your order #7.");
    }

    #[test]
    fn steps_told_elsewhere_go_to_webhooks_only() {
        let payload = json!({"ticket_id": "tkt_1", "order_id": "ord_1", "customer_id": "cus_1",
            "status": "PREPARING", "reason": null, "ready_by": null, "at": "2026-01-01T00:00:00.000000Z"});
        let message = describe(KITCHEN_TICKET_CHANGED, &payload, None).unwrap().unwrap();
        assert_eq!(message.reach, Reach::WebhooksOnly);
        let payload = json!({"payment_id": "pay_1", "order_id": "ord_1", "customer_id": "cus_1",
            "status": "AUTHORIZED", "amount": 129900, "refunded_amount": 0, "currency": "KZT",
            "fully_refunded": false});
        let message = describe(PAYMENT_AUTHORIZED, &payload, None).unwrap().unwrap();
        assert_eq!(message.reach, Reach::WebhooksOnly);
        assert!(message.body.contains("₸1\u{a0}299"), "{}", message.body);
    }

    #[test]
    fn a_partial_refund_says_how_much_of_what() {
        let payload = json!({"payment_id": "pay_1", "order_id": "ord_1", "customer_id": "cus_1",
            "status": "CAPTURED", "amount": 10000, "refunded_amount": 2500, "currency": "KZT",
            "fully_refunded": false});
        let message = describe(PAYMENT_REFUNDED, &payload, Some(1042)).unwrap().unwrap();
        assert_eq!(message.body, "₸25 of ₸100 was refunded for your order #1042.");
        assert_eq!(message.reach, Reach::InboxAndEmail);
    }

    #[test]
    fn unknown_topics_are_not_described() {
        assert_eq!(
            describe("delivery.courier_moved", &json!({}), None).unwrap(),
            None
        );
    }
}
