use crate::dispatch::Dispatcher;
use crate::domain::{DeliveryStatus, StopKind, Vehicle};
use crate::graphql::delivery::{may_view, Delivery, GeoPoint};
use crate::handover::Handover;
use crate::loaders::RouteLoader;
use crate::store::{self, Courier};
use async_graphql::dataloader::DataLoader;
use async_graphql::{Context, InputObject, Object, Result, SimpleObject, ID};
use vitrine_kit::auth::{caller, require_any_role, require_customer};
use vitrine_kit::db::Db;
use vitrine_kit::error::{ApiError, GqlResultExt};
use vitrine_kit::identity::Role;
use vitrine_kit::input::check_line;
use vitrine_kit::paging;

/// A courier as customers and staff see it. The route (other customers' addresses) only to the
/// courier itself and ADMINs.
pub struct CourierView(pub Courier);

#[Object(name = "Courier")]
impl CourierView {
    async fn id(&self) -> ID {
        ID(self.0.courier_id.clone())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn vehicle(&self) -> Vehicle {
        self.0.vehicle
    }
    /// Deliveries it can carry at once.
    async fn capacity(&self) -> i64 {
        self.0.capacity
    }
    async fn location(&self) -> GeoPoint {
        (self.0.latitude, self.0.longitude).into()
    }
    /// On duty: may be given deliveries.
    async fn available(&self) -> bool {
        self.0.available
    }
    /// The planned stops from where the courier is: pickups first, then drops.
    async fn route(&self, ctx: &Context<'_>) -> Result<CourierRoute> {
        let identity = caller(ctx);
        let own = identity.sub.as_deref() == Some(self.0.courier_id.as_str());
        if !(own || identity.has_role(Role::Admin) || identity.has_role(Role::Service)) {
            return Err(ApiError::Forbidden(
                "only the courier and ADMINs see a route".into(),
            ))
            .gql();
        }
        let stops = ctx
            .data_unchecked::<DataLoader<RouteLoader>>()
            .load_one(self.0.courier_id.clone())
            .await
            .gql()?
            .unwrap_or_default();
        Ok(CourierRoute {
            distance_meters: stops.iter().map(|s| s.leg_m).sum(),
            stops: stops
                .into_iter()
                .map(|s| RouteStop {
                    position: s.position,
                    kind: s.kind,
                    delivery_id: ID(s.delivery_id),
                    shop_id: s.shop_id.map(ID),
                    location: (s.latitude, s.longitude).into(),
                    leg_meters: s.leg_m,
                })
                .collect(),
        })
    }
}

#[derive(SimpleObject)]
pub struct CourierRoute {
    pub stops: Vec<RouteStop>,
    /// From the courier's position through every stop.
    pub distance_meters: f64,
}

#[derive(SimpleObject)]
pub struct RouteStop {
    pub position: i64,
    pub kind: StopKind,
    pub delivery_id: ID,
    /// The shop to pick up from (pickups only).
    pub shop_id: Option<ID>,
    pub location: GeoPoint,
    /// From the previous stop (or the courier) to this one.
    pub leg_meters: f64,
}

#[derive(SimpleObject)]
pub struct DeliveryPage {
    pub deliveries: Vec<Delivery>,
    /// Pass as `after` for the next page; null on the last one.
    pub next_cursor: Option<String>,
}

async fn page(
    ctx: &Context<'_>,
    courier_id: Option<&str>,
    status: Option<DeliveryStatus>,
    first: i32,
    after: Option<String>,
) -> Result<DeliveryPage> {
    let first = paging::check_first(first).gql()?;
    let before = paging::parse_after(after.as_deref()).gql()?;
    let db = ctx.data_unchecked::<Db>();
    let mut rows = store::deliveries_page(db, courier_id, status, first + 1, before)
        .await
        .gql()?;
    let next_cursor = paging::next_page(&mut rows, first, |d| (d.created_at, d.delivery_id.as_str()));
    Ok(DeliveryPage {
        deliveries: rows.into_iter().map(Delivery).collect(),
        next_cursor,
    })
}

#[derive(Default)]
pub struct CourierQuery;

#[Object]
impl CourierQuery {
    /// The signed-in courier's profile; null until it registered. COURIER role.
    async fn my_courier_profile(&self, ctx: &Context<'_>) -> Result<Option<CourierView>> {
        require_any_role(ctx, &[Role::Courier]).gql()?;
        let id = require_customer(ctx).gql()?;
        let courier = store::courier(ctx.data_unchecked::<Db>(), id).await.gql()?;
        Ok(courier.map(CourierView))
    }

    /// The deliveries the signed-in courier was given, newest first. COURIER role.
    async fn my_deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
        status: Option<DeliveryStatus>,
    ) -> Result<DeliveryPage> {
        require_any_role(ctx, &[Role::Courier]).gql()?;
        let id = require_customer(ctx).gql()?;
        page(ctx, Some(id), status, first, after).await
    }

