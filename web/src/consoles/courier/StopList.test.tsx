import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue, never } from 'wonka';
import { StopList } from './StopList';
import { routeStops, type CourierDelivery, type RouteStop } from './route';
import { delivery, DOOR, ORDER, SHOP, stop } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

function setup(stops: RouteStop[], deliveries: CourierDelivery[], mutation: (name: string, vars: Record<string, unknown>) => MockResult = () => ({})) {
  const api = mockClient({
    query: (name) => (name === 'CourierStopOrder' ? fromValue({ data: { order: ORDER } }) : name === 'CourierShop' ? fromValue({ data: { shop: SHOP } }) : never),
    mutation: (name, vars) => fromValue(mutation(name, vars)),
  });
  const onChanged = vi.fn();
  const views = routeStops(stops, new Map(deliveries.map((d) => [d.id, d])));
  renderWithClient(<StopList views={views} onChanged={onChanged} />, { client: api.client });
  return { ...api, onChanged, user: userEvent.setup() };
}

const stopCards = () => within(screen.getByRole('list', { name: 'Stops in order' })).getAllByRole('article');

describe('StopList', () => {
  it('lists the stops in route order: the shop to pick up from, then the door', () => {
    setup([stop({ position: 1, kind: 'DROP', shopId: null, legMeters: 1550, location: DOOR }), stop()], [delivery()]);
    const [pickup, drop] = stopCards();
    expect(pickup).toHaveAttribute('data-kind', 'PICKUP');
    expect(within(pickup).getByRole('heading')).toHaveTextContent('1Pick up #1042NextTo pick up');
    expect(pickup).toHaveTextContent('850 m from you');
    expect(within(pickup).getByTestId('stop-place')).toHaveTextContent('Technodom Dostyk PlazaSamal-2 111, Almaty');
    expect(within(pickup).getByRole('list', { name: 'Items of order #1042' })).toHaveTextContent('1 × Baseus USB-C to USB-C Cable 2 m');
    expect(within(pickup).getByRole('button', { name: 'Picked up #1042' })).toBeInTheDocument();

    expect(drop).toHaveAttribute('data-kind', 'DROP');
    expect(within(drop).getByRole('heading')).toHaveTextContent('2Deliver #1042Not on board yet');
    expect(drop).toHaveTextContent('1.6 km from the stop before · expected at the door 10:20:00');
    expect(within(drop).getByTestId('stop-place')).toHaveTextContent('HomeGogol St 1, Flat 5, Almaty 050000');
    expect(drop).toHaveTextContent('Note: Call from the gate');
    expect(drop).toHaveTextContent('Pick it up first.');
    expect(within(drop).queryByRole('button')).not.toBeInTheDocument();
    expect(within(drop).getByRole('link', { name: /Open in a map/ })).toHaveAttribute('href', expect.stringContaining('mlat=43.238000'));
  });

  it('picks up and hands over, passing on the delivery the API answered', async () => {
    const { user, executeMutation, onChanged } = setup([stop({ kind: 'DROP', shopId: null, location: DOOR })], [delivery({ status: 'PICKED_UP' })], (name) =>
      name === 'CourierHandOver' ? { data: { completeDelivery: delivery({ status: 'DELIVERED' }) } } : {},
    );
    const [drop] = stopCards();
    expect(drop).toHaveTextContent('Next');
    await user.click(within(drop).getByRole('button', { name: 'Handed over #1042' }));
    expect(callsFor(executeMutation, 'CourierHandOver')[0].variables).toEqual({ deliveryId: 'dlv_1' });
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'DELIVERED' }));
  });

  it('records a failed attempt only with what happened', async () => {
    const { user, executeMutation, onChanged } = setup([stop({ kind: 'DROP', shopId: null, location: DOOR })], [delivery({ status: 'PICKED_UP' })], (_n, vars) => ({
      data: { failDeliveryAttempt: delivery({ status: 'ATTEMPT_FAILED', attempts: 1, reason: vars.reason as string }) },
    }));
    await user.click(screen.getByRole('button', { name: 'Nobody took it…' }));
    const form = screen.getByRole('form', { name: 'Failed attempt for #1042' });
    await user.click(within(form).getByRole('button', { name: 'Record failed attempt' }));
    expect(within(form).getByLabelText('What happened at the door?')).toHaveAccessibleDescription('Say what happened, e.g. “nobody opened the door”.');
    expect(callsFor(executeMutation, 'CourierFailAttempt')).toHaveLength(0);
    await user.click(within(form).getByRole('button', { name: 'Nobody opened the door' }));
    await user.click(within(form).getByRole('button', { name: 'Record failed attempt' }));
    expect(callsFor(executeMutation, 'CourierFailAttempt')[0].variables).toEqual({ deliveryId: 'dlv_1', reason: 'Nobody opened the door' });
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'ATTEMPT_FAILED' }));
  });

  it('explains a refused pick up in plain words', async () => {
    const { user } = setup([stop()], [delivery()], () => ({
      error: new CombinedError({ graphQLErrors: [new GraphQLError('a delivery that is CANCELLED cannot take this step', { extensions: { code: 'CONFLICT' } })] }),
    }));
    await user.click(screen.getByRole('button', { name: 'Picked up #1042' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not mark it picked upThis delivery has moved on: a delivery that is CANCELLED cannot take this step. Your route catches up in a moment.');
    expect(alert).not.toHaveTextContent('CONFLICT');
  });
});
