import { describe, expect, it } from 'vitest';
import { finishedDeliveries, parseDegrees, routeStops, shouldSendPosition, validateLocation, mapLink } from './route';
import { delivery, DOOR, stop } from './testData';

describe('courier route', () => {
  it('orders the stops and says what each lets the courier do', () => {
    const a = delivery({ id: 'a', status: 'ASSIGNED' });
    const b = delivery({ id: 'b', status: 'PICKED_UP' });
    const views = routeStops(
      [
        stop({ position: 2, kind: 'DROP', deliveryId: 'a', location: DOOR }),
        stop({ position: 1, kind: 'DROP', deliveryId: 'b', location: DOOR }),
        stop({ position: 0, kind: 'PICKUP', deliveryId: 'a' }),
      ],
      new Map([
        ['a', a],
        ['b', b],
      ]),
    );
    expect(views.map((v) => [v.stop.position, v.stop.kind, v.stop.deliveryId, v.action, v.waitingFor])).toEqual([
      [0, 'PICKUP', 'a', 'pickUp', null],
      [1, 'DROP', 'b', 'handOver', null],
      [2, 'DROP', 'a', 'none', 'Pick it up first.'],
    ]);
  });

  it('lets a failed attempt be tried again at the door', () => {
    const [view] = routeStops([stop({ kind: 'DROP' })], new Map([['dlv_1', delivery({ status: 'ATTEMPT_FAILED', attempts: 1 })]]));
    expect(view.action).toBe('handOver');
  });

  it('waits for a delivery it does not know yet', () => {
    const [view] = routeStops([stop()], new Map());
    expect(view).toMatchObject({ action: 'none', delivery: null, waitingFor: 'Loading the delivery…' });
  });

  it('lists finished deliveries newest first', () => {
    const list = finishedDeliveries([
      delivery({ id: 'old', status: 'DELIVERED', finishedAt: '2026-03-01T09:00:00Z' }),
      delivery({ id: 'open', status: 'PICKED_UP' }),
      delivery({ id: 'new', status: 'FAILED', finishedAt: '2026-03-01T11:00:00Z' }),
    ]);
    expect(list.map((d) => d.id)).toEqual(['new', 'old']);
  });

  it('validates a location typed by hand', () => {
    expect(validateLocation('', '')).toEqual({
      errors: { latitude: 'Enter the latitude, e.g. 43.2389.', longitude: 'Enter the longitude, e.g. 76.8897.' },
      value: null,
    });
    expect(validateLocation('north', '76.9').errors).toEqual({ latitude: 'Latitude is a number of degrees, e.g. 43.2389.' });
    expect(validateLocation('91', '-181').errors).toEqual({
      latitude: 'Latitude is between -90 and 90 degrees.',
      longitude: 'Longitude is between -180 and 180 degrees.',
    });
    expect(validateLocation(' 43,2389 ', '76.8897')).toEqual({ errors: {}, value: { latitude: 43.2389, longitude: 76.8897 } });
    expect(parseDegrees('1e3')).toBeNull();
    expect(parseDegrees('-.5')).toBe(-0.5);
  });

  it('sends a watched position when it moved, not on every jitter, and at least once a minute', () => {
    const here = { latitude: 43.238, longitude: 76.945 };
    const near = { latitude: 43.23801, longitude: 76.945 };
    const far = { latitude: 43.2385, longitude: 76.945 };
    expect(shouldSendPosition(null, here, 0)).toBe(true);
    const last = { at: 0, position: here };
    expect(shouldSendPosition(last, far, 1_000)).toBe(false);
    expect(shouldSendPosition(last, near, 10_000)).toBe(false);
    expect(shouldSendPosition(last, far, 10_000)).toBe(true);
    expect(shouldSendPosition(last, here, 60_000)).toBe(true);
  });

  it('links a stop to a map', () => {
    expect(mapLink(DOOR)).toBe('https://www.openstreetmap.org/?mlat=43.238000&mlon=76.945000#map=17/43.238000/76.945000');
  });
});
