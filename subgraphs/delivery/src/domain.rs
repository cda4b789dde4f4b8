//! Delivery statuses, vehicles and the rules that move a delivery. Pure, no I/O.

use async_graphql::Enum;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum DeliveryStatus {
    /// The order is confirmed; the kitchen (or the shop) is still getting it ready.
    Waiting,
    /// Ready to go; waiting for a courier with room.
    Ready,
    /// A courier is on the way to the pickup.
    Assigned,
    /// With the courier, on the way to the customer.
    PickedUp,
    /// Nobody took it at the door; the courier tries again later on the route.
    AttemptFailed,
    Delivered,
    /// Given up after the last attempt; the goods go back and the order is cancelled.
    Failed,
    /// The order was cancelled before pickup.
    Cancelled,
}
vitrine_kit::stored_as_text!(DeliveryStatus, "delivery status");

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 8] = [
        DeliveryStatus::Waiting,
        DeliveryStatus::Ready,
        DeliveryStatus::Assigned,
        DeliveryStatus::PickedUp,
        DeliveryStatus::AttemptFailed,
        DeliveryStatus::Delivered,
        DeliveryStatus::Failed,
        DeliveryStatus::Cancelled,
    ];

    /// On a courier's route: counts against its capacity.
    pub fn is_on_route(self) -> bool {
        matches!(
            self,
            DeliveryStatus::Assigned | DeliveryStatus::PickedUp | DeliveryStatus::AttemptFailed
        )
    }

    /// The goods are with the courier.
    pub fn is_carried(self) -> bool {
        matches!(self, DeliveryStatus::PickedUp | DeliveryStatus::AttemptFailed)
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            DeliveryStatus::Delivered | DeliveryStatus::Failed | DeliveryStatus::Cancelled
        )
    }
}

/// Attempts at the door before a delivery is given up.
pub const MAX_ATTEMPTS: i64 = 2;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Vehicle {
    Foot,
    Bicycle,
    Scooter,
    Car,
}
vitrine_kit::stored_as_text!(Vehicle, "vehicle");

impl Vehicle {
    pub const ALL: [Vehicle; 4] = [Vehicle::Foot, Vehicle::Bicycle, Vehicle::Scooter, Vehicle::Car];

    /// Average city speed in metres per (simulated) second, stops and traffic included.
    pub fn speed_m_per_s(self) -> f64 {
        match self {
            Vehicle::Foot => 1.4,
            Vehicle::Bicycle => 4.5,
            Vehicle::Scooter => 7.0,
            Vehicle::Car => 8.5,
        }
    }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum StopKind {
    Pickup,
    Drop,
}
vitrine_kit::stored_as_text!(StopKind, "stop kind");

/// How events name the status (`kit::contracts`); exhaustive, so a new status is a contract
/// change made on purpose.
impl From<DeliveryStatus> for vitrine_kit::contracts::status::Delivery {
    fn from(status: DeliveryStatus) -> Self {
        use vitrine_kit::contracts::status::Delivery;
        match status {
            DeliveryStatus::Waiting => Delivery::Waiting,
            DeliveryStatus::Ready => Delivery::Ready,
            DeliveryStatus::Assigned => Delivery::Assigned,
            DeliveryStatus::PickedUp => Delivery::PickedUp,
            DeliveryStatus::AttemptFailed => Delivery::AttemptFailed,
            DeliveryStatus::Delivered => Delivery::Delivered,
            DeliveryStatus::Failed => Delivery::Failed,
            DeliveryStatus::Cancelled => Delivery::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_vehicles_round_trip() {
        for status in DeliveryStatus::ALL {
            assert_eq!(DeliveryStatus::parse(status.as_str()).unwrap(), status);
        }
        for vehicle in Vehicle::ALL {
            assert_eq!(Vehicle::parse(vehicle.as_str()).unwrap(), vehicle);
            assert!(vehicle.speed_m_per_s() > 0.0);
        }
        assert!(DeliveryStatus::parse("LOST").is_err());
    }

    #[test]
    fn only_route_statuses_use_capacity() {
        let on_route: Vec<_> = DeliveryStatus::ALL
            .into_iter()
            .filter(|s| s.is_on_route())
            .collect();
        assert_eq!(
            on_route,
            [
                DeliveryStatus::Assigned,
                DeliveryStatus::PickedUp,
                DeliveryStatus::AttemptFailed
            ]
        );
        assert!(DeliveryStatus::ALL
            .into_iter()
            .all(|s| !(s.is_on_route() && s.is_final())));
    }
}
