// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { PAYMENT_STATUSES, paymentSettledFor, paymentStatusBadge, paymentStatusLabel, shopperPaymentLabel } from './paymentStatus';

describe('payment status labels', () => {
  it('names every status once, as both consoles show it', () => {
    expect(PAYMENT_STATUSES.map((s) => s.value).sort()).toEqual(
      ['AUTHORIZED', 'CAPTURED', 'DECLINED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'VOIDED'],
    );
    expect(paymentStatusLabel('PARTIALLY_REFUNDED')).toBe('Partially refunded');
    expect(paymentStatusLabel('CAPTURED')).toBe('Captured');
    expect(paymentStatusBadge('DECLINED')).toBe('text-bg-danger');
  });

  it('passes an unknown status through', () => {
    expect(paymentStatusLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(paymentStatusBadge('SOMETHING_NEW')).toBe('text-bg-secondary');
    expect(shopperPaymentLabel('SOMETHING_NEW')).toBe('Payment something_new');
  });

  it('tells the shopper in plain words whether the money was taken', () => {
    expect(shopperPaymentLabel('AUTHORIZED')).toBe('Payment reserved, taken on delivery');
    expect(shopperPaymentLabel('CAPTURED')).toBe('Paid');
    expect(shopperPaymentLabel('VOIDED')).toBe('Payment released, nothing taken');
  });
});

describe('paymentSettledFor', () => {
  it('waits for the capture after delivery', () => {
    expect(paymentSettledFor('DELIVERED', 'AUTHORIZED')).toBe(false);
    expect(paymentSettledFor('DELIVERED', 'CAPTURED')).toBe(true);
    expect(paymentSettledFor('DELIVERED', 'PARTIALLY_REFUNDED')).toBe(true);
  });

  it('waits for the void or refund after a cancellation', () => {
    expect(paymentSettledFor('CANCELLED', 'AUTHORIZED')).toBe(false);
    expect(paymentSettledFor('CANCELLED', 'CAPTURED')).toBe(false);
    expect(paymentSettledFor('CANCELLED', 'VOIDED')).toBe(true);
    expect(paymentSettledFor('CANCELLED', 'REFUNDED')).toBe(true);
  });

  it('expects nothing more while the order is under way', () => {
    for (const status of ['PENDING', 'CONFIRMED', 'PREPARING', 'OUT_FOR_DELIVERY', 'FAILED', 'REFUNDED']) {
      expect(paymentSettledFor(status, 'AUTHORIZED'), status).toBe(true);
    }
  });
});
