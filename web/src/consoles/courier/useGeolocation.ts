import { useEffect, useState } from 'react';
import type { LatLon } from '../../lib/geo';

export type GeoStatus = 'off' | 'unsupported' | 'waiting' | 'watching' | 'denied' | 'unavailable';

export interface GeoState {
  status: GeoStatus;
  position: (LatLon & { accuracy: number | null; at: number }) | null;
}

/** Whether this browser can tell where it is at all. */
export function geolocationSupported(): boolean {
  return typeof navigator !== 'undefined' && !!navigator.geolocation && typeof navigator.geolocation.watchPosition === 'function';
}

/**
 * Follows the phone's position with `navigator.geolocation.watchPosition` while `enabled`.
 * `denied` when the person (or the browser) refused, `unavailable` when no fix comes.
 */
export function useGeolocation(enabled: boolean): GeoState {
  const [state, setState] = useState<GeoState>({ status: 'off', position: null });
  useEffect(() => {
    if (!enabled) {
      setState((s) => ({ status: 'off', position: s.position }));
      return;
    }
    if (!geolocationSupported()) {
      setState({ status: 'unsupported', position: null });
      return;
    }
    setState((s) => ({ status: s.position ? 'watching' : 'waiting', position: s.position }));
    const geolocation = navigator.geolocation;
    const id = geolocation.watchPosition(
      (p) =>
        setState({
          status: 'watching',
          position: { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy ?? null, at: Date.now() },
        }),
      (err) =>
        setState((s) => ({
          status: err.code === 1 ? 'denied' : s.position && err.code === 3 ? 'watching' : 'unavailable',
          position: s.position,
        })),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => geolocation.clearWatch(id);
  }, [enabled]);
  return state;
}
