//! Getting ready orders to couriers: shops located (from the shops subgraph), the best courier
//! chosen, routes replanned with fresh ETAs, and every change announced through the outbox.

use crate::domain::DeliveryStatus;
use crate::planning::{plan_route, Planned};
use crate::store::{self, Courier, Delivery};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;
use vitrine_kit::config::{DeliveryTermsConfig, SimulationConfig};
use vitrine_kit::contracts::{DeliveryChanged, DELIVERY_CHANGED};
use vitrine_kit::db::{Db, Tx};
use vitrine_kit::events::{enqueue, OutboxWaker};
use vitrine_kit::identity::Identity;
use vitrine_kit::peers::Peers;
use vitrine_kit::time::to_db;

/// Where shops are, for routes (the only thing delivery asks another subgraph).
pub const SHOP_LOCATIONS: vitrine_kit::peers::PeerOperation = vitrine_kit::peers::PeerOperation {
    peer: "shops",
    document:
        "query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { id latitude longitude } } }",
};

#[derive(Clone)]
pub struct Dispatcher {
    pub db: Db,
    pub peers: Arc<Peers>,
    pub outbox: OutboxWaker,
    pub sim: SimulationConfig,
    pub terms: DeliveryTermsConfig,
}

impl Dispatcher {
    /// Publishes the delivery's new status (after the caller's commit).
    pub async fn announce(
        &self,
        tx: &mut Tx,
        delivery: &Delivery,
        status: DeliveryStatus,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let current = store::delivery(&mut **tx, &delivery.delivery_id).await?;
        let eta_seconds = current
            .as_ref()
            .and_then(|d| d.eta_at)
            .filter(|_| status.is_on_route())
            .map(|eta| (eta - now).num_seconds().max(0));
        let changed = DeliveryChanged {
            delivery_id: delivery.delivery_id.clone(),
            order_id: delivery.order_id.clone(),
            customer_id: delivery.customer_id.clone(),
            status: status.into(),
            courier_id: current.and_then(|d| d.courier_id),
            eta_seconds,
            reason: reason.map(str::to_string),
            at: to_db(now),
        };
        enqueue(tx, DELIVERY_CHANGED, &changed).await?;
        Ok(())
    }

    /// Replans `courier_id`'s route from where it is and stores each drop's ETA.
    pub async fn replan(&self, tx: &mut Tx, courier_id: &str, now: DateTime<Utc>) -> anyhow::Result<Planned> {
        let courier = store::courier(&mut **tx, courier_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("courier {courier_id} vanished"))?;
        let deliveries = store::on_route(&mut **tx, courier_id).await?;
        let planned = self.plan_for(tx, &courier, &deliveries).await?;
        for delivery in &deliveries {
            let metres = planned
                .to_drop_m
                .get(&delivery.delivery_id)
                .copied()
                .unwrap_or(0.0);
            store::set_eta(
                &mut **tx,
                &delivery.delivery_id,
                self.eta_at(&courier, metres, now),
                metres,
            )
            .await?;
        }
        store::replace_route(tx, courier_id, &planned.stops).await?;
        Ok(planned)
    }

    async fn plan_for(
        &self,
        tx: &mut Tx,
        courier: &Courier,
        deliveries: &[Delivery],
    ) -> anyhow::Result<Planned> {
        let ids: Vec<String> = deliveries.iter().map(|d| d.delivery_id.clone()).collect();
        let pickups = store::pickups_of(&mut **tx, &ids).await?;
        Ok(plan_route(
            &courier.courier_id,
            (courier.latitude, courier.longitude),
            deliveries,
            &pickups,
        ))
    }

    /// When `courier` reaches a drop `metres` along its route, in real time.
    pub fn eta_at(&self, courier: &Courier, metres: f64, now: DateTime<Utc>) -> DateTime<Utc> {
        let simulated = metres / courier.vehicle.speed_m_per_s();
        now + chrono::Duration::from_std(self.sim.real(simulated)).unwrap_or_default()
    }

