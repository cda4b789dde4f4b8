import type { DeliveryStatus, PaymentHistoryKind, Vehicle } from '../../../gql/graphql';

/** Delivery statuses as staff speak of them (the storefront's labels talk to the customer). */
const DELIVERY: Record<DeliveryStatus, string> = {
  WAITING: 'Waiting for the kitchen',
  READY: 'Ready, no courier yet',
  ASSIGNED: 'Courier assigned',
  PICKED_UP: 'Picked up',
  ATTEMPT_FAILED: 'Nobody at the door',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
};

export const DELIVERY_STATUSES = Object.keys(DELIVERY) as DeliveryStatus[];

export function deliveryLabel(status: DeliveryStatus | string): string {
  return DELIVERY[status as DeliveryStatus] ?? status;
}

const PAYMENT_EVENT: Record<PaymentHistoryKind, string> = {
  AUTHORIZED: 'Payment authorized',
  CAPTURED: 'Payment captured',
  DECLINED: 'Payment declined',
  VOIDED: 'Payment voided',
  REFUNDED: 'Refund',
};

export function paymentEventLabel(kind: PaymentHistoryKind | string): string {
  return PAYMENT_EVENT[kind as PaymentHistoryKind] ?? kind;
}

const VEHICLE: Record<Vehicle, string> = { FOOT: 'On foot', BICYCLE: 'Bicycle', SCOOTER: 'Scooter', CAR: 'Car' };

export function vehicleLabel(vehicle: Vehicle | string): string {
  return VEHICLE[vehicle as Vehicle] ?? vehicle;
}

export function deliveryVariant(status: DeliveryStatus | string): string {
  switch (status) {
    case 'DELIVERED':
      return 'success';
    case 'CANCELLED':
    case 'FAILED':
      return 'danger';
    case 'ATTEMPT_FAILED':
      return 'warning';
    case 'WAITING':
    case 'READY':
      return 'secondary';
    default:
      return 'primary';
  }
}
