//! What happens at a stop: goods picked up at a shop, handed over at the door, or an attempt
//! that failed. Used by couriers' apps (the mutations, through `report`) and by the simulation
//! alike; each runs inside the caller's transaction, and the caller replans the courier's route
//! afterwards.

use crate::dispatch::Dispatcher;
use crate::domain::{DeliveryStatus, MAX_ATTEMPTS};
use crate::store::{self, Delivery};
use chrono::{DateTime, Utc};
use vitrine_kit::db::Tx;
use vitrine_kit::error::ApiError;
use vitrine_kit::time::now;

/// Where the courier is, for the record.
pub type Here = Option<(f64, f64)>;

/// What a courier reports from the road.
pub enum Handover {
    PickUp,
    HandOver,
    Fail(String),
}

impl Dispatcher {
    /// Runs a courier's report on its own delivery, replans its route and commits.
    pub async fn report(
        &self,
        courier_id: &str,
        delivery_id: &str,
        what: Handover,
    ) -> Result<Delivery, ApiError> {
        let mut tx = self.db.begin_write().await?;
        let delivery = own_delivery(&mut tx, courier_id, delivery_id).await?;
        let courier = store::courier(&mut *tx, courier_id)
            .await?
            .ok_or_else(|| ApiError::not_found("register as a courier first"))?;
        let here = Some((courier.latitude, courier.longitude));
        let at = now();
        let done = match what {
            Handover::PickUp => self.pick_up(&mut tx, &delivery, None, here, at).await?,
            Handover::HandOver => self.hand_over(&mut tx, &delivery, here, at).await?,
            Handover::Fail(reason) => self
                .fail_attempt(&mut tx, &delivery, &reason, here, at)
                .await?
                .is_some(),
        };
        if !done {
            return Err(ApiError::Conflict(format!(
                "a delivery that is {} cannot take this step",
                delivery.status.as_str()
            )));
        }
        self.replan(&mut tx, courier_id, at).await?;
        let delivery = store::delivery(&mut *tx, delivery_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("delivery vanished"))?;
        tx.commit().await?;
        self.outbox.wake();
        Ok(delivery)
    }

    /// Goods collected at `shop_id` (every shop when None); the delivery is PICKED_UP once
    /// nothing is left to collect. False when it was not waiting for a pickup.
    pub async fn pick_up(
        &self,
        tx: &mut Tx,
        delivery: &Delivery,
        shop_id: Option<&str>,
        here: Here,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        if delivery.status != DeliveryStatus::Assigned {
            return Ok(false);
        }
        store::mark_picked_up(&mut **tx, &delivery.delivery_id, shop_id).await?;
        let pickups = store::pickups_of(&mut **tx, std::slice::from_ref(&delivery.delivery_id)).await?;
        if pickups.iter().any(|p| !p.picked_up) {
            return Ok(true);
        }
        let step = Step::new(&[DeliveryStatus::Assigned], DeliveryStatus::PickedUp);
        self.take(tx, delivery, step, here, now).await
    }

    /// Handed over at the door. False when the courier did not have it.
    pub async fn hand_over(
        &self,
        tx: &mut Tx,
        delivery: &Delivery,
        here: Here,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        let step = Step::new(&CARRIED, DeliveryStatus::Delivered);
        self.take(tx, delivery, step, here, now).await
    }

    /// Nobody took it: tried again later on the route, or given up after the last attempt.
    /// Returns the new status, or None when the courier did not have it.
    pub async fn fail_attempt(
        &self,
        tx: &mut Tx,
        delivery: &Delivery,
        reason: &str,
        here: Here,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Option<DeliveryStatus>> {
        if !delivery.status.is_carried() {
            return Ok(None);
        }
        let attempts = store::count_attempt(tx, &delivery.delivery_id).await?;
        let to = if attempts >= MAX_ATTEMPTS {
            DeliveryStatus::Failed
        } else {
            DeliveryStatus::AttemptFailed
        };
        let note = format!("attempt {attempts}: {reason}");
        let step = Step {
            reason: Some(reason),
            note: Some(&note),
            ..Step::new(&CARRIED, to)
        };
        Ok(self.take(tx, delivery, step, here, now).await?.then_some(to))
    }

    /// Moves the delivery, records it and announces it; false when it was not in `step.from`.
    async fn take(
        &self,
        tx: &mut Tx,
        delivery: &Delivery,
        step: Step<'_>,
        here: Here,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        let id = &delivery.delivery_id;
        if !store::change_status(&mut **tx, id, step.from, step.to, step.reason, now).await? {
            return Ok(false);
        }
        let courier = delivery.courier_id.as_deref();
        store::record(&mut **tx, id, step.to, courier, here, step.note, now).await?;
        self.announce(tx, delivery, step.to, step.reason, now).await?;
        Ok(true)
    }
}

/// The courier's own delivery, locked in `tx`: `NOT_FOUND` when unknown, `FORBIDDEN` when it
/// is someone else's.
async fn own_delivery(tx: &mut Tx, courier_id: &str, delivery_id: &str) -> Result<Delivery, ApiError> {
    let delivery = store::delivery(&mut **tx, delivery_id)
        .await?
        .ok_or_else(|| ApiError::not_found("no such delivery"))?;
    if delivery.courier_id.as_deref() != Some(courier_id) {
        return Err(ApiError::Forbidden(
            "this delivery is assigned to another courier".into(),
        ));
    }
    Ok(delivery)
}

/// The statuses in which the courier has the goods.
const CARRIED: [DeliveryStatus; 2] = [DeliveryStatus::PickedUp, DeliveryStatus::AttemptFailed];

struct Step<'a> {
    from: &'a [DeliveryStatus],
    to: DeliveryStatus,
    reason: Option<&'a str>,
    note: Option<&'a str>,
}

impl<'a> Step<'a> {
    fn new(from: &'a [DeliveryStatus], to: DeliveryStatus) -> Self {
        Step {
            from,
            to,
            reason: None,
            note: None,
        }
    }
}
