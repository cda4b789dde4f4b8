import { ALMATY_PRESETS, type LatLon } from './geo';

/** Where a map opens when there is no pin yet: the demo city, where the shops and couriers are. */
export const CITY = {
  name: 'Almaty',
  centre: { latitude: ALMATY_PRESETS[0].latitude, longitude: ALMATY_PRESETS[0].longitude } as LatLon,
};

export interface MapTiles {
  /** A Leaflet URL template (`{z}/{x}/{y}`, optionally `{s}`); null: no tiles, the offline grid. */
  url: string | null;
  /** HTML shown in the map's corner, as the tile provider's licence asks. */
  attribution: string;
}

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/**
 * The tile source from the build's environment: `VITE_MAP_TILE_URL` unset means
 * OpenStreetMap's standard tiles; set to "" or "none" it means no tile server at all (the map
 * shows its offline grid). `VITE_MAP_ATTRIBUTION` overrides the credit line.
 */
export function mapTilesFrom(env: { VITE_MAP_TILE_URL?: string; VITE_MAP_ATTRIBUTION?: string }): MapTiles {
  const attribution = env.VITE_MAP_ATTRIBUTION?.trim();
  if (env.VITE_MAP_TILE_URL === undefined) return { url: OSM_TILE_URL, attribution: attribution || OSM_ATTRIBUTION };
  const url = env.VITE_MAP_TILE_URL.trim();
  if (!url || url.toLowerCase() === 'none') return { url: null, attribution: '' };
  return { url, attribution: attribution ?? '' };
}

export const MAP_TILES: MapTiles = mapTilesFrom(import.meta.env as { VITE_MAP_TILE_URL?: string; VITE_MAP_ATTRIBUTION?: string });

/** Degrees to 6 decimals (about 10 cm): what a pin's position is saved as. */
export function roundCoordinate(degrees: number): number {
  return Math.round(degrees * 1e6) / 1e6;
}

/** A position as people read it, e.g. "43.23800° N, 76.94500° E". */
export function formatPosition({ latitude, longitude }: LatLon): string {
  const lat = `${Math.abs(latitude).toFixed(5)}° ${latitude < 0 ? 'S' : 'N'}`;
  const lon = `${Math.abs(longitude).toFixed(5)}° ${longitude < 0 ? 'W' : 'E'}`;
  return `${lat}, ${lon}`;
}
