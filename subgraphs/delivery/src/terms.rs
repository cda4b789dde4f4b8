//! Delivery terms before there is an order: the fee (by route length and what the goods are
//! worth) and the promised time (the kitchen's ready time, the soonest courier, the route to
//! the door). Pure: the caller reads couriers and shops. The rules are in
//! docs/configuration.md, beside the settings that tune them.

use crate::domain::Vehicle;
use crate::route::{self, Point};
use chrono::{DateTime, Utc};
use vitrine_kit::config::{DeliveryTermsConfig, SimulationConfig};

/// Simulated seconds at the door: parking, stairs, the handover.
pub const HANDOVER_S: f64 = 180.0;
/// With no courier on duty, the promise assumes one starts within this many simulated seconds.
pub const NO_COURIER_WAIT_S: f64 = 1800.0;
/// Added to the whole wait, so that an ordinary day (a slow lift, a red light) keeps the promise.
pub const SLACK: f64 = 0.15;

/// A courier as a new order would find it: where it is, how it travels, and how many metres of
/// its current route it must finish before it can take the order (0 when it has room now).
pub struct CourierStanding {
    pub at: Point,
    pub vehicle: Vehicle,
    pub metres_before: f64,
}

/// Why there are no terms.
#[derive(Debug, PartialEq)]
pub enum Refusal {
    /// The door is `metres` from the farthest shop, beyond the area's `max_m`.
    OutsideArea {
        metres: f64,
        max_m: i64,
    },
    NoShops,
}

/// What a delivery to the door would cost and when it would arrive.
#[derive(Debug, PartialEq)]
pub struct Terms {
    /// Tiyn.
    pub fee: i64,
    /// Along the route: every shop, then the door.
    pub route_m: f64,
    /// When the soonest courier could be at the first shop.
    pub courier_at_shop: DateTime<Utc>,
    pub promised_at: DateTime<Utc>,
}

/// The fee: the base covers `included_m` of route, then each started kilometre costs
/// `fee_per_km`; goods worth `free_from` or more travel free.
pub fn fee(cfg: &DeliveryTermsConfig, route_m: f64, goods_total: i64) -> i64 {
    if cfg.free_from > 0 && goods_total >= cfg.free_from {
        return 0;
    }
    let beyond_m = (route_m - cfg.included_m as f64).max(0.0);
    let started_km = (beyond_m / 1000.0).ceil() as i64;
    cfg.base_fee + started_km * cfg.fee_per_km
}

/// What is to be delivered.
#[derive(Clone, Copy)]
pub struct Parcel<'a> {
    /// Every shop the goods come from.
    pub shops: &'a [Point],
    pub door: Point,
    /// What the goods are worth, tiyn.
    pub goods_total: i64,
    /// When the kitchen will have them ready (`now` when nothing needs cooking).
    pub ready_at: DateTime<Utc>,
}

