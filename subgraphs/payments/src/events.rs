//! Consumers of orders' events: a delivered order's payment is captured, a cancelled order's
//! voided (or refunded, if already taken).
//!
//! Why not `subscribe_once` as it is: it opens the consumer's write transaction before the
//! handler runs, so a call to accounts from inside would hold payments' SQLite write lock for
//! as long as accounts takes to answer (up to the peer timeout), stalling every other payment.
//! Here the handler runs the processor's own idempotent operation (peer call outside any
//! transaction, then a short one recording the result) and then marks the event handled with
//! `handle_once`. A crash between the two redelivers the event, and the operation, keyed by
//! order id, answers it without moving money twice.

use crate::processor::Processor;
use crate::store;
use futures::future::BoxFuture;
use std::sync::Arc;
use vitrine_kit::contracts::{OrderEnded, ORDER_CANCELLED, ORDER_DELIVERED};
use vitrine_kit::error::ApiError;
use vitrine_kit::events::{dead_letter, handle_once, Event, EventBus};

type Act = fn(Processor, OrderEnded) -> BoxFuture<'static, Result<(), ApiError>>;

pub fn subscribe(processor: &Processor, bus: &EventBus) {
    consume(
        bus,
        processor,
        ORDER_DELIVERED,
        "payments.order_delivered",
        |p, ended| Box::pin(async move { p.capture(&ended.order.order_id).await.map(drop) }),
    );
    consume(
        bus,
        processor,
        ORDER_CANCELLED,
        "payments.order_cancelled",
        |p, ended| Box::pin(async move { p.cancel(&ended.order.order_id, ended.reason.as_deref()).await }),
    );
}

/// Runs `act` once in effect per event. An unknown outcome (`INTERNAL`: accounts or the
/// gateway did not answer) fails the delivery so the relay retries; a refusal (say, capturing
/// a payment that was voided) is logged and the event counts as handled, since retrying would
/// only block the events after it.
fn consume(bus: &EventBus, processor: &Processor, topic: &str, consumer: &'static str, act: Act) {
    let processor = processor.clone();
    bus.subscribe(
        topic,
        consumer,
        Arc::new(move |event: Event| {
            let processor = processor.clone();
            Box::pin(async move {
                if store::is_processed(&processor.db, consumer, &event.id).await? {
                    return Ok(());
                }
                let ended: OrderEnded = match event.decode() {
                    Ok(ended) => ended,
                    Err(unreadable) => {
                        return dead_letter(&processor.db, consumer, &event, &unreadable).await
                    }
                };
                let order_id = ended.order.order_id.clone();
                match act(processor.clone(), ended).await {
                    Ok(()) => {}
                    Err(ApiError::Internal(cause)) => {
                        return Err(cause.context(format!("{consumer}: order {order_id}; will retry")))
                    }
                    Err(refused) => {
                        tracing::warn!(consumer, order_id, error = %refused, "payment left as it is")
                    }
                }
                handle_once(&processor.db, consumer, &event, |_| Box::pin(async { Ok(()) })).await?;
                Ok(())
            })
        }),
    );
}
