import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, makeSubject, never, type Subject } from 'wonka';
import { CourierConsole } from './CourierConsole';
import type { CourierDelivery, CourierProfile } from './route';
import { delivery, forOrder, onRoute, ORDER, profile, SHOP } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';

interface Home {
  profile: CourierProfile | null;
  deliveries: CourierDelivery[];
}

function setup(home: Home, mutation: (name: string, vars: Record<string, unknown>) => MockResult = () => ({})) {
  const state = { current: home };
  const live = new Map<string, Subject<MockResult>>();
  const api = mockClient({
    query: (name) => {
      if (name === 'CourierHome')
        return fromValue({
          data: {
            __typename: 'Query',
            myCourierProfile: state.current.profile,
            myDeliveries: { __typename: 'DeliveryPage', deliveries: state.current.deliveries },
          },
        });
      if (name === 'CourierStopOrder') return fromValue({ data: { order: ORDER } });
      if (name === 'CourierShop') return fromValue({ data: { shop: SHOP } });
      return never;
    },
    subscription: (name, vars) => {
      if (name !== 'CourierDeliveryUpdated') return never;
      const subject = makeSubject<MockResult>();
      live.set(vars.orderId as string, subject);
      return subject.source;
    },
    mutation: (name, vars) => fromValue(mutation(name, vars)),
  });
  renderWithClient(<CourierConsole />, { client: api.client, route: '/courier' });
  return { ...api, state, live, user: userEvent.setup() };
}

/** A stand-in for navigator.geolocation whose watchers the test drives. */
function fakeGeolocation() {
  const watchers: Array<{ ok: PositionCallback; fail?: PositionErrorCallback | null }> = [];
  const geo = {
    watchPosition: vi.fn((ok: PositionCallback, fail?: PositionErrorCallback | null) => watchers.push({ ok, fail }) - 1),
    clearWatch: vi.fn(),
    getCurrentPosition: vi.fn(),
  };
  Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true });
  return {
    geo,
    move(latitude: number, longitude: number) {
      act(() => watchers.forEach((w) => w.ok({ coords: { latitude, longitude, accuracy: 12 }, timestamp: Date.now() } as GeolocationPosition)));
    },
    deny() {
      act(() => watchers.forEach((w) => w.fail?.({ code: 1, message: 'denied', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError)));
    },
  };
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'geolocation');
});

