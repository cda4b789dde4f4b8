import { describe, expect, it } from 'vitest';
import { CITY, formatPosition, mapTilesFrom, OSM_ATTRIBUTION, OSM_TILE_URL, roundCoordinate } from './map';

describe('mapTilesFrom', () => {
  it('uses OpenStreetMap when nothing is configured', () => {
    expect(mapTilesFrom({})).toEqual({ url: OSM_TILE_URL, attribution: OSM_ATTRIBUTION });
    expect(mapTilesFrom({ VITE_MAP_ATTRIBUTION: 'Local copy of OSM' })).toEqual({ url: OSM_TILE_URL, attribution: 'Local copy of OSM' });
  });

  it('takes a configured tile server and its credit line', () => {
    expect(mapTilesFrom({ VITE_MAP_TILE_URL: ' http://tiles.local/{z}/{x}/{y}.png ', VITE_MAP_ATTRIBUTION: '© Tiles' })).toEqual({
      url: 'http://tiles.local/{z}/{x}/{y}.png',
      attribution: '© Tiles',
    });
    expect(mapTilesFrom({ VITE_MAP_TILE_URL: 'http://tiles.local/{z}/{x}/{y}.png' }).attribution).toBe('');
  });

  it('has no tile server when set empty or to "none"', () => {
    expect(mapTilesFrom({ VITE_MAP_TILE_URL: '' })).toEqual({ url: null, attribution: '' });
    expect(mapTilesFrom({ VITE_MAP_TILE_URL: 'None' })).toEqual({ url: null, attribution: '' });
  });
});

describe('positions', () => {
  it('rounds to 6 decimals and reads with hemispheres', () => {
    expect(roundCoordinate(43.2380004999)).toBe(43.238);
    expect(roundCoordinate(-0.12345678)).toBe(-0.123457);
    expect(formatPosition({ latitude: 43.238, longitude: 76.945 })).toBe('43.23800° N, 76.94500° E');
    expect(formatPosition({ latitude: -33.8688, longitude: -151.2093 })).toBe('33.86880° S, 151.20930° W');
  });

  it('opens on the demo city, inside the area the demo couriers work in', () => {
    expect(CITY.name).toBe('Almaty');
    expect(CITY.centre.latitude).toBeCloseTo(43.238, 3);
    expect(CITY.centre.longitude).toBeCloseTo(76.945, 3);
  });
});
