//! What happens at a stop: goods picked up at a shop, handed over at the door, or an attempt
//! that failed. Used by couriers' apps (the mutations) and by the simulation alike; each runs
//! inside the caller's transaction, and the caller replans the courier's route afterwards.

use crate::dispatch::Dispatcher;
use crate::domain::{DeliveryStatus, MAX_ATTEMPTS};
use crate::store::{self, Delivery, Tx};
use chrono::{DateTime, Utc};

/// Where the courier is, for the record.
pub type Here = Option<(f64, f64)>;

impl Dispatcher {
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
        store::mark_picked_up(tx, &delivery.delivery_id, shop_id).await?;
        let pickups = store::pickups_of(tx, std::slice::from_ref(&delivery.delivery_id)).await?;
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
        if !store::change_status(tx, id, step.from, step.to, step.reason, now).await? {
            return Ok(false);
        }
        let courier = delivery.courier_id.as_deref();
        store::record(tx, id, step.to, courier, here, step.note, now).await?;
        self.announce(tx, delivery, step.to, step.reason, now).await?;
        Ok(true)
    }
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
