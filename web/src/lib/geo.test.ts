// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ALMATY_PRESETS, fitProjection, formatDistance, formatDuration, haversineMeters } from './geo';

const W = 400;
const H = 200;
const PAD = 20;

describe('fitProjection', () => {
  it('fits a north-east pair into the padded box, north up, centred', () => {
    const sw = { latitude: 43.2, longitude: 76.9 };
    const ne = { latitude: 43.25, longitude: 76.95 };
    const proj = fitProjection([sw, ne], W, H, PAD);
    const a = proj.project(sw);
    const b = proj.project(ne);
    // Latitude span is the binding one here: it fills the inner height exactly.
    expect(b.y).toBeCloseTo(PAD);
    expect(a.y).toBeCloseTo(H - PAD);
    // North is up, east is right.
    expect(b.y).toBeLessThan(a.y);
    expect(b.x).toBeGreaterThan(a.x);
    // Centred horizontally.
    expect(a.x + b.x).toBeCloseTo(W);
    expect(proj.width).toBe(W);
    expect(proj.height).toBe(H);
  });

  it('scales longitude by cos(latitude) so city distances keep their shape', () => {
    const p = { latitude: 43.2, longitude: 76.9 };
    const q = { latitude: 43.25, longitude: 76.95 };
    const proj = fitProjection([p, q], W, H, PAD);
    const a = proj.project(p);
    const b = proj.project(q);
    const k = Math.cos((43.225 * Math.PI) / 180);
    expect((b.x - a.x) / (a.y - b.y)).toBeCloseTo(k, 6);
  });

  it('keeps every point inside the padded box', () => {
    const points = ALMATY_PRESETS.map(({ latitude, longitude }) => ({ latitude, longitude }));
    const proj = fitProjection(points, W, H, PAD);
    for (const p of points) {
      const { x, y } = proj.project(p);
      expect(x).toBeGreaterThanOrEqual(PAD - 1e-9);
      expect(x).toBeLessThanOrEqual(W - PAD + 1e-9);
      expect(y).toBeGreaterThanOrEqual(PAD - 1e-9);
      expect(y).toBeLessThanOrEqual(H - PAD + 1e-9);
    }
  });

  it('spreads points on one meridian (courier due north) over the height', () => {
    const south = { latitude: 43.2, longitude: 76.9 };
    const north = { latitude: 43.25, longitude: 76.9 };
    const proj = fitProjection([south, north], W, H, PAD);
    expect(proj.project(north).x).toBeCloseTo(W / 2);
    expect(proj.project(north).y).toBeCloseTo(PAD);
    expect(proj.project(south).x).toBeCloseTo(W / 2);
    expect(proj.project(south).y).toBeCloseTo(H - PAD);
  });

  it('spreads points on one parallel (courier due east) over the width', () => {
    const west = { latitude: 43.2, longitude: 76.9 };
    const east = { latitude: 43.2, longitude: 77.0 };
    const proj = fitProjection([west, east], W, H, PAD);
    expect(proj.project(west).x).toBeCloseTo(PAD);
    expect(proj.project(east).x).toBeCloseTo(W - PAD);
    expect(proj.project(west).y).toBeCloseTo(H / 2);
    expect(proj.project(east).y).toBeCloseTo(H / 2);
  });

  it('puts one point, or points all in one place, in the middle', () => {
    const p = { latitude: 43.238, longitude: 76.945 };
    expect(fitProjection([p], W, H).project(p)).toEqual({ x: W / 2, y: H / 2 });
    expect(fitProjection([p, { ...p }], W, H).project(p)).toEqual({ x: W / 2, y: H / 2 });
  });

  it('ignores non-finite coordinates and copes with no points at all', () => {
    const p = { latitude: 43.238, longitude: 76.945 };
    const proj = fitProjection([p, { latitude: Number.NaN, longitude: 1 }, { latitude: 1, longitude: Infinity }], W, H);
    expect(proj.project(p)).toEqual({ x: W / 2, y: H / 2 });
    expect(fitProjection([], W, H).project(p)).toEqual({ x: W / 2, y: H / 2 });
  });
});

describe('haversineMeters', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { latitude: 43.238, longitude: 76.945 };
    const b = { latitude: 43.2405, longitude: 76.9572 };
    expect(haversineMeters(a, a)).toBe(0);
    expect(haversineMeters(a, b)).toBeCloseTo(haversineMeters(b, a), 6);
  });

  it('is about 111.2 km per degree along a meridian and on the equator', () => {
    expect(haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(111_195, 0);
    expect(haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(111_195, 0);
  });

  it('shrinks east-west distances away from the equator', () => {
    const d = haversineMeters({ latitude: 60, longitude: 0 }, { latitude: 60, longitude: 1 });
    expect(d).toBeGreaterThan(55_500);
    expect(d).toBeLessThan(55_700);
  });

  it('is half the circumference between antipodes', () => {
    expect(haversineMeters({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(Math.PI * 6_371_000, 0);
  });

  it('measures a short hop across Almaty', () => {
    const [center, abay] = ALMATY_PRESETS;
    const d = haversineMeters(center, abay);
    expect(d).toBeGreaterThan(900);
    expect(d).toBeLessThan(1_100);
  });
});

describe('formatDistance', () => {
  it('uses metres below a kilometre and tenths of a kilometre above', () => {
    expect(formatDistance(0)).toBe('0 m');
    expect(formatDistance(12.4)).toBe('12 m');
    expect(formatDistance(999.4)).toBe('999 m');
    expect(formatDistance(1000)).toBe('1.0 km');
    expect(formatDistance(1234)).toBe('1.2 km');
    expect(formatDistance(1250)).toBe('1.3 km');
    expect(formatDistance(12_345)).toBe('12.3 km');
  });

  it('never shows "1000 m" when a distance rounds up to a kilometre', () => {
    expect(formatDistance(999.6)).toBe('1.0 km');
  });

  it('shows a dash for missing or non-finite distances', () => {
    expect(formatDistance(null)).toBe('—');
    expect(formatDistance(undefined)).toBe('—');
    expect(formatDistance(Number.NaN)).toBe('—');
    expect(formatDistance(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('uses seconds, then minutes, then hours and minutes', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(59)).toBe('59 s');
    expect(formatDuration(59.6)).toBe('1 min');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(119)).toBe('1 min');
    expect(formatDuration(3599)).toBe('59 min');
    expect(formatDuration(3600)).toBe('1 h 0 min');
    expect(formatDuration(5400)).toBe('1 h 30 min');
    expect(formatDuration(26 * 3600 + 60)).toBe('26 h 1 min');
  });

  it('clamps negative durations (an overdue ETA) to zero', () => {
    expect(formatDuration(-30)).toBe('0 s');
  });

  it('shows a dash for missing or non-finite durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Number.NEGATIVE_INFINITY)).toBe('—');
  });
});

describe('ALMATY_PRESETS', () => {
  it('has unique ids and points inside Almaty', () => {
    expect(new Set(ALMATY_PRESETS.map((p) => p.id)).size).toBe(ALMATY_PRESETS.length);
    for (const p of ALMATY_PRESETS) {
      expect(p.latitude).toBeGreaterThan(43.1);
      expect(p.latitude).toBeLessThan(43.4);
      expect(p.longitude).toBeGreaterThan(76.7);
      expect(p.longitude).toBeLessThan(77.1);
      expect(p.postalCode).toMatch(/^\d{6}$/);
    }
  });
});