    /// Gives a READY delivery to the available courier with room that gets it to the customer
    /// soonest (its current route replanned with this drop added); ties go to the less loaded.
    /// False when no courier has room (it stays READY and is tried again).
    pub async fn assign(&self, delivery_id: &str, now: DateTime<Utc>) -> anyhow::Result<bool> {
        let mut tx = self.db.begin_write().await?;
        let Some(delivery) = store::delivery(&mut *tx, delivery_id).await? else {
            return Ok(false);
        };
        if delivery.status != DeliveryStatus::Ready {
            return Ok(false);
        }
        let mut best: Option<(DateTime<Utc>, usize, Courier)> = None;
        for courier in store::available_couriers(&mut *tx, self.sim.simulate_couriers).await? {
            let mut deliveries = store::on_route(&mut *tx, &courier.courier_id).await?;
            if deliveries.len() as i64 >= courier.capacity {
                continue;
            }
            let load = deliveries.len();
            deliveries.push(delivery.clone());
            let planned = self.plan_for(&mut tx, &courier, &deliveries).await?;
            let metres = planned.to_drop_m.get(delivery_id).copied().unwrap_or(f64::MAX);
            let eta = self.eta_at(&courier, metres, now);
            if best.as_ref().is_none_or(|(e, l, _)| (eta, load) < (*e, *l)) {
                best = Some((eta, load, courier));
            }
        }
        let Some((_, _, courier)) = best else {
            return Ok(false);
        };
        if !store::change_status(
            &mut *tx,
            delivery_id,
            &[DeliveryStatus::Ready],
            DeliveryStatus::Assigned,
            None,
            now,
        )
        .await?
        {
            return Ok(false);
        }
        store::set_courier(&mut *tx, delivery_id, &courier.courier_id).await?;
        let at = Some((courier.latitude, courier.longitude));
        let note = format!("assigned to {}", courier.name);
        store::record(
            &mut *tx,
            delivery_id,
            DeliveryStatus::Assigned,
            Some(&courier.courier_id),
            at,
            Some(&note),
            now,
        )
        .await?;
        self.replan(&mut tx, &courier.courier_id, now).await?;
        self.announce(&mut tx, &delivery, DeliveryStatus::Assigned, None, now)
            .await?;
        tx.commit().await?;
        self.outbox.wake();
        Ok(true)
    }

    /// Asks shops where the shops of waiting deliveries are; couriers pick up there.
    pub async fn locate_shops(&self) -> anyhow::Result<()> {
        let shop_ids = store::unlocated_shops(&self.db, 50).await?;
        if shop_ids.is_empty() {
            return Ok(());
        }
        let located = shop_locations(&self.peers, &shop_ids).await?;
        let mut tx = self.db.begin_write().await?;
        for shop_id in &shop_ids {
            match located.get(shop_id) {
                Some(&at) => store::locate_shop(&mut *tx, shop_id, at).await?,
                None => tracing::warn!(shop_id, "shops does not know this shop; its deliveries wait"),
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Assigns what can be assigned, oldest first.
    pub async fn dispatch(&self, now: DateTime<Utc>) -> anyhow::Result<usize> {
        let mut assigned = 0;
        for delivery_id in store::dispatchable(&self.db, 20).await? {
            if self.assign(&delivery_id, now).await? {
                assigned += 1;
            } else {
                // No courier has room for the oldest; younger ones would not fare better.
                break;
            }
        }
        Ok(assigned)
    }
}

/// Where the shops `shop_ids` are (latitude, longitude), asked of the shops subgraph in one
/// call; a shop it does not know is missing from the answer.
pub async fn shop_locations(
    peers: &Peers,
    shop_ids: &[String],
) -> anyhow::Result<HashMap<String, (f64, f64)>> {
    if shop_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let representations: Vec<_> = shop_ids
        .iter()
        .map(|id| serde_json::json!({ "__typename": "Shop", "id": id }))
        .collect();
    #[derive(serde::Deserialize)]
    struct Located {
        id: String,
        latitude: f64,
        longitude: f64,
    }
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(rename = "_entities")]
        entities: Vec<Option<Located>>,
    }
    let answer: Answer = peers
        .call(
            &SHOP_LOCATIONS,
            &Identity::service(crate::NAME),
            serde_json::json!({ "r": representations }),
        )
        .await
        .map_err(|e| anyhow::anyhow!("locating shops: {e}"))?;
    Ok(shop_ids
        .iter()
        .zip(answer.entities)
        .filter_map(|(asked, located)| {
            located
                .filter(|shop| &shop.id == asked)
                .map(|shop| (shop.id, (shop.latitude, shop.longitude)))
        })
        .collect())
}
