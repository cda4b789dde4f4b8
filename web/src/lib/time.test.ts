// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatClock, formatDateTime, formatMinutes, formatTime } from './time';

// vitest.config.ts pins TZ=UTC.
describe('formatTime', () => {
  it('shows 24-hour time with seconds', () => {
    expect(formatTime('2026-03-01T14:05:09Z')).toBe('14:05:09');
    expect(formatTime('2026-03-01T00:00:00.000Z')).toBe('00:00:00');
  });

  it('converts offsets to the local zone', () => {
    expect(formatTime('2026-03-01T20:30:00+05:00')).toBe('15:30:00');
  });

  it('is empty for missing or invalid input', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime(undefined)).toBe('');
    expect(formatTime('')).toBe('');
    expect(formatTime('not a date')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('shows day, short month, year and minutes', () => {
    expect(formatDateTime('2026-03-01T14:05:09Z')).toBe('1 Mar 2026, 14:05');
  });

  it('is empty for missing or invalid input', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('2026-13-45T99:99:99Z')).toBe('');
  });
});

describe('formatClock', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('shows hours and minutes for a time on the same day', () => {
    expect(formatClock('2026-03-01T14:35:59Z', now)).toBe('14:35');
    expect(formatClock('2026-03-01T00:05:00Z', now)).toBe('00:05');
    expect(formatClock('2026-03-01T20:30:00+05:00', now)).toBe('15:30');
  });

  it('puts the day in front on another day', () => {
    expect(formatClock('2026-03-02T09:30:00Z', now)).toBe('2 Mar, 09:30');
    expect(formatClock('2026-02-28T23:59:00Z', now)).toBe('28 Feb, 23:59');
  });

  it('is empty for missing or invalid input', () => {
    expect(formatClock(null, now)).toBe('');
    expect(formatClock('soon', now)).toBe('');
  });
});

describe('formatMinutes', () => {
  it('rounds to whole minutes, at least one', () => {
    expect(formatMinutes(0)).toBe('1 min');
    expect(formatMinutes(29)).toBe('1 min');
    expect(formatMinutes(31 * 60 + 40)).toBe('32 min');
    expect(formatMinutes(17 * 60)).toBe('17 min');
  });

  it('counts hours from an hour on', () => {
    expect(formatMinutes(60 * 60)).toBe('1 h');
    expect(formatMinutes(65 * 60)).toBe('1 h 5 min');
    expect(formatMinutes(150 * 60)).toBe('2 h 30 min');
  });
});
