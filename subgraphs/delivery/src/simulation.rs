//! The dispatcher's clock: every tick it locates shops, assigns ready deliveries and, for the
//! simulated couriers, drives them along their routes (time-scaled), picking up and handing
//! over at each stop and reporting where they are. Everything it does is in the database, so a
//! restart carries on where it stopped.

use crate::dispatch::Dispatcher;
use crate::domain::StopKind;
use crate::route::{distance_m, Point};
use crate::store::{self, Courier};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use vitrine_kit::contracts::{CourierMoved, DropEta, COURIER_MOVED};
use vitrine_kit::events::enqueue;
use vitrine_kit::time::{now, to_db};

/// Location updates per courier are published at most this often (real time).
const REPORT_EVERY: Duration = Duration::from_secs(1);

pub fn spawn(dispatcher: Dispatcher) {
    tokio::spawn(async move {
        let mut last_tick = Instant::now();
        let mut reported: HashMap<String, Instant> = HashMap::new();
        loop {
            tokio::time::sleep(dispatcher.sim.tick).await;
            let elapsed = last_tick.elapsed();
            last_tick = Instant::now();
            if let Err(err) = dispatcher.locate_shops().await {
                tracing::warn!(error = %err, "locating shops failed; will retry");
            }
            if let Err(err) = dispatcher.dispatch(now()).await {
                tracing::warn!(error = %err, "assigning deliveries failed; will retry");
            }
            if dispatcher.sim.simulate_couriers {
                if let Err(err) = dispatcher.drive_all(elapsed, &mut reported).await {
                    tracing::warn!(error = %err, "moving couriers failed; will retry");
                }
            }
        }
    });
}

impl Dispatcher {
    async fn drive_all(
        &self,
        elapsed: Duration,
        reported: &mut HashMap<String, Instant>,
    ) -> anyhow::Result<()> {
        let simulated_seconds = elapsed.as_secs_f64() * self.sim.time_scale.get();
        for courier in store::moving_couriers(&self.db).await? {
            let report = reported
                .get(&courier.courier_id)
                .is_none_or(|at| at.elapsed() >= REPORT_EVERY);
            let budget_m = courier.vehicle.speed_m_per_s() * simulated_seconds;
            let arrived = self.drive(&courier, budget_m, report, now()).await?;
            if report || arrived {
                reported.insert(courier.courier_id.clone(), Instant::now());
            }
        }
        Ok(())
    }

    /// Moves `courier` up to `budget_m` along its route, handling each stop it reaches. Returns
    /// whether it reached one.
    pub async fn drive(
        &self,
        courier: &Courier,
        mut budget_m: f64,
        report: bool,
        now: DateTime<Utc>,
    ) -> anyhow::Result<bool> {
        let mut tx = self.db.begin_write().await?;
        let mut here = (courier.latitude, courier.longitude);
        let mut arrived = false;
        for stop in store::route(&mut *tx, &courier.courier_id).await? {
            let target = (stop.latitude, stop.longitude);
            let left_m = distance_m(point(here), point(target));
            if left_m > budget_m {
                let fraction = budget_m / left_m;
                here = (
                    here.0 + (target.0 - here.0) * fraction,
                    here.1 + (target.1 - here.1) * fraction,
                );
                break;
            }
            budget_m -= left_m;
            here = target;
            arrived = true;
            let Some(delivery) = store::delivery(&mut *tx, &stop.delivery_id).await? else {
                continue;
            };
            match stop.kind {
                StopKind::Pickup => {
                    self.pick_up(&mut tx, &delivery, stop.shop_id.as_deref(), Some(here), now)
                        .await?;
                }
                StopKind::Drop => {
                    self.hand_over(&mut tx, &delivery, Some(here), now).await?;
                }
            }
        }
        store::move_courier(&mut *tx, &courier.courier_id, here, now).await?;
        let moved = Courier {
            latitude: here.0,
            longitude: here.1,
            ..courier.clone()
        };
        let planned = self.replan(&mut tx, &courier.courier_id, now).await?;
        if report || arrived {
            let mut drops = Vec::new();
            for delivery in store::on_route(&mut *tx, &courier.courier_id).await? {
                let metres = planned
                    .to_drop_m
                    .get(&delivery.delivery_id)
                    .copied()
                    .unwrap_or(0.0);
                drops.push(DropEta {
                    eta_seconds: (self.eta_at(&moved, metres, now) - now).num_seconds().max(0),
                    delivery_id: delivery.delivery_id,
                    order_id: delivery.order_id,
                    customer_id: delivery.customer_id,
                });
            }
            let update = CourierMoved {
                courier_id: courier.courier_id.clone(),
                latitude: here.0,
                longitude: here.1,
                drops,
                at: to_db(now),
            };
            enqueue(&mut tx, COURIER_MOVED, &update).await?;
        }
        tx.commit().await?;
        if report || arrived {
            self.outbox.wake();
        }
        Ok(arrived)
    }
}

fn point((latitude, longitude): (f64, f64)) -> Point {
    Point { latitude, longitude }
}
