//! Delivery terms for an order not yet placed: shops located, couriers read as a new order
//! would find them, then the pure rules of `terms`.

use crate::dispatch::{shop_locations, Dispatcher};
use crate::domain::StopKind;
use crate::route::Point;
use crate::store;
use crate::terms::{self, CourierStanding, Parcel, Refusal, Terms};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use vitrine_kit::error::ApiError;

/// What checkout asks about.
pub struct Ask<'a> {
    pub shop_ids: &'a [String],
    pub door: Point,
    pub goods_total: i64,
    pub ready_at: DateTime<Utc>,
}

impl Dispatcher {
    /// The fee and promised time for `ask` at `now`. `BAD_USER_INPUT` for a door outside the
    /// delivery area, `NOT_FOUND` for a shop the shops subgraph does not know.
    pub async fn quote(&self, ask: &Ask<'_>, now: DateTime<Utc>) -> Result<Terms, ApiError> {
        let located = shop_locations(&self.peers, ask.shop_ids).await?;
        let mut shops = Vec::with_capacity(ask.shop_ids.len());
        for id in ask.shop_ids {
            let (latitude, longitude) = *located
                .get(id)
                .ok_or_else(|| ApiError::not_found(format!("no shop {id}")))?;
            shops.push(Point { latitude, longitude });
        }
        let couriers = self.standings().await?;
        let parcel = Parcel {
            shops: &shops,
            door: ask.door,
            goods_total: ask.goods_total,
            ready_at: ask.ready_at,
        };
        terms::quote(&self.terms, &self.sim, now, parcel, &couriers).map_err(|refusal| match refusal {
            Refusal::OutsideArea { metres, max_m } => ApiError::bad_input(format!(
                "this address is outside our delivery area: {:.1} km from the shop, and we deliver \
                 up to {:.1} km",
                metres / 1000.0,
                max_m as f64 / 1000.0
            )),
            Refusal::NoShops => ApiError::bad_input("name at least one shop"),
        })
    }

    /// Every courier the dispatcher may give work to, with the metres it must ride before it
    /// can take one more order: none when it has room, its whole planned route when it is full.
    /// Two statements, whatever the fleet's size.
    async fn standings(&self) -> anyhow::Result<Vec<CourierStanding>> {
        let couriers = store::available_couriers(&self.db, self.sim.simulate_couriers).await?;
        let ids: Vec<String> = couriers.iter().map(|c| c.courier_id.clone()).collect();
        let mut routes: HashMap<String, Vec<store::Stop>> = HashMap::new();
        for stop in store::routes_of(&self.db, &ids).await? {
            routes.entry(stop.courier_id.clone()).or_default().push(stop);
        }
        Ok(couriers
            .into_iter()
            .map(|courier| {
                let here = Point {
                    latitude: courier.latitude,
                    longitude: courier.longitude,
                };
                let route = routes.get(&courier.courier_id).map(Vec::as_slice).unwrap_or(&[]);
                let drops = route.iter().filter(|s| s.kind == StopKind::Drop).count() as i64;
                let (at, metres_before) = match route.last() {
                    Some(last) if drops >= courier.capacity => (
                        Point {
                            latitude: last.latitude,
                            longitude: last.longitude,
                        },
                        route.iter().map(|s| s.leg_m).sum(),
                    ),
                    _ => (here, 0.0),
                };
                CourierStanding {
                    at,
                    vehicle: courier.vehicle,
                    metres_before,
                }
            })
            .collect())
    }
}
