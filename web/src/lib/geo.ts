export interface LatLon {
  latitude: number;
  longitude: number;
}

export interface Projected {
  x: number;
  y: number;
}

export interface Projection {
  project(p: LatLon): Projected;
  width: number;
  height: number;
}

/**
 * Fits points into a width × height box (with padding) with an equirectangular projection:
 * longitude scaled by cos(mean latitude) so distances look right at city scale, north up.
 * One point, or points all in one place, end up in the middle.
 */
export function fitProjection(
  points: LatLon[],
  width: number,
  height: number,
  padding = 24,
): Projection {
  const valid = points.filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
  if (valid.length === 0) {
    return { width, height, project: () => ({ x: width / 2, y: height / 2 }) };
  }
  const lats = valid.map((p) => p.latitude);
  const lons = valid.map((p) => p.longitude);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = (maxLon - minLon) * k;
  const spanY = maxLat - minLat;
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding);
  // A zero span (all points on one meridian or one parallel) must not limit the scale.
  const scale = spanX === 0 && spanY === 0 ? 0 : Math.min(spanX ? innerW / spanX : Infinity, spanY ? innerH / spanY : Infinity);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  return {
    width,
    height,
    project(p: LatLon) {
      return {
        x: offsetX + (p.longitude - minLon) * k * scale,
        y: offsetY + (maxLat - p.latitude) * scale,
      };
    },
  };
}

/** Great-circle distance in metres. */
export function haversineMeters(a: LatLon, b: LatLon): number {
  const R = 6_371_000;
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.latitude - a.latitude);
  const dLon = toRad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

export function formatDistance(meters: number | null | undefined): string {
  if (meters == null || !Number.isFinite(meters)) return '—';
  if (Math.round(meters) < 1000) return `${Math.round(meters)} m`;
  return `${(Math.round(meters / 100) / 10).toFixed(1)} km`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A few places in Almaty, the demo city; the first, its centre, is where the address map opens. */
export const ALMATY_PRESETS: ReadonlyArray<{
  id: string;
  label: string;
  line1: string;
  postalCode: string;
  latitude: number;
  longitude: number;
}> = [
  { id: 'center', label: 'City centre (Panfilov Park)', line1: 'Gogol St 1', postalCode: '050000', latitude: 43.238, longitude: 76.945 },
  { id: 'abay', label: 'Abay Ave / Dostyk Ave', line1: 'Dostyk Ave 52', postalCode: '050010', latitude: 43.2405, longitude: 76.9572 },
  { id: 'mega', label: 'Al-Farabi Ave (Esentai)', line1: 'Al-Farabi Ave 77', postalCode: '050040', latitude: 43.2186, longitude: 76.9279 },
  { id: 'tole-bi', label: 'Tole Bi St / Baitursynov St', line1: 'Tole Bi St 101', postalCode: '050012', latitude: 43.2522, longitude: 76.9188 },
  { id: 'medeu', label: 'Medeu district (Kok-Tobe)', line1: 'Kok-Tobe St 14', postalCode: '050020', latitude: 43.2330, longitude: 76.9760 },
];
