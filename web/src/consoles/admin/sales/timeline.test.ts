import { describe, expect, it } from 'vitest';
import { describeActor, mergeTimeline, ticketOutcome } from './timeline';
import { detail, salesDelivery } from './testFixtures';

describe('mergeTimeline', () => {
  it('merges the order, kitchen, delivery and payment histories oldest first', () => {
    const order = detail({
      status: 'CANCELLED',
      statusHistory: [
        ...detail().statusHistory,
        { __typename: 'OrderStatusChange', from: 'PREPARING', to: 'CANCELLED', at: '2026-03-01T10:06:00Z', reason: 'customer called', actor: 'cus_admin' },
      ],
    });
    const delivery = salesDelivery({
      history: [
        ...salesDelivery().history,
        { __typename: 'DeliveryStep', at: '2026-03-01T10:06:00Z', status: 'CANCELLED', courierId: 'cou_1', note: 'customer called' },
      ],
    });
    const payment = {
      ...order.payment!,
      history: [
        ...order.payment!.history,
        { __typename: 'PaymentHistoryEntry' as const, at: '2026-03-01T10:06:01Z', kind: 'VOIDED' as const, note: null, amount: order.total },
      ],
    };
    const events = mergeTimeline({ ...order, delivery, payment });
    expect(events.map((e) => `${e.at.slice(11, 19)} ${e.source}: ${e.title}`)).toEqual([
      '10:00:00 order: Order placed',
      '10:00:03 payment: Payment authorized',
      '10:00:05 order: Placed → Confirmed',
      '10:00:06 kitchen: Kitchen ticket queued',
      '10:00:06 delivery: Delivery: waiting for the kitchen',
      '10:01:00 order: Confirmed → Preparing',
      '10:01:00 kitchen: Kitchen started',
      '10:05:00 delivery: Delivery: courier assigned',
      '10:06:00 order: Preparing → Cancelled',
      '10:06:00 delivery: Delivery: cancelled',
      '10:06:01 payment: Payment voided',
    ]);
    const cancel = events.find((e) => e.status === 'CANCELLED')!;
    expect(cancel).toMatchObject({ actor: 'cus_admin', detail: 'customer called', source: 'order' });
    expect(events.find((e) => e.key === 'delivery-1')).toMatchObject({ courierId: 'cou_1' });
    expect(events.find((e) => e.title === 'Payment voided')?.amount).toMatchObject({ amount: 349000 });
  });

  it('keeps the kitchen steps in order when their clocks disagree', () => {
    const ticket = { ...detail().kitchenTicket!, createdAt: '2026-03-01T10:00:06.200Z', startedAt: '2026-03-01T10:00:06.100Z', readyAt: null };
    const events = mergeTimeline({ statusHistory: [], kitchenTicket: ticket });
    expect(events.map((e) => e.title)).toEqual(['Kitchen ticket queued', 'Kitchen started']);
  });

  it('works with only the order history', () => {
    const events = mergeTimeline({ statusHistory: detail().statusHistory, kitchenTicket: null, delivery: null, payment: null });
    expect(events.map((e) => e.status)).toEqual(['PENDING', 'CONFIRMED', 'PREPARING']);
  });
});

describe('describeActor', () => {
  const known = { customerId: 'cus_a', customerName: 'Aigerim', myId: 'cus_me' };
  it('names the customer, the admin looking, other accounts and services', () => {
    expect(describeActor('cus_a', known)).toEqual({ kind: 'text', text: 'Customer (Aigerim)' });
    expect(describeActor('cus_me', known)).toEqual({ kind: 'text', text: 'You' });
    expect(describeActor('cus_other', known)).toEqual({ kind: 'account', id: 'cus_other' });
    expect(describeActor('kitchen', known)).toEqual({ kind: 'text', text: 'Kitchen (automatic)' });
    expect(describeActor('orders', known)).toEqual({ kind: 'text', text: 'Checkout (automatic)' });
  });
});

describe('ticketOutcome', () => {
  it('tells why a ticket stopped', () => {
    expect(ticketOutcome({ status: 'FAILED', reason: 'oven broke' })).toBe('Failed: oven broke');
    expect(ticketOutcome({ status: 'READY', reason: null })).toBeNull();
  });
});
