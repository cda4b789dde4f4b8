// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  deliveryStatusLabel,
  ORDER_FLOW,
  orderStatusLabel,
  orderStatusVariant,
  ticketStatusLabel,
  timelineSteps,
  type TimelineStep,
} from './orderStatus';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00Z`;
const states = (steps: TimelineStep[]) => steps.map((s) => [s.status, s.state]);

describe('labels', () => {
  it('names order statuses for people and passes unknown ones through', () => {
    expect(orderStatusLabel('PENDING')).toBe('Placed');
    expect(orderStatusLabel('READY_FOR_DELIVERY')).toBe('Ready for delivery');
    expect(orderStatusLabel('OUT_FOR_DELIVERY')).toBe('Out for delivery');
    expect(orderStatusLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
  });

  it('names delivery and kitchen statuses', () => {
    expect(deliveryStatusLabel('PICKED_UP')).toBe('Courier on the way to you');
    expect(deliveryStatusLabel('READY')).toBe('Waiting for a courier');
    expect(deliveryStatusLabel('LOST')).toBe('LOST');
    expect(ticketStatusLabel('QUEUED')).toBe('Queued');
    expect(ticketStatusLabel('READY')).toBe('Ready');
    expect(ticketStatusLabel('?')).toBe('?');
  });

  it('picks a badge colour per status', () => {
    expect(orderStatusVariant('DELIVERED')).toBe('success');
    expect(orderStatusVariant('CANCELLED')).toBe('danger');
    expect(orderStatusVariant('FAILED')).toBe('danger');
    expect(orderStatusVariant('REFUNDED')).toBe('secondary');
    expect(orderStatusVariant('PENDING')).toBe('warning');
    expect(orderStatusVariant('PREPARING')).toBe('primary');
    expect(orderStatusVariant('whatever')).toBe('primary');
  });
});

describe('ORDER_FLOW', () => {
  it('runs from placed to delivered in order', () => {
    expect(ORDER_FLOW[0]).toBe('PENDING');
    expect(ORDER_FLOW.at(-1)).toBe('DELIVERED');
    expect(ORDER_FLOW.indexOf('PREPARING')).toBeLessThan(ORDER_FLOW.indexOf('OUT_FOR_DELIVERY'));
  });
});

describe('timelineSteps', () => {
  it('marks a new order current and the rest upcoming', () => {
    const steps = timelineSteps('PENDING', [{ to: 'PENDING', at: at(0) }]);
    expect(states(steps)).toEqual([
      ['PENDING', 'current'],
      ['CONFIRMED', 'upcoming'],
      ['PREPARING', 'upcoming'],
      ['READY_FOR_DELIVERY', 'upcoming'],
      ['OUT_FOR_DELIVERY', 'upcoming'],
      ['DELIVERED', 'upcoming'],
    ]);
    expect(steps[0]).toMatchObject({ label: 'Placed', at: at(0) });
    expect(steps[1].at).toBeNull();
  });

  it('marks reached steps done with their time and the current one in progress', () => {
    const steps = timelineSteps('PREPARING', [
      { to: 'PENDING', at: at(0) },
      { to: 'CONFIRMED', at: at(1) },
      { to: 'PREPARING', at: at(2) },
    ]);
    expect(states(steps).slice(0, 4)).toEqual([
      ['PENDING', 'done'],
      ['CONFIRMED', 'done'],
      ['PREPARING', 'current'],
      ['READY_FOR_DELIVERY', 'upcoming'],
    ]);
    expect(steps.map((s) => s.at)).toEqual([at(0), at(1), at(2), null, null, null]);
  });

  it('keeps the first time a status was reached', () => {
    const steps = timelineSteps('CONFIRMED', [
      { to: 'PENDING', at: at(0) },
      { to: 'CONFIRMED', at: at(1) },
      { to: 'CONFIRMED', at: at(9) },
    ]);
    expect(steps[1].at).toBe(at(1));
  });

  it('marks a step passed over as skipped (nothing to prepare)', () => {
    const steps = timelineSteps('READY_FOR_DELIVERY', [
      { to: 'PENDING', at: at(0) },
      { to: 'CONFIRMED', at: at(1) },
      { to: 'READY_FOR_DELIVERY', at: at(2) },
    ]);
    expect(states(steps)).toEqual([
      ['PENDING', 'done'],
      ['CONFIRMED', 'done'],
      ['PREPARING', 'skipped'],
      ['READY_FOR_DELIVERY', 'current'],
      ['OUT_FOR_DELIVERY', 'upcoming'],
      ['DELIVERED', 'upcoming'],
    ]);
  });

  it('marks a delivered order entirely done', () => {
    const steps = timelineSteps(
      'DELIVERED',
      ORDER_FLOW.map((to, i) => ({ to, at: at(i) })),
    );
    expect(steps.every((s) => s.state === 'done')).toBe(true);
    expect(steps).toHaveLength(ORDER_FLOW.length);
  });

  it('still shows the current step without any history', () => {
    const steps = timelineSteps('CONFIRMED', []);
    expect(steps[1]).toEqual({ status: 'CONFIRMED', label: 'Confirmed', state: 'current', at: null });
    expect(steps.slice(2).every((s) => s.state === 'upcoming')).toBe(true);
  });

  it('ends a cancelled order with a failed step and drops the steps that never happen', () => {
    const steps = timelineSteps('CANCELLED', [
      { to: 'PENDING', at: at(0) },
      { to: 'CONFIRMED', at: at(1) },
      { to: 'CANCELLED', at: at(2) },
    ]);
    expect(states(steps)).toEqual([
      ['PENDING', 'done'],
      ['CONFIRMED', 'done'],
      ['CANCELLED', 'failed'],
    ]);
    expect(steps.at(-1)).toMatchObject({ label: 'Cancelled', at: at(2) });
  });

  it('ends an order that failed at payment right after being placed', () => {
    const steps = timelineSteps('FAILED', [
      { to: 'PENDING', at: at(0) },
      { to: 'FAILED', at: at(1) },
    ]);
    expect(states(steps)).toEqual([
      ['PENDING', 'done'],
      ['FAILED', 'failed'],
    ]);
  });

  it('ends a refunded order with a done step after delivery', () => {
    const history = [...ORDER_FLOW, 'REFUNDED' as const].map((to, i) => ({ to, at: at(i) }));
    const steps = timelineSteps('REFUNDED', history);
    expect(steps).toHaveLength(ORDER_FLOW.length + 1);
    expect(steps.at(-1)).toMatchObject({ status: 'REFUNDED', state: 'done', label: 'Refunded', at: at(6) });
    expect(steps.slice(0, -1).every((s) => s.state === 'done')).toBe(true);
  });
});
