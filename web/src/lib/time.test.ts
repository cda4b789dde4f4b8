// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './time';

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
