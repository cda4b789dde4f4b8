//! Consumers of orders', payments', kitchen's and delivery's events. Each turns an event into
//! rows only, in the transaction `handle_once` opens: the inbox notification, an email job and
//! one delivery per matching webhook. No network here: in embedded mode the publisher's relay
//! runs this inline, so anything slow would hold up its whole outbox. The mailer and the
//! webhook sender pick the rows up on their own.
//!
//! Not `subscribe_once`: it hands the handler the decoded payload but not the event id, which
//! is what makes each channel's row unique. COURIER_MOVED is not consumed: it fires every
//! simulation tick.

use crate::domain::{describe, Reach};
use crate::store::{self, DeliveryRow, EmailJob, NotificationRow};
use crate::webhook;
use std::sync::Arc;
use vitrine_kit::contracts::{
    NotificationCreated, DELIVERY_CHANGED, KITCHEN_TICKET_CHANGED, NOTIFICATION_CREATED,
    ORDER_STATUS_CHANGED, PAYMENT_AUTHORIZED, PAYMENT_CAPTURED, PAYMENT_REFUNDED, PAYMENT_VOIDED,
};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::events::{handle_once, Event, EventBus};
use vitrine_kit::ids::new_id;

/// (topic, consumer name) for every topic consumed.
const CONSUMERS: [(&str, &str); 7] = [
    (ORDER_STATUS_CHANGED, "notifications.order_status_changed"),
    (PAYMENT_AUTHORIZED, "notifications.payment_authorized"),
    (PAYMENT_CAPTURED, "notifications.payment_captured"),
    (PAYMENT_VOIDED, "notifications.payment_voided"),
    (PAYMENT_REFUNDED, "notifications.payment_refunded"),
    (KITCHEN_TICKET_CHANGED, "notifications.ticket_changed"),
    (DELIVERY_CHANGED, "notifications.delivery_changed"),
];

pub fn subscribe(db: &Db, bus: &EventBus) {
    for (topic, consumer) in CONSUMERS {
        let db = db.clone();
        bus.subscribe(
            topic,
            consumer,
            Arc::new(move |event: Event| {
                let db = db.clone();
                Box::pin(async move { consume(&db, consumer, &event).await })
            }),
        );
    }
}

/// Handles `event` once in effect. A payload that does not decode is logged and counted as
/// handled: failing would make the publisher's relay retry it forever and hold back every
/// event behind it, orders' included, for the sake of a notification.
pub async fn consume(db: &Db, consumer: &'static str, event: &Event) -> anyhow::Result<()> {
    let order_id = event.payload["order_id"].as_str().map(str::to_string);
    // Orders' status events carry the order's number; the others are named with what those taught.
    let carried = event.payload["order_number"].as_i64();
    let number = match (carried, &order_id) {
        (Some(number), _) => Some(number),
        (None, Some(order_id)) => store::order_number(db, order_id).await?,
        (None, None) => None,
    };
    let message = match describe(&event.topic, &event.payload, number) {
        Ok(message) => message,
        Err(err) => {
            tracing::warn!(consumer, event_id = %event.id, error = %err, "undecodable event skipped");
            None
        }
    };
    // A number to remember is a write of its own.
    let number_to_remember = carried.is_some() && order_id.is_some();
    if !number_to_remember && nothing_to_record(db, &event.topic, message.as_ref()).await? {
        return Ok(());
    }
    let owned = event.clone();
    handle_once(db, consumer, event, move |tx| {
        Box::pin(async move {
            if let (Some(number), Some(order_id)) = (carried, &order_id) {
                store::remember_order_number(&mut **tx, order_id, number).await?;
            }
            match message {
                Some(message) => record(tx, &owned, &message).await,
                None => Ok(()),
            }
        })
    })
    .await?;
    Ok(())
}

/// Whether `message`, which reaches webhooks only, leaves no row at all: no webhook wants
/// `topic`. Such an event is passed over without a transaction or a `processed_event` record,
/// as applying it would write nothing; a delivery's internal steps (WAITING, READY: one per
/// order) are these. A webhook registered a moment later misses the event either way.
async fn nothing_to_record(
    db: &Db,
    topic: &str,
    message: Option<&crate::domain::Message>,
) -> anyhow::Result<bool> {
    let Some(message) = message.filter(|message| message.reach == Reach::WebhooksOnly) else {
        return Ok(false);
    };
    let hooks = store::webhooks_for_customer(db, &message.customer_id).await?;
    Ok(!hooks.iter().any(|hook| hook.wants(topic)))
}

async fn record(tx: &mut Tx, event: &Event, message: &crate::domain::Message) -> anyhow::Result<()> {
    let now = store::now();
    if message.reach != Reach::WebhooksOnly {
        let notification = NotificationRow {
            id: new_id("ntf"),
            customer_id: message.customer_id.clone(),
            event_id: event.id.clone(),
            topic: event.topic.clone(),
            kind: message.kind,
            title: message.title.clone(),
            body: message.body.clone(),
            order_id: Some(message.order_id.clone()),
            read_at: None,
            created_at: now,
        };
        let inserted = store::insert_notification(&mut **tx, &notification).await?;
        if inserted {
            let created = NotificationCreated {
                notification_id: notification.id.clone(),
                customer_id: notification.customer_id.clone(),
            };
            vitrine_kit::events::enqueue(tx, NOTIFICATION_CREATED, &created).await?;
        }
        if inserted && message.reach == Reach::InboxAndEmail {
            let job = EmailJob {
                id: new_id("eml"),
                notification_id: notification.id.clone(),
                customer_id: message.customer_id.clone(),
                subject: message.title.clone(),
                body: message.body.clone(),
                attempts: 0,
                created_at: now,
            };
            store::insert_email_job(&mut **tx, &job).await?;
        }
    }
    let occurred_at = event.payload["at"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| vitrine_kit::time::to_db(now));
    let body = webhook::event_body(&event.id, &event.topic, &occurred_at, message, &event.payload);
    for hook in store::webhooks_for_customer(&mut **tx, &message.customer_id).await? {
        if !hook.wants(&event.topic) {
            continue;
        }
        let delivery = DeliveryRow {
            id: new_id("whd"),
            webhook_id: hook.id,
            event_id: event.id.clone(),
            topic: event.topic.clone(),
            body: body.clone(),
            status: crate::domain::DeliveryStatus::Pending,
            attempts: 0,
            next_attempt_at: now,
            last_outcome: None,
            last_status_code: None,
            last_error: None,
            created_at: now,
            updated_at: now,
        };
        store::insert_delivery(&mut **tx, &delivery).await?;
    }
    Ok(())
}