    /// The record of every delivery, newest first. ADMIN.
    async fn deliveries(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 20, desc = "1 to 100.")] first: i32,
        after: Option<String>,
        status: Option<DeliveryStatus>,
        courier_id: Option<ID>,
    ) -> Result<DeliveryPage> {
        require_any_role(ctx, &[]).gql()?;
        page(
            ctx,
            courier_id.as_ref().map(|id| id.as_str()),
            status,
            first,
            after,
        )
        .await
    }

    /// One delivery: the order's customer, its courier or an ADMIN. `NOT_FOUND` when unknown.
    async fn delivery(&self, ctx: &Context<'_>, id: ID) -> Result<Delivery> {
        require_customer(ctx).gql()?;
        let db = ctx.data_unchecked::<Db>();
        let delivery = store::deliveries_by_ids(db, &[id.to_string()])
            .await
            .gql()?
            .pop()
            .ok_or_else(|| ApiError::not_found("no such delivery"))
            .gql()?;
        may_view(ctx, &delivery).gql()?;
        Ok(Delivery(delivery))
    }

    /// Every courier, on duty or not. ADMIN.
    async fn couriers(&self, ctx: &Context<'_>) -> Result<Vec<CourierView>> {
        require_any_role(ctx, &[]).gql()?;
        let couriers = store::all_couriers(ctx.data_unchecked::<Db>()).await.gql()?;
        Ok(couriers.into_iter().map(CourierView).collect())
    }
}

#[derive(InputObject)]
pub struct RegisterCourierInput {
    pub name: String,
    pub vehicle: Vehicle,
    /// Deliveries carried at once, 1 to 20.
    pub capacity: i64,
    pub latitude: f64,
    pub longitude: f64,
}

/// The signed-in courier's id (COURIER role), or the error to answer with.
fn courier_caller<'a>(ctx: &'a Context<'_>) -> Result<&'a str, ApiError> {
    require_any_role(ctx, &[Role::Courier])?;
    require_customer(ctx)
}

/// The signed-in courier's report on its own delivery.
async fn report(ctx: &Context<'_>, delivery_id: &str, what: Handover) -> Result<Delivery> {
    let courier_id = courier_caller(ctx).gql()?;
    let delivery = ctx
        .data_unchecked::<Dispatcher>()
        .report(courier_id, delivery_id, what)
        .await
        .gql()?;
    Ok(Delivery(delivery))
}

#[derive(Default)]
pub struct CourierMutation;

#[Object]
impl CourierMutation {
    /// Creates or updates the signed-in courier's profile. COURIER role. Starts off duty.
    async fn register_courier(&self, ctx: &Context<'_>, input: RegisterCourierInput) -> Result<CourierView> {
        let courier_id = courier_caller(ctx).gql()?;
        let name = input.name.trim();
        check_line("name", name, 1..=100).gql()?;
        if !(1..=20).contains(&input.capacity) {
            return Err(ApiError::bad_input("capacity must be between 1 and 20")).gql();
        }
        vitrine_kit::input::check_coordinates(input.latitude, input.longitude).gql()?;
        let at = (input.latitude, input.longitude);
        let courier = ctx
            .data_unchecked::<Dispatcher>()
            .register_courier(courier_id, name, input.vehicle, input.capacity, at)
            .await
            .gql()?;
        Ok(CourierView(courier))
    }

    /// Goes on or off duty. Off duty keeps what is already on the route. COURIER role.
    async fn set_courier_availability(&self, ctx: &Context<'_>, available: bool) -> Result<CourierView> {
        let courier_id = courier_caller(ctx).gql()?;
        let courier = ctx
            .data_unchecked::<Dispatcher>()
            .set_availability(courier_id, available)
            .await
            .gql()?;
        Ok(CourierView(courier))
    }

    /// Where the courier's app says it is; the route and ETAs are replanned from there.
    async fn update_courier_location(
        &self,
        ctx: &Context<'_>,
        latitude: f64,
        longitude: f64,
    ) -> Result<CourierView> {
        let courier_id = courier_caller(ctx).gql()?;
        vitrine_kit::input::check_coordinates(latitude, longitude).gql()?;
        let courier = ctx
            .data_unchecked::<Dispatcher>()
            .relocate(courier_id, (latitude, longitude))
            .await
            .gql()?;
        Ok(CourierView(courier))
    }

    /// The courier has the goods (from every shop of the order). Only the assigned courier:
    /// others get `FORBIDDEN`; `CONFLICT` unless ASSIGNED.
    async fn pick_up_delivery(&self, ctx: &Context<'_>, delivery_id: ID) -> Result<Delivery> {
        report(ctx, &delivery_id, Handover::PickUp).await
    }

    /// Handed over at the door; the order becomes DELIVERED and its payment is captured.
    async fn complete_delivery(&self, ctx: &Context<'_>, delivery_id: ID) -> Result<Delivery> {
        report(ctx, &delivery_id, Handover::HandOver).await
    }

    /// Nobody took it. Tried again later; after the last attempt the delivery FAILED and the
    /// order is cancelled (the payment goes back).
    async fn fail_delivery_attempt(
        &self,
        ctx: &Context<'_>,
        delivery_id: ID,
        reason: String,
    ) -> Result<Delivery> {
        let reason = reason.trim();
        check_line("reason", reason, 1..=500).gql()?;
        report(ctx, &delivery_id, Handover::Fail(reason.to_string())).await
    }
}
