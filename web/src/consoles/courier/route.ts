import type { CourierDeliveryFieldsFragment, CourierProfileFieldsFragment, DeliveryStatus, Vehicle } from '../../gql/graphql';
import { haversineMeters, type LatLon } from '../../lib/geo';

export type CourierDelivery = CourierDeliveryFieldsFragment;
export type CourierProfile = CourierProfileFieldsFragment;
export type RouteStop = CourierProfile['route']['stops'][number];

/** With the courier: may be handed over, or tried again. */
export const CARRIED: readonly DeliveryStatus[] = ['PICKED_UP', 'ATTEMPT_FAILED'];
/** Still the courier's job (on the route). */
export const ACTIVE: readonly DeliveryStatus[] = ['ASSIGNED', ...CARRIED];
export const FINISHED: readonly DeliveryStatus[] = ['DELIVERED', 'FAILED', 'CANCELLED'];

export const VEHICLES: ReadonlyArray<{ value: Vehicle; label: string }> = [
  { value: 'FOOT', label: 'On foot' },
  { value: 'BICYCLE', label: 'Bicycle' },
  { value: 'SCOOTER', label: 'Scooter' },
  { value: 'CAR', label: 'Car' },
];

export function vehicleLabel(v: Vehicle | string): string {
  return VEHICLES.find((x) => x.value === v)?.label ?? v;
}

/** What a stop lets the courier do now. */
export type StopAction = 'pickUp' | 'handOver' | 'none';

export interface StopView {
  stop: RouteStop;
  delivery: CourierDelivery | null;
  action: StopAction;
  /** Why there is nothing to do here yet, in words. */
  waitingFor: string | null;
}

/**
 * The route's stops in driving order, each with its delivery and what can be done there: a
 * pickup once the delivery is ASSIGNED; a drop once the goods are with the courier.
 */
export function routeStops(stops: readonly RouteStop[], deliveries: ReadonlyMap<string, CourierDelivery>): StopView[] {
  return [...stops]
    .sort((a, b) => a.position - b.position)
    .map((stop) => {
      const delivery = deliveries.get(stop.deliveryId) ?? null;
      const status = delivery?.status;
      let action: StopAction = 'none';
      let waitingFor: string | null = null;
      if (stop.kind === 'PICKUP') {
        if (status === 'ASSIGNED') action = 'pickUp';
        else if (status && CARRIED.includes(status)) waitingFor = 'Already picked up.';
      } else if (status && CARRIED.includes(status)) {
        action = 'handOver';
      } else if (status === 'ASSIGNED') {
        waitingFor = 'Pick it up first.';
      }
      if (!delivery) waitingFor = 'Loading the delivery…';
      return { stop, delivery, action, waitingFor };
    });
}

/** The courier's finished deliveries, newest first. */
export function finishedDeliveries(deliveries: readonly CourierDelivery[], limit = 10): CourierDelivery[] {
  return deliveries
    .filter((d) => FINISHED.includes(d.status))
    .sort((a, b) => (b.finishedAt ?? b.createdAt).localeCompare(a.finishedAt ?? a.createdAt))
    .slice(0, limit);
}

/** Words for a delivery's status, from the courier's side. */
export function courierStatusLabel(status: DeliveryStatus | string): string {
  switch (status) {
    case 'ASSIGNED':
      return 'To pick up';
    case 'PICKED_UP':
      return 'On board';
    case 'ATTEMPT_FAILED':
      return 'Nobody answered; try again';
    case 'DELIVERED':
      return 'Delivered';
    case 'FAILED':
      return 'Failed';
    case 'CANCELLED':
      return 'Cancelled';
    case 'READY':
      return 'Ready';
    case 'WAITING':
      return 'Being prepared';
    default:
      return status;
  }
}

/** Parses degrees typed by a person: a comma works as the decimal point. */
export function parseDegrees(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export interface LocationErrors {
  latitude?: string;
  longitude?: string;
}

/** A location typed by hand; the API accepts ±90 and ±180 degrees. */
export function validateLocation(latitude: string, longitude: string): { errors: LocationErrors; value: LatLon | null } {
  const errors: LocationErrors = {};
  const lat = parseDegrees(latitude);
  const lon = parseDegrees(longitude);
  if (!latitude.trim()) errors.latitude = 'Enter the latitude, e.g. 43.2389.';
  else if (lat === null) errors.latitude = 'Latitude is a number of degrees, e.g. 43.2389.';
  else if (lat < -90 || lat > 90) errors.latitude = 'Latitude is between -90 and 90 degrees.';
  if (!longitude.trim()) errors.longitude = 'Enter the longitude, e.g. 76.8897.';
  else if (lon === null) errors.longitude = 'Longitude is a number of degrees, e.g. 76.8897.';
  else if (lon < -180 || lon > 180) errors.longitude = 'Longitude is between -180 and 180 degrees.';
  const ok = !errors.latitude && !errors.longitude && lat !== null && lon !== null;
  return { errors, value: ok ? { latitude: lat, longitude: lon } : null };
}

/** Send a watched position when it moved this far… */
export const SEND_AFTER_METRES = 25;
/** …but not more often than this… */
export const MIN_SEND_INTERVAL_MS = 5_000;
/** …and at least this often while it is watched. */
export const MAX_SEND_INTERVAL_MS = 60_000;

/** Whether a position from the phone is worth telling the dispatcher. */
export function shouldSendPosition(last: { at: number; position: LatLon } | null, position: LatLon, now: number): boolean {
  if (!last) return true;
  const elapsed = now - last.at;
  if (elapsed >= MAX_SEND_INTERVAL_MS) return true;
  return elapsed >= MIN_SEND_INTERVAL_MS && haversineMeters(last.position, position) >= SEND_AFTER_METRES;
}

export function formatDegrees(p: LatLon): string {
  return `${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`;
}

/** A link that opens the point in a map app or site. */
export function mapLink(p: LatLon): string {
  const lat = p.latitude.toFixed(6);
  const lon = p.longitude.toFixed(6);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=17/${lat}/${lon}`;
}
