//! Events subgraphs publish to each other: topic names and payloads. The only coupling between
//! subgraphs besides federation entities, so changes here are changes of a public API.

use serde::{Deserialize, Serialize};

/// Different offers one cart, and so one order, may hold.
pub const MAX_CART_LINES: usize = 50;

/// The statuses events carry, as enums: a producer cannot send, nor a consumer expect, a status
/// that does not exist. On the wire they are SCREAMING_SNAKE_CASE strings (`READY_FOR_DELIVERY`);
/// a payload with a status this build does not know fails to decode, and its consumer
/// dead-letters the event (see `events::subscribe_once`) instead of guessing.
pub mod status {
    use serde::{Deserialize, Serialize};

    /// A status's name on the wire (`READY_FOR_DELIVERY`), for texts and logs.
    pub fn wire_name(status: impl Serialize) -> String {
        serde_json::to_value(status)
            .ok()
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// An order's status (orders' `OrderStatus`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Order {
        Pending,
        Confirmed,
        Preparing,
        ReadyForDelivery,
        OutForDelivery,
        Delivered,
        Cancelled,
        Failed,
        Refunded,
    }

    /// A payment's status (payments' `PaymentStatus`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Payment {
        Authorized,
        Captured,
        Voided,
        Declined,
        PartiallyRefunded,
        Refunded,
    }

    /// A kitchen ticket's status; `Skipped` when the order has nothing to prepare (no ticket).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Ticket {
        Queued,
        Preparing,
        Ready,
        Failed,
        Skipped,
        Cancelled,
    }

    /// A delivery's status (delivery's `DeliveryStatus`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Delivery {
        Waiting,
        Ready,
        Assigned,
        PickedUp,
        AttemptFailed,
        Delivered,
        Failed,
        Cancelled,
    }
}

pub const PRODUCT_CHANGED: &str = "catalog.product_changed";
pub const OFFER_CHANGED: &str = "shops.offer_changed";
pub const STOCK_CHANGED: &str = "inventory.stock_changed";

/// A catalog product was created or changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductChanged {
    pub product_id: String,
    pub archived: bool,
    /// Every variant of the product (none for a product sold as one thing); offers of a
    /// product with variants each sell one of them.
    #[serde(default)]
    pub variant_ids: Vec<String>,
}

/// An offer was created, changed or removed. `set_on_hand`: the seller stated how many units
/// the shop has (inventory makes that the count on hand).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfferChanged {
    pub offer_id: String,
    pub shop_id: String,
    pub product_id: String,
    pub owner_id: String,
    pub sellable: bool,
    pub set_on_hand: Option<i64>,
}

/// Units of an offer that can be sold changed (reservation, sale, restock…).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockChanged {
    pub offer_id: String,
    pub product_id: String,
    pub available: i64,
}

pub const ORDER_CONFIRMED: &str = "orders.order_confirmed";
pub const ORDER_STATUS_CHANGED: &str = "orders.order_status_changed";
pub const ORDER_CANCELLED: &str = "orders.order_cancelled";
pub const ORDER_DELIVERED: &str = "orders.order_delivered";
pub const ORDER_FAILED: &str = "orders.order_failed";

pub const PAYMENT_AUTHORIZED: &str = "payments.payment_authorized";
pub const PAYMENT_CAPTURED: &str = "payments.payment_captured";
pub const PAYMENT_VOIDED: &str = "payments.payment_voided";
pub const PAYMENT_REFUNDED: &str = "payments.payment_refunded";

/// One line of an order as every consumer needs it (kitchen, inventory, delivery).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderLineFact {
    pub offer_id: String,
    pub product_id: String,
    /// The product variant the offer sells (a pizza's size), if the product has variants.
    #[serde(default)]
    pub variant_id: Option<String>,
    pub shop_id: String,
    pub quantity: i64,
    /// Price paid per unit, minor units of `OrderFact::currency`.
    pub unit_price: i64,
}

/// An order as it was confirmed: ORDER_CONFIRMED, and inside the cancellation and delivery
/// events so their consumers need no lookup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderFact {
    pub order_id: String,
    pub customer_id: String,
    pub total: i64,
    pub currency: String,
    pub lines: Vec<OrderLineFact>,
    /// Where it goes: the delivery address the customer chose at checkout.
    pub delivery_latitude: f64,
    pub delivery_longitude: f64,
}