describe('CourierConsole', () => {
  it('asks a new courier for a profile, checks it, registers and loads the route again', async () => {
    const registered = profile();
    const { user, executeMutation, executeQuery, state } = setup({ profile: null, deliveries: [] }, () => ({ data: { registerCourier: registered } }));
    const form = screen.getByRole('form', { name: 'Courier profile' });
    await user.clear(within(form).getByLabelText('Deliveries carried at once'));
    await user.type(within(form).getByLabelText('Deliveries carried at once'), '30');
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('Enter the name customers will see.');
    expect(within(form).getByLabelText('Deliveries carried at once')).toHaveAccessibleDescription(/Carry between 1 and 20 deliveries at once/);
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    expect(callsFor(executeMutation, 'CourierRegister')).toHaveLength(0);

    await user.type(within(form).getByLabelText('Name'), 'Dana Rider');
    await user.clear(within(form).getByLabelText('Deliveries carried at once'));
    await user.type(within(form).getByLabelText('Deliveries carried at once'), '4');
    await user.selectOptions(within(form).getByLabelText('Vehicle'), 'Scooter');
    state.current = { profile: registered, deliveries: [] };
    await user.click(within(form).getByRole('button', { name: 'Save profile' }));
    expect(callsFor(executeMutation, 'CourierRegister')[0].variables).toEqual({
      input: { name: 'Dana Rider', vehicle: 'SCOOTER', capacity: 4, latitude: 43.238, longitude: 76.945 },
    });
    expect(callsFor(executeQuery, 'CourierHome').at(-1)?.context).toMatchObject({ requestPolicy: 'network-only' });
    expect(await screen.findByTestId('courier-profile')).toHaveTextContent('Kairat Courier · Bicycle · carries up to 3');
  });

  it('goes on duty with the switch', async () => {
    const { user, executeMutation } = setup({ profile: profile(), deliveries: [] }, () => ({ data: { setCourierAvailability: profile({ available: true }) } }));
    const duty = screen.getByRole('switch', { name: 'On duty' });
    expect(duty).not.toBeChecked();
    expect(duty).toHaveAccessibleDescription('Off duty: no new deliveries. What is already on your route stays yours.');
    expect(screen.getByTestId('route-empty')).toHaveTextContent('Go on duty to get deliveries.');
    await user.click(duty);
    expect(callsFor(executeMutation, 'CourierSetAvailability')[0].variables).toEqual({ available: true });
  });

  it('shows the route, follows each delivery live, and fetches the route again on a new status', () => {
    const { delivery: d, profile: p } = onRoute('ASSIGNED');
    const { live, executeSubscription, executeQuery } = setup({ profile: p, deliveries: [d, delivery({ id: 'old', ...forOrder(1001, 'ord_old000'), status: 'DELIVERED', finishedAt: '2026-03-01T09:30:00Z' })] });
    expect(callsFor(executeSubscription, 'CourierDeliveryUpdated').map((c) => c.variables)).toEqual([{ orderId: d.orderId }]);
    expect(screen.getByTestId('route-summary')).toHaveTextContent('2 stops · 2.4 km');
    const stops = within(screen.getByRole('list', { name: 'Stops in order' })).getAllByRole('article');
    expect(stops.map((s) => s.getAttribute('data-kind'))).toEqual(['PICKUP', 'DROP']);
    expect(screen.getByTestId('finished-delivery')).toHaveTextContent('#1001 Delivered');

    // The courier moved: the ETA changes, the status does not.
    const before = callsFor(executeQuery, 'CourierHome').length;
    act(() => live.get(d.orderId)!.next({ data: { deliveryUpdated: { ...d, eta: '2026-03-01T10:25:00Z' } } }));
    expect(stops[1]).toHaveTextContent('expected at the door 10:25:00');
    expect(callsFor(executeQuery, 'CourierHome')).toHaveLength(before);

    vi.useFakeTimers();
    act(() => live.get(d.orderId)!.next({ data: { deliveryUpdated: { ...d, status: 'CANCELLED' } } }));
    act(() => vi.advanceTimersByTime(400));
    expect(callsFor(executeQuery, 'CourierHome').length).toBeGreaterThan(before);
  });

  it('shares the phone position while on duty', () => {
    const phone = fakeGeolocation();
    const { executeMutation } = setup({ profile: profile({ available: true }), deliveries: [] }, (_n, vars) => ({
      data: { updateCourierLocation: profile({ available: true, location: { __typename: 'GeoPoint', latitude: vars.latitude as number, longitude: vars.longitude as number } }) },
    }));
    expect(phone.geo.watchPosition).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('location-status')).toHaveTextContent('Finding your position…');
    phone.move(43.25, 76.92);
    expect(screen.getByTestId('location-status')).toHaveTextContent('This phone is at 43.25000, 76.92000 (±12 m).');
    expect(callsFor(executeMutation, 'CourierUpdateLocation')[0].variables).toEqual({ latitude: 43.25, longitude: 76.92 });
    // A jitter a second later is not sent.
    phone.move(43.25001, 76.92);
    expect(callsFor(executeMutation, 'CourierUpdateLocation')).toHaveLength(1);
  });

  it('does not watch the position off duty with nothing on the route', () => {
    const phone = fakeGeolocation();
    setup({ profile: profile(), deliveries: [] });
    expect(phone.geo.watchPosition).not.toHaveBeenCalled();
    expect(screen.getByTestId('location-status')).toHaveTextContent('shared only while you are on duty');
  });

  it('falls back to a form when location is denied', async () => {
    const phone = fakeGeolocation();
    const { user, executeMutation, state } = setup({ profile: profile({ available: true }), deliveries: [] }, (_n, vars) => ({
      data: { updateCourierLocation: profile({ available: true, location: { __typename: 'GeoPoint', latitude: vars.latitude as number, longitude: vars.longitude as number } }) },
    }));
    expect(screen.queryByRole('form', { name: 'Set location by hand' })).not.toBeInTheDocument();
    phone.deny();
    expect(screen.getByTestId('location-status')).toHaveTextContent('Location is blocked for this site.');
    const form = screen.getByRole('form', { name: 'Set location by hand' });
    await user.clear(within(form).getByLabelText('Latitude'));
    await user.type(within(form).getByLabelText('Latitude'), '43.2401');
    await user.clear(within(form).getByLabelText('Longitude'));
    await user.type(within(form).getByLabelText('Longitude'), '76.9311');
    // Dispatch now has the courier there: the route is fetched again and says so.
    state.current = { profile: profile({ available: true, location: { __typename: 'GeoPoint', latitude: 43.2401, longitude: 76.9311 } }), deliveries: [] };
    await user.click(within(form).getByRole('button', { name: 'Use this location' }));
    expect(callsFor(executeMutation, 'CourierUpdateLocation')[0].variables).toEqual({ latitude: 43.2401, longitude: 76.9311 });
    await vi.waitFor(() =>
      expect(screen.getByTestId('location-sent')).toHaveTextContent(/^Dispatch has you at 43\.24010, 76\.93110\. Last sent \d\d:\d\d:\d\d by hand\.$/),
    );
  });

  it('offers the form without geolocation at all', () => {
    setup({ profile: profile({ available: true }), deliveries: [] });
    expect(screen.getByTestId('location-status')).toHaveTextContent('This browser cannot share its position.');
    expect(screen.getByRole('form', { name: 'Set location by hand' })).toBeInTheDocument();
  });
});