/// Terms for `parcel` at `now`, carried by the soonest of `couriers`.
pub fn quote(
    cfg: &DeliveryTermsConfig,
    sim: &SimulationConfig,
    now: DateTime<Utc>,
    parcel: Parcel<'_>,
    couriers: &[CourierStanding],
) -> Result<Terms, Refusal> {
    let Parcel {
        shops,
        door,
        goods_total,
        ready_at,
    } = parcel;
    let Some((&first, rest)) = shops.split_first() else {
        return Err(Refusal::NoShops);
    };
    let farthest = shops
        .iter()
        .map(|&shop| route::distance_m(shop, door))
        .fold(0.0, f64::max);
    if farthest > cfg.max_m as f64 {
        return Err(Refusal::OutsideArea {
            metres: farthest,
            max_m: cfg.max_m,
        });
    }
    let route_m = route::plan(first, rest, &[door]).total_m;
    let real = |simulated_s: f64| chrono::Duration::from_std(sim.real(simulated_s)).unwrap_or_default();
    // The courier that can be at the first shop soonest carries the order.
    let (to_shop_s, vehicle) = couriers
        .iter()
        .map(|c| {
            let metres = c.metres_before + route::distance_m(c.at, first);
            (metres / c.vehicle.speed_m_per_s(), c.vehicle)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap_or((NO_COURIER_WAIT_S, Vehicle::Bicycle));
    let courier_at_shop = now + real(to_shop_s);
    let leaves = ready_at.max(courier_at_shop).max(now);
    let arrives = leaves + real(route_m / vehicle.speed_m_per_s() + HANDOVER_S);
    let wait_ms = (arrives - now).num_milliseconds() as f64 * (1.0 + SLACK);
    Ok(Terms {
        fee: fee(cfg, route_m, goods_total),
        route_m,
        courier_at_shop,
        promised_at: now + chrono::Duration::milliseconds(wait_ms.ceil() as i64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrine_kit::tunable::Tunable;

    const SHOP: Point = Point {
        latitude: 43.2396,
        longitude: 76.9286,
    };

    fn sim() -> SimulationConfig {
        SimulationConfig {
            time_scale: Tunable::new(1.0),
            ..SimulationConfig::default()
        }
    }

    /// `km` kilometres north of the shop.
    fn north(km: f64) -> Point {
        Point {
            latitude: SHOP.latitude + km / 111.195,
            longitude: SHOP.longitude,
        }
    }

    fn parcel(shops: &[Point], door: Point, ready_at: DateTime<Utc>) -> Parcel<'_> {
        Parcel {
            shops,
            door,
            goods_total: 0,
            ready_at,
        }
    }

    #[test]
    fn the_base_fee_covers_the_included_metres_then_each_started_km_costs() {
        let cfg = DeliveryTermsConfig::default();
        assert_eq!(fee(&cfg, 0.0, 0), 59_000);
        assert_eq!(fee(&cfg, 3_000.0, 0), 59_000);
        assert_eq!(fee(&cfg, 3_001.0, 0), 59_000 + 12_000);
        assert_eq!(fee(&cfg, 5_000.0, 0), 59_000 + 2 * 12_000);
        assert_eq!(fee(&cfg, 5_000.5, 0), 59_000 + 3 * 12_000);
    }

    #[test]
    fn goods_worth_the_threshold_travel_free_unless_it_is_zero() {
        let cfg = DeliveryTermsConfig::default();
        assert_eq!(fee(&cfg, 9_000.0, cfg.free_from), 0);
        assert!(fee(&cfg, 9_000.0, cfg.free_from - 1) > 0);
        let never = DeliveryTermsConfig { free_from: 0, ..cfg };
        assert!(fee(&never, 9_000.0, i64::MAX) > 0);
    }

    #[test]
    fn a_door_beyond_the_area_from_any_shop_is_refused() {
        let cfg = DeliveryTermsConfig::default();
        let now = vitrine_kit::time::now();
        let far = north(26.0);
        let refused = quote(&cfg, &sim(), now, parcel(&[SHOP], far, now), &[]).unwrap_err();
        assert!(matches!(refused, Refusal::OutsideArea { metres, max_m: 25_000 } if metres > 25_000.0));
        // Near one shop is not enough: every shop of the order must be within reach.
        let near = north(1.0);
        let refused = quote(&cfg, &sim(), now, parcel(&[near, SHOP], far, now), &[]);
        assert!(refused.is_err());
        assert_eq!(
            quote(&cfg, &sim(), now, parcel(&[], near, now), &[]).unwrap_err(),
            Refusal::NoShops
        );
    }

    #[test]
    fn the_promise_waits_for_the_later_of_kitchen_and_courier_then_the_ride_with_slack() {
        let cfg = DeliveryTermsConfig::default();
        let now = vitrine_kit::time::now();
        let door = north(4.5);
        // A bicycle 900 m from the shop: there in 200 s. The kitchen needs 600 s.
        let courier = CourierStanding {
            at: north(-0.9),
            vehicle: Vehicle::Bicycle,
            metres_before: 0.0,
        };
        let ready_at = now + chrono::Duration::seconds(600);
        let terms = quote(&cfg, &sim(), now, parcel(&[SHOP], door, ready_at), &[courier]).unwrap();
        assert!((terms.route_m - 4_500.0).abs() < 5.0, "{}", terms.route_m);
        assert_eq!(terms.fee, 59_000 + 2 * 12_000);
        let ride_s = terms.route_m / Vehicle::Bicycle.speed_m_per_s() + HANDOVER_S;
        let expected_s = (600.0 + ride_s) * (1.0 + SLACK);
        let promised_s = (terms.promised_at - now).num_milliseconds() as f64 / 1000.0;
        assert!(
            (promised_s - expected_s).abs() < 1.0,
            "{promised_s} vs {expected_s}"
        );
        assert!((terms.courier_at_shop - now).num_seconds() <= 201);
    }

    #[test]
    fn a_busy_courier_counts_its_route_first_and_no_courier_means_the_standard_wait() {
        let cfg = DeliveryTermsConfig::default();
        let now = vitrine_kit::time::now();
        let busy = CourierStanding {
            at: SHOP,
            vehicle: Vehicle::Car,
            metres_before: 8_500.0,
        };
        let terms = quote(&cfg, &sim(), now, parcel(&[SHOP], north(1.0), now), &[busy]).unwrap();
        assert_eq!((terms.courier_at_shop - now).num_seconds(), 1_000);
        let alone = quote(&cfg, &sim(), now, parcel(&[SHOP], north(1.0), now), &[]).unwrap();
        assert_eq!(
            (alone.courier_at_shop - now).num_seconds(),
            NO_COURIER_WAIT_S as i64
        );
    }

    #[test]
    fn the_time_scale_shrinks_every_wait_alike() {
        let cfg = DeliveryTermsConfig::default();
        let now = vitrine_kit::time::now();
        let fast = SimulationConfig {
            time_scale: Tunable::new(10.0),
            ..SimulationConfig::default()
        };
        let slow = quote(&cfg, &sim(), now, parcel(&[SHOP], north(2.0), now), &[]).unwrap();
        let quick = quote(&cfg, &fast, now, parcel(&[SHOP], north(2.0), now), &[]).unwrap();
        let ratio = (slow.promised_at - now).num_milliseconds() as f64
            / (quick.promised_at - now).num_milliseconds() as f64;
        assert!((ratio - 10.0).abs() < 0.01, "{ratio}");
    }
}