/// Every status change, for subscribers and notifications. `status` is the new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderStatusChanged {
    pub order_id: String,
    /// The order's short number (#1042). Absent from events written before numbers existed.
    #[serde(default)]
    pub order_number: Option<i64>,
    pub customer_id: String,
    pub from: status::Order,
    pub status: status::Order,
    pub actor: String,
    pub reason: Option<String>,
    pub at: String,
}

/// ORDER_CANCELLED (the payment is voided or refunded, stock returns) and ORDER_DELIVERED (the
/// payment is captured); ORDER_FAILED is a checkout that compensated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderEnded {
    pub order: OrderFact,
    pub reason: Option<String>,
}

/// Any payment state change. `fully_refunded`: nothing is left to refund.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentChanged {
    pub payment_id: String,
    pub order_id: String,
    pub customer_id: String,
    pub status: status::Payment,
    pub amount: i64,
    pub refunded_amount: i64,
    pub currency: String,
    pub fully_refunded: bool,
}

pub const NOTIFICATION_CREATED: &str = "notifications.notification_created";

/// A notification landed in a customer's inbox (for `notificationReceived`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationCreated {
    pub notification_id: String,
    pub customer_id: String,
}

pub const KITCHEN_TICKET_CHANGED: &str = "kitchen.ticket_changed";

/// A kitchen ticket moved: QUEUED, PREPARING, READY or FAILED; SKIPPED when the order has
/// nothing to prepare (no ticket then), CANCELLED when the order was cancelled first. Orders
/// follows PREPARING, READY/SKIPPED and FAILED.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitchenTicketChanged {
    pub ticket_id: Option<String>,
    pub order_id: String,
    pub customer_id: String,
    pub status: status::Ticket,
    pub reason: Option<String>,
    /// When the kitchen expects it ready (UTC, as stored), while QUEUED or PREPARING.
    pub ready_by: Option<String>,
    pub at: String,
}

pub const DELIVERY_CHANGED: &str = "delivery.delivery_changed";
pub const COURIER_MOVED: &str = "delivery.courier_moved";

/// Subscription fields each of whose results is the whole current state of what they follow,
/// so that identical subscriptions may share one run and a late joiner may start from its
/// latest result: in the router (across its clients) and in each subgraph (across one
/// router connection). Fields whose results are events (notifications, kitchen tickets, the
/// sales board) never share.
pub const STATE_SUBSCRIPTIONS: &[&str] = &["stockChanged", "orderStatusChanged", "deliveryUpdated"];

/// Topics only live subscriptions read: positions, superseded a second later and thousands a
/// second under load. No durable consumer may subscribe to them, so the bus keeps them out of
/// the durable consumers' way (see `kit::events::broker`).
pub const LIVE_ONLY: &[&str] = &[COURIER_MOVED];

/// A delivery moved: WAITING (for the kitchen), READY (waiting for a courier), ASSIGNED,
/// PICKED_UP, ATTEMPT_FAILED (will be tried again), DELIVERED, FAILED (given up, goods
/// returned) or CANCELLED. Orders follows PICKED_UP, DELIVERED and FAILED.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeliveryChanged {
    pub delivery_id: String,
    pub order_id: String,
    pub customer_id: String,
    pub status: status::Delivery,
    pub courier_id: Option<String>,
    /// Seconds (of simulated time) until the drop, when a courier has it.
    pub eta_seconds: Option<i64>,
    pub reason: Option<String>,
    pub at: String,
}

/// Where a courier is, and the new ETAs of the orders it carries or goes to fetch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CourierMoved {
    pub courier_id: String,
    pub latitude: f64,
    pub longitude: f64,
    pub drops: Vec<DropEta>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DropEta {
    pub delivery_id: String,
    pub order_id: String,
    pub customer_id: String,
    pub eta_seconds: i64,
}

/// Payments' wallet ledger references name the order they are for: a hold (and so its
/// capture or release) `order <id>`, a refund `refund order <id>`. Accounts reads the order back
/// ([`order_in_wallet_reference`]) to link each entry to its order.
const WALLET_ORDER: &str = "order ";
const WALLET_REFUND: &str = "refund order ";

