import { describe, expect, it } from 'vitest';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { canCancel, describeActionError, humanizeStatuses, lifecycleAllows, nextStatuses } from './lifecycle';
import type { OrderStatus } from '../../../gql/graphql';

const refused = (code: string, message: string) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] });

describe('nextStatuses', () => {
  const next = (status: OrderStatus, needsKitchen = true) => nextStatuses({ status, needsKitchen });

  it('offers the steps forward the lifecycle allows', () => {
    expect(next('CONFIRMED')).toEqual(['PREPARING', 'READY_FOR_DELIVERY']);
    expect(next('PREPARING')).toEqual(['READY_FOR_DELIVERY']);
    expect(next('READY_FOR_DELIVERY')).toEqual(['OUT_FOR_DELIVERY']);
    expect(next('OUT_FOR_DELIVERY')).toEqual(['DELIVERED']);
  });

  it('skips the kitchen for an order with nothing to prepare', () => {
    expect(next('CONFIRMED', false)).toEqual(['READY_FOR_DELIVERY']);
  });

  it('offers nothing while checkout runs, once it ended, nor a refund or cancel by status', () => {
    for (const s of ['PENDING', 'DELIVERED', 'CANCELLED', 'FAILED', 'REFUNDED'] as OrderStatus[]) expect(next(s)).toEqual([]);
    for (const s of ['CONFIRMED', 'PREPARING', 'READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY'] as OrderStatus[]) {
      expect(next(s)).not.toContain('CANCELLED');
    }
  });

  it('never offers a move the lifecycle refuses', () => {
    const all: OrderStatus[] = ['PENDING', 'CONFIRMED', 'PREPARING', 'READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED', 'FAILED', 'REFUNDED'];
    for (const from of all) for (const to of next(from)) expect(lifecycleAllows(from, to)).toBe(true);
    expect(lifecycleAllows('PREPARING', 'OUT_FOR_DELIVERY')).toBe(false);
    expect(lifecycleAllows('DELIVERED', 'CANCELLED')).toBe(false);
  });
});

describe('canCancel', () => {
  it('allows cancelling from confirmed until delivered', () => {
    expect(['CONFIRMED', 'PREPARING', 'READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY'].every((s) => canCancel(s as OrderStatus))).toBe(true);
    expect(['PENDING', 'DELIVERED', 'CANCELLED', 'FAILED', 'REFUNDED'].some((s) => canCancel(s as OrderStatus))).toBe(false);
  });
});

describe('describeActionError', () => {
  it("explains the API's CONFLICT in plain words, without the code", () => {
    const text = describeActionError(refused('CONFLICT', 'an order that is PREPARING cannot become OUT_FOR_DELIVERY'));
    expect(text).toBe(
      'The order cannot make that change now: an order that is preparing cannot become out for delivery. It may have moved on meanwhile; the page shows where it is now.',
    );
    expect(text).not.toMatch(/CONFLICT/);
  });

  it('covers refusals and network trouble', () => {
    expect(describeActionError(refused('FORBIDDEN', 'your role may not set an order to REFUNDED'))).toBe(
      'Your account is not allowed to do this: your role may not set an order to refunded.',
    );
    expect(describeActionError(refused('NOT_FOUND', 'no such order'))).toBe('This order no longer exists.');
    expect(describeActionError(new CombinedError({ networkError: new Error('offline') }))).toMatch(/could not be reached/);
    expect(describeActionError(null)).toBeNull();
  });

  it('reads status names in messages', () => {
    expect(humanizeStatuses('checkout is still running; the order is READY_FOR_DELIVERY')).toBe(
      'checkout is still running; the order is ready for delivery',
    );
  });
});
