//! A courier's route from its deliveries: pickups not yet made, then every drop, ordered by the
//! route planner, with the distance to each drop. Pure, so assignment can try candidates cheaply.

use crate::domain::StopKind;
use crate::route::{self, Point};
use crate::store::{Delivery, Pickup, Stop};
use std::collections::HashMap;

pub struct Planned {
    pub stops: Vec<Stop>,
    /// Metres along the route from the courier to each delivery's drop.
    pub to_drop_m: HashMap<String, f64>,
    pub total_m: f64,
}

/// Plans `courier_id`'s route from `at` over `deliveries` (each with its `pickups`).
pub fn plan_route(courier_id: &str, at: (f64, f64), deliveries: &[Delivery], pickups: &[Pickup]) -> Planned {
    let point = |(latitude, longitude): (f64, f64)| Point { latitude, longitude };
    let open_pickups: Vec<&Pickup> = pickups
        .iter()
        .filter(|p| !p.picked_up && deliveries.iter().any(|d| d.delivery_id == p.delivery_id))
        .filter(|p| p.location.is_some())
        .collect();
    let pickup_points: Vec<Point> = open_pickups
        .iter()
        .map(|p| point(p.location.unwrap_or_default()))
        .collect();
    let drop_points: Vec<Point> = deliveries
        .iter()
        .map(|d| point((d.drop_latitude, d.drop_longitude)))
        .collect();
    let plan = route::plan(point(at), &pickup_points, &drop_points);
    let visits = plan
        .pickup_order
        .iter()
        .map(|&i| {
            let p = open_pickups[i];
            (
                StopKind::Pickup,
                p.delivery_id.clone(),
                Some(p.shop_id.clone()),
                pickup_points[i],
            )
        })
        .chain(plan.drop_order.iter().map(|&i| {
            let d = &deliveries[i];
            (StopKind::Drop, d.delivery_id.clone(), None, drop_points[i])
        }));
    let mut stops = Vec::new();
    let mut to_drop_m = HashMap::new();
    let mut travelled = 0.0;
    for (position, ((kind, delivery_id, shop_id, at), leg_m)) in visits.zip(&plan.legs_m).enumerate() {
        travelled += leg_m;
        if kind == StopKind::Drop {
            to_drop_m.insert(delivery_id.clone(), travelled);
        }
        stops.push(Stop {
            courier_id: courier_id.to_string(),
            position: position as i64,
            kind,
            delivery_id,
            shop_id,
            latitude: at.latitude,
            longitude: at.longitude,
            leg_m: *leg_m,
        });
    }
    Planned {
        stops,
        to_drop_m,
        total_m: plan.total_m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DeliveryStatus;

    fn delivery(id: &str, drop: (f64, f64), status: DeliveryStatus) -> Delivery {
        Delivery {
            delivery_id: id.into(),
            order_id: format!("ord_{id}"),
            customer_id: "cus_1".into(),
            status,
            drop_latitude: drop.0,
            drop_longitude: drop.1,
            courier_id: Some("cou_1".into()),
            eta_at: None,
            route_m: None,
            attempts: 0,
            reason: None,
            created_at: vitrine_kit::time::now(),
            assigned_at: None,
            picked_up_at: None,
            finished_at: None,
        }
    }

    fn pickup(delivery_id: &str, at: (f64, f64), picked_up: bool) -> Pickup {
        Pickup {
            delivery_id: delivery_id.into(),
            shop_id: "shp_1".into(),
            location: Some(at),
            picked_up,
        }
    }

    #[test]
    fn pickups_come_first_and_drops_are_measured_along_the_route() {
        let shop = (43.2396, 76.9286);
        let deliveries = [
            delivery("a", (43.25, 76.95), DeliveryStatus::Assigned),
            delivery("b", (43.22, 76.90), DeliveryStatus::PickedUp),
        ];
        let pickups = [pickup("a", shop, false), pickup("b", shop, true)];
        let planned = plan_route("cou_1", (43.23, 76.94), &deliveries, &pickups);
        let kinds: Vec<_> = planned.stops.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [StopKind::Pickup, StopKind::Drop, StopKind::Drop]);
        let legs: f64 = planned.stops.iter().map(|s| s.leg_m).sum();
        assert!((legs - planned.total_m).abs() < 1e-6);
        let last = planned.stops.last().unwrap();
        assert!((planned.to_drop_m[&last.delivery_id] - planned.total_m).abs() < 1e-6);
        assert!(planned.to_drop_m.values().all(|m| *m > 0.0));
    }

    #[test]
    fn nothing_to_do_is_an_empty_route() {
        let planned = plan_route("cou_1", (43.23, 76.94), &[], &[]);
        assert!(planned.stops.is_empty() && planned.to_drop_m.is_empty());
        assert_eq!(planned.total_m, 0.0);
    }
}