/// The reference of a wallet hold for `order_id`.
pub fn wallet_hold_reference(order_id: &str) -> String {
    format!("{WALLET_ORDER}{order_id}")
}

/// The reference of a wallet refund for `order_id`.
pub fn wallet_refund_reference(order_id: &str) -> String {
    format!("{WALLET_REFUND}{order_id}")
}

/// The order a wallet reference names, if it names one.
pub fn order_in_wallet_reference(reference: &str) -> Option<&str> {
    let id = reference
        .strip_prefix(WALLET_REFUND)
        .or_else(|| reference.strip_prefix(WALLET_ORDER))?;
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::status::*;
    use super::{order_in_wallet_reference, wallet_hold_reference, wallet_refund_reference};
    use serde_json::json;

    /// Each status serializes to its wire name and back.
    fn pinned<T>(pairs: &[(T, &str)])
    where
        T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    {
        for (status, wire) in pairs {
            assert_eq!(json!(status), json!(wire));
            assert_eq!(&serde_json::from_value::<T>(json!(wire)).unwrap(), status);
        }
    }

    /// The statuses' wire names are a public API between subgraphs (and in NATS for seven
    /// days): renaming a variant, or its serialized name, fails here.
    #[test]
    fn statuses_keep_their_wire_names() {
        use Order as O;
        pinned(&[
            (O::Pending, "PENDING"),
            (O::Confirmed, "CONFIRMED"),
            (O::Preparing, "PREPARING"),
            (O::ReadyForDelivery, "READY_FOR_DELIVERY"),
            (O::OutForDelivery, "OUT_FOR_DELIVERY"),
            (O::Delivered, "DELIVERED"),
            (O::Cancelled, "CANCELLED"),
            (O::Failed, "FAILED"),
            (O::Refunded, "REFUNDED"),
        ]);
        use Payment as P;
        pinned(&[
            (P::Authorized, "AUTHORIZED"),
            (P::Captured, "CAPTURED"),
            (P::Voided, "VOIDED"),
            (P::Declined, "DECLINED"),
            (P::PartiallyRefunded, "PARTIALLY_REFUNDED"),
            (P::Refunded, "REFUNDED"),
        ]);
        use Ticket as T;
        pinned(&[
            (T::Queued, "QUEUED"),
            (T::Preparing, "PREPARING"),
            (T::Ready, "READY"),
            (T::Failed, "FAILED"),
            (T::Skipped, "SKIPPED"),
            (T::Cancelled, "CANCELLED"),
        ]);
        use Delivery as D;
        pinned(&[
            (D::Waiting, "WAITING"),
            (D::Ready, "READY"),
            (D::Assigned, "ASSIGNED"),
            (D::PickedUp, "PICKED_UP"),
            (D::AttemptFailed, "ATTEMPT_FAILED"),
            (D::Delivered, "DELIVERED"),
            (D::Failed, "FAILED"),
            (D::Cancelled, "CANCELLED"),
        ]);
    }

    #[test]
    fn an_unknown_status_does_not_decode() {
        let payload = json!({ "order_id": "ord_1", "customer_id": "cus_1", "from": "CONFIRMED",
            "status": "TELEPORTED", "actor": "x", "reason": null, "at": "2026-12-03T00:00:00Z" });
        assert!(serde_json::from_value::<super::OrderStatusChanged>(payload).is_err());
    }

    #[test]
    fn wallet_references_naming_an_order_give_its_id() {
        assert_eq!(order_in_wallet_reference("order ord_1"), Some("ord_1"));
        assert_eq!(order_in_wallet_reference("refund order ord_1"), Some("ord_1"));
        assert_eq!(order_in_wallet_reference("top-up"), None);
        assert_eq!(order_in_wallet_reference("order "), None);
        assert_eq!(order_in_wallet_reference("order a b"), None);
        assert_eq!(
            order_in_wallet_reference(&wallet_hold_reference("ord_2")),
            Some("ord_2")
        );
        assert_eq!(
            order_in_wallet_reference(&wallet_refund_reference("ord_3")),
            Some("ord_3")
        );
    }
}
