use crate::domain::DeliveryStatus;
use crate::domain::StopKind;
use crate::graphql::courier::CourierView;
use crate::loaders::{CourierLoader, DeliveryByOrderLoader, HistoryLoader, RouteLoader};
use crate::store;
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, Object, Result, SimpleObject, ID};
use chrono::{DateTime, Utc};
use vitrine_kit::auth::{caller, require_customer};
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;

/// A point on the map, WGS 84 degrees.
#[derive(SimpleObject, Clone, Copy)]
pub struct GeoPoint {
    pub latitude: f64,
    pub longitude: f64,
}

impl From<(f64, f64)> for GeoPoint {
    fn from((latitude, longitude): (f64, f64)) -> Self {
        GeoPoint { latitude, longitude }
    }
}

/// The order's customer, its courier, an ADMIN or a Vitrine service; others get `FORBIDDEN`.
pub fn may_view(ctx: &Context<'_>, delivery: &store::Delivery) -> Result<(), ApiError> {
    let identity = caller(ctx);
    let sub = identity.sub.as_deref();
    let own =
        sub == Some(delivery.customer_id.as_str()) || sub.is_some() && sub == delivery.courier_id.as_deref();
    if own || identity.has_role(Role::Admin) || identity.has_role(Role::Service) {
        Ok(())
    } else {
        Err(ApiError::Forbidden(
            "this delivery belongs to another customer".into(),
        ))
    }
}

/// Getting one order to the customer's door.
pub struct Delivery(pub store::Delivery);

#[Object(name = "Delivery")]
impl Delivery {
    async fn id(&self) -> ID {
        ID(self.0.delivery_id.clone())
    }
    async fn order_id(&self) -> ID {
        ID(self.0.order_id.clone())
    }
    /// The order this delivery brings (its number, lines and status come from orders).
    async fn order(&self) -> Order {
        Order {
            id: self.0.order_id.clone(),
        }
    }
    async fn status(&self) -> DeliveryStatus {
        self.0.status
    }
    /// Who brings it, once assigned: name, vehicle and where they are now.
    async fn courier(&self, ctx: &Context<'_>) -> Result<Option<CourierView>> {
        let Some(id) = self.0.courier_id.clone() else {
            return Ok(None);
        };
        let courier = ctx
            .data_unchecked::<DataLoader<CourierLoader>>()
            .load_one(id)
            .await
            .gql()?;
        Ok(courier.map(CourierView))
    }
    /// The customer's address on the map.
    async fn destination(&self) -> GeoPoint {
        (self.0.drop_latitude, self.0.drop_longitude).into()
    }
    /// When the courier should be at the door (real time), while it is on a route.
    async fn eta(&self) -> Option<DateTime<Utc>> {
        self.0.eta_at.filter(|_| self.0.status.is_on_route())
    }
    /// Seconds until `eta`, from now.
    async fn eta_seconds(&self) -> Option<i64> {
        self.0
            .eta_at
            .filter(|_| self.0.status.is_on_route())
            .map(|eta| (eta - vitrine_kit::time::now()).num_seconds().max(0))
    }
    /// Metres along the courier's planned route to this door, when last planned.
    async fn route_distance_meters(&self) -> Option<f64> {
        self.0.route_m.filter(|_| self.0.status.is_on_route())
    }
    /// The courier's planned way to this door, for drawing it: the shops still to visit, then
    /// this door. Other customers' doors are left out (the full route is `Courier.route`, for
    /// the courier and ADMINs only). Empty while no courier has it on a route.
    async fn route_to_door(&self, ctx: &Context<'_>) -> Result<Vec<GeoPoint>> {
        let Some(courier_id) = self.0.courier_id.clone().filter(|_| self.0.status.is_on_route()) else {
            return Ok(Vec::new());
        };
        let mut stops = ctx
            .data_unchecked::<DataLoader<RouteLoader>>()
            .load_one(courier_id)
            .await
            .gql()?
            .unwrap_or_default();
        stops.sort_by_key(|stop| stop.position);
        let Some(door) = stops
            .iter()
            .position(|stop| stop.kind == StopKind::Drop && stop.delivery_id == self.0.delivery_id)
        else {
            return Ok(Vec::new());
        };
        Ok(stops[..=door]
            .iter()
            .filter(|stop| stop.kind == StopKind::Pickup || stop.delivery_id == self.0.delivery_id)
            .map(|stop| (stop.latitude, stop.longitude).into())
            .collect())
    }
    /// Failed attempts at the door so far.
    async fn attempts(&self) -> i64 {
        self.0.attempts
    }
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn assigned_at(&self) -> Option<DateTime<Utc>> {
        self.0.assigned_at
    }
    async fn picked_up_at(&self) -> Option<DateTime<Utc>> {
        self.0.picked_up_at
    }
    async fn finished_at(&self) -> Option<DateTime<Utc>> {
        self.0.finished_at
    }
    /// Every status it went through, oldest first, with who and where.
    async fn history(&self, ctx: &Context<'_>) -> Result<Vec<DeliveryStep>> {
        let events = ctx
            .data_unchecked::<DataLoader<HistoryLoader>>()
            .load_one(self.0.delivery_id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(events
            .into_iter()
            .map(|e| DeliveryStep {
                status: e.status,
                courier_id: e.courier_id.map(ID),
                location: e.location.map(GeoPoint::from),
                note: e.note,
                at: e.at,
            })
            .collect())
    }
}

#[derive(SimpleObject)]
pub struct DeliveryStep {
    pub status: DeliveryStatus,
    pub courier_id: Option<ID>,
    pub location: Option<GeoPoint>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// Delivery's view of an order (the orders subgraph owns it).
pub struct Order {
    id: String,
}

#[Object(name = "Order")]
impl Order {
    async fn id(&self) -> ID {
        ID(self.id.clone())
    }
    /// How the order gets to the door; null until the order is confirmed. The order's
    /// customer, its courier, an ADMIN or a Vitrine service; others get `FORBIDDEN`.
    async fn delivery(&self, ctx: &Context<'_>) -> Result<Option<Delivery>> {
        require_customer(ctx).gql()?;
        let delivery = ctx
            .data_unchecked::<DataLoader<DeliveryByOrderLoader>>()
            .load_one(self.id.clone())
            .await
            .gql()?;
        if let Some(delivery) = &delivery {
            may_view(ctx, delivery).gql()?;
        }
        Ok(delivery.map(Delivery))
    }
}

#[derive(Default)]
pub struct OrderEntity;

#[Object]
impl OrderEntity {
    #[graphql(entity)]
    async fn find_order_by_id(&self, id: ID) -> Order {
        Order { id: id.0 }
    }
}
