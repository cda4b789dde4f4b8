import { useId } from 'react';
import { fitProjection, type LatLon } from '../lib/geo';

export interface RouteMapStop {
  kind: 'PICKUP' | 'DROP' | string;
  location: LatLon;
  /** True for this order's own door. */
  mine?: boolean;
}

export interface RouteMapProps {
  destination: LatLon;
  courier?: (LatLon & { name?: string }) | null;
  /** The courier's planned stops in order (pickups first, then drops). */
  stops?: ReadonlyArray<RouteMapStop>;
  width?: number;
  height?: number;
}

/**
 * A plain SVG "map": the courier, the route through its stops and the destination, scaled
 * into a bounding box. No map tiles (works offline).
 */
export function RouteMap({ destination, courier, stops = [], width = 480, height = 300 }: RouteMapProps) {
  const titleId = useId();
  const descId = useId();
  const points: LatLon[] = [destination, ...stops.map((s) => s.location)];
  if (courier) points.push(courier);
  const proj = fitProjection(points, width, height, 28);
  const dest = proj.project(destination);
  const route: LatLon[] = courier ? [courier, ...stops.map((s) => s.location)] : [];
  const routePoints = route.map((p) => proj.project(p));
  const c = courier ? proj.project(courier) : null;
  const fmt = (n: number) => n.toFixed(1);

  const description = courier
    ? `${courier.name ?? 'The courier'} is at ${courier.latitude.toFixed(4)}, ${courier.longitude.toFixed(4)}; ` +
      `${stops.length} stop${stops.length === 1 ? '' : 's'} planned; your address is at ${destination.latitude.toFixed(4)}, ${destination.longitude.toFixed(4)}.`
    : `No courier yet; your address is at ${destination.latitude.toFixed(4)}, ${destination.longitude.toFixed(4)}.`;

  return (
    <svg
      className="route-map w-100 border rounded bg-body-tertiary"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title id={titleId}>Delivery map</title>
      <desc id={descId}>{description}</desc>
      <defs>
        <pattern id={`${titleId}-grid`} width="40" height="40" patternUnits="userSpaceOnUse">
          <path d="M 40 0 L 0 0 0 40" fill="none" stroke="currentColor" strokeOpacity="0.08" />
        </pattern>
      </defs>
      <rect width={width} height={height} fill={`url(#${titleId}-grid)`} />
      {routePoints.length > 1 && (
        <polyline
          data-testid="route-line"
          points={routePoints.map((p) => `${fmt(p.x)},${fmt(p.y)}`).join(' ')}
          fill="none"
          stroke="#0d6efd"
          strokeWidth="3"
          strokeDasharray="8 5"
          strokeLinejoin="round"
        />
      )}
      {stops.map((s, i) => {
        const p = proj.project(s.location);
        const pickup = s.kind === 'PICKUP';
        return (
          <g key={i} data-testid="stop-marker" data-kind={s.kind}>
            <title>{pickup ? `Pickup ${i + 1}` : s.mine ? 'Your door' : `Drop ${i + 1}`}</title>
            {pickup ? (
              <rect x={fmt(p.x - 6)} y={fmt(p.y - 6)} width="12" height="12" fill="#fd7e14" stroke="#fff" strokeWidth="2" />
            ) : (
              <circle cx={fmt(p.x)} cy={fmt(p.y)} r="5" fill="#6c757d" stroke="#fff" strokeWidth="2" />
            )}
          </g>
        );
      })}
      <g data-testid="destination-marker" transform={`translate(${fmt(dest.x)} ${fmt(dest.y)})`}>
        <title>Your address</title>
        <path d="M0 0 C -9 -12 -9 -22 0 -24 C 9 -22 9 -12 0 0 Z" fill="#dc3545" stroke="#fff" strokeWidth="2" />
        <circle cy="-16" r="3.5" fill="#fff" />
      </g>
      {c && (
        <g data-testid="courier-marker" transform={`translate(${fmt(c.x)} ${fmt(c.y)})`}>
          <title>{courier?.name ? `Courier ${courier.name}` : 'Courier'}</title>
          <circle r="11" fill="#198754" stroke="#fff" strokeWidth="3" />
          <text textAnchor="middle" dy="4" fontSize="11" fill="#fff" fontWeight="bold" aria-hidden="true">
            C
          </text>
        </g>
      )}
    </svg>
  );
}
