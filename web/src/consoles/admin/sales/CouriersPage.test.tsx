import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, never } from 'wonka';
import { CouriersPage } from './CouriersPage';
import { courier } from './testFixtures';
import { callsFor, mockClient, renderWithClient } from '../../../test/urql';

const couriers = [
  courier(),
  courier({ id: 'cou_2', name: 'Aruzhan', vehicle: 'BICYCLE', capacity: 2, available: false, route: { __typename: 'CourierRoute', distanceMeters: 0, stops: [] } }),
];

const deliveries = [
  {
    __typename: 'Delivery',
    id: 'dlv_1',
    orderId: 'ord_0190000000007000800000000000aa01',
    order: { __typename: 'Order', id: 'ord_0190000000007000800000000000aa01', number: 1042 },
    status: 'DELIVERED',
    attempts: 1,
    createdAt: '2026-03-01T10:00:00Z',
    assignedAt: '2026-03-01T10:05:00Z',
    pickedUpAt: '2026-03-01T10:10:00Z',
    finishedAt: '2026-03-01T10:30:00Z',
    reason: null,
    courier: { __typename: 'Courier', id: 'cou_1', name: 'Daulet' },
  },
];

function setup(route = '/admin/couriers') {
  const api = mockClient({
    query: (name, variables) =>
      name === 'SalesCouriers'
        ? fromValue({ data: { couriers } })
        : name === 'SalesDeliveries'
          ? fromValue({ data: { deliveries: { __typename: 'DeliveryPage', nextCursor: variables.after ? null : 'next-1', deliveries } } })
          : never,
  });
  renderWithClient(<CouriersPage />, { client: api.client, route, path: '/admin/couriers' });
  return { ...api, user: userEvent.setup(), deliveriesCalls: () => callsFor(api.executeQuery, 'SalesDeliveries') };
}

const location = () => screen.getByTestId('location').textContent;

describe('CouriersPage', () => {
  it('lists couriers with duty, vehicle, capacity, location and route stops', () => {
    setup();
    expect(screen.getByTestId('couriers-summary')).toHaveTextContent('1 of 2 on duty');
    const [daulet, aruzhan] = screen.getAllByTestId('courier');
    expect(daulet).toHaveTextContent('DauletOn duty');
    expect(daulet).toHaveTextContent('VehicleScooter');
    expect(daulet).toHaveTextContent('Carries at once3');
    expect(within(daulet).getByTestId('route-stops')).toHaveTextContent('2 stops · 2.4 km');
    expect(within(daulet).getByRole('link', { name: 'Daulet on the map (opens a new tab)' })).toHaveTextContent('43.2389, 76.8897');
    expect(aruzhan).toHaveTextContent('Off duty');
    expect(within(aruzhan).getByTestId('route-stops')).toHaveTextContent('no stops');
  });

  it('shows the delivery record with links to the orders', () => {
    const { deliveriesCalls } = setup();
    expect(deliveriesCalls()[0].variables).toEqual({ first: 20, after: null, status: null, courierId: null });
    const [row] = screen.getAllByTestId('delivery-row');
    expect(within(row).getByRole('link', { name: 'Order #1042' })).toHaveAttribute('href', '/admin/orders/ord_0190000000007000800000000000aa01');
    expect(row).toHaveTextContent('#1042');
    expect(row).not.toHaveTextContent('ord_');
    expect(row).toHaveTextContent('Delivered');
    expect(row).toHaveTextContent('Daulet');
    expect(row).toHaveTextContent('1 failed attempt');
  });

  it('filters and pages the deliveries through the URL', async () => {
    const { user, deliveriesCalls } = setup('/admin/couriers?dstatus=DELIVERED');
    expect(screen.getByLabelText('Status')).toHaveValue('DELIVERED');
    expect(deliveriesCalls()[0].variables).toMatchObject({ status: 'DELIVERED' });
    await user.selectOptions(screen.getByLabelText('Courier'), 'Daulet');
    expect(location()).toBe('/admin/couriers?dstatus=DELIVERED&courier=cou_1');
    expect(deliveriesCalls().at(-1)?.variables).toEqual({ first: 20, after: null, status: 'DELIVERED', courierId: 'cou_1' });
    await user.click(screen.getByRole('button', { name: 'Older →' }));
    expect(location()).toBe('/admin/couriers?dstatus=DELIVERED&courier=cou_1&dafter=next-1');
    expect(deliveriesCalls().at(-1)?.variables).toMatchObject({ after: 'next-1' });
    await user.selectOptions(screen.getByLabelText('Status'), 'All statuses');
    expect(location()).toBe('/admin/couriers?courier=cou_1');
  });
});
