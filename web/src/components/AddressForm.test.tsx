import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue } from 'wonka';
import { AddressForm, validateAddress, type AddressDraft, type SavedAddress } from './AddressForm';
import { mockClient, renderWithClient, type MockResult } from '../test/urql';

const good: AddressDraft = {
  label: 'Home',
  line1: 'Gogol St 1',
  line2: '',
  city: 'Almaty',
  postalCode: '050000',
  isDefault: true,
  pin: { latitude: 43.238, longitude: 76.945 },
};

describe('validateAddress', () => {
  it('accepts a complete address with its pin', () => {
    expect(validateAddress(good)).toEqual({});
    expect(validateAddress({ ...good, line2: '', postalCode: '' })).toEqual({});
  });

  it('needs a name, street, city and a placed pin', () => {
    expect(validateAddress({ ...good, label: ' ', line1: '', city: '  ', pin: null })).toEqual({
      label: 'Name this address, e.g. Home.',
      line1: 'Enter the street and house.',
      city: 'Enter the city.',
      pin: 'Place the pin on the map where the address is.',
    });
  });

  it('keeps to the lengths the API accepts, counting characters, not bytes', () => {
    expect(validateAddress({ ...good, label: 'Д'.repeat(50), line1: 'ж'.repeat(200), postalCode: '1'.repeat(20) })).toEqual({});
    expect(
      validateAddress({ ...good, label: 'x'.repeat(51), line1: 'x'.repeat(201), line2: 'x'.repeat(201), city: 'x'.repeat(101), postalCode: '1'.repeat(21) }),
    ).toEqual({
      label: 'Keep the name to 50 characters.',
      line1: 'Keep the street and house to 200 characters.',
      line2: 'Keep this to 200 characters.',
      city: 'Keep the city to 100 characters.',
      postalCode: 'Keep the postal code to 20 characters.',
    });
  });
});

const saved = (over: Partial<SavedAddress> = {}): SavedAddress => ({
  __typename: 'Address',
  id: 'addr-9',
  label: 'Home',
  line1: 'Gogol St 1',
  line2: null,
  city: 'Almaty',
  postalCode: null,
  latitude: 43.238,
  longitude: 76.945,
  isDefault: false,
  ...over,
});

function setup({ address, result }: { address?: SavedAddress; result?: MockResult } = {}) {
  const answer: MockResult = result ?? { data: address ? { updateAddress: saved({ ...address }) } : { addAddress: saved() } };
  const api = mockClient({ mutation: () => fromValue(answer) });
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  renderWithClient(<AddressForm address={address} onSaved={onSaved} onCancel={onCancel} />, { client: api.client });
  return { ...api, onSaved, onCancel, user: userEvent.setup() };
}

/** The map (Leaflet, loaded lazily) and its pin, once they are on the page. */
async function theMap() {
  const map = await screen.findByRole('application', { name: 'Map for placing the pin' });
  const pin = await screen.findByRole('button', { name: /^Pin at / });
  return { map, pin };
}

const position = () => screen.getByTestId('pin-position').textContent;
const savedInput = (executeMutation: ReturnType<typeof mockClient>['executeMutation']) =>
  executeMutation.mock.calls[0][0].variables as { id?: string; input: Record<string, unknown> };

describe('AddressForm: a new address', () => {
  it('starts with a name and the demo city, no street and no pin placed; no coordinate fields', async () => {
    setup();
    await theMap();
    expect(screen.getByRole('form', { name: 'New address' })).toBeInTheDocument();
    expect(screen.getByLabelText('Address name')).toHaveValue('Home');
    expect(screen.getByLabelText('Street and house')).toHaveValue('');
    expect(screen.getByLabelText('City')).toHaveValue('Almaty');
    expect(screen.getByLabelText('Make it my default address')).not.toBeChecked();
    expect(position()).toBe('Move the pin to the address');
    expect(screen.queryByLabelText(/latitude|longitude/i)).not.toBeInTheDocument();
    expect(screen.queryByTestId('map-offline')).not.toBeInTheDocument();
  });

  it('refuses to save without the text fields and a placed pin, saying why at each', async () => {
    const { user, executeMutation, onSaved } = setup();
    await theMap();
    await user.clear(screen.getByLabelText('Address name'));
    await user.click(screen.getByRole('button', { name: 'Save address' }));

    expect(executeMutation).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Address name')).toHaveAccessibleDescription('Name this address, e.g. Home.');
    expect(screen.getByLabelText('Street and house')).toHaveAccessibleDescription('Enter the street and house.');
    expect(screen.getByLabelText('City')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByText('Place the pin on the map where the address is.')).toBeInTheDocument();
    // The pin itself says what is wrong, for someone who moves it with the keyboard.
    expect(screen.getByRole('button', { name: /^Pin at / })).toHaveAccessibleDescription(/Place the pin on the map where the address is\./);
  });

  it('a click on the map moves the pin there, and that position is what is saved', async () => {
    const { user, executeMutation, onSaved } = setup();
    const { map } = await theMap();
    await user.type(screen.getByLabelText('Street and house'), '  Abay Ave 10 ');
    await user.type(screen.getByLabelText('Flat, entrance, floor (optional)'), 'Flat 5');
    await user.click(screen.getByLabelText('Make it my default address'));
    // 100 px right of the centre and 50 px down: east and south of the city centre.
    fireEvent.click(map, { clientX: 100, clientY: 50 });
    expect(position()).toMatch(/^Pin at 43\.2364\d° N, 76\.9492\d° E$/);
    await user.click(screen.getByRole('button', { name: 'Save address' }));

    expect(executeMutation).toHaveBeenCalledTimes(1);
    const { input } = savedInput(executeMutation);
    expect(input).toMatchObject({ label: 'Home', line1: 'Abay Ave 10', line2: 'Flat 5', city: 'Almaty', postalCode: null, isDefault: true });
    // At zoom 15 one pixel is 360° / 2^23 of longitude; a latitude pixel is that × cos(latitude).
    expect(input.longitude).toBeCloseTo(76.945 + (100 * 360) / 2 ** 23, 4);
    expect(input.latitude).toBeCloseTo(43.238 - ((50 * 360) / 2 ** 23) * Math.cos((43.238 * Math.PI) / 180), 4);
    expect(position()).toBe(`Pin at ${(input.latitude as number).toFixed(5)}° N, ${(input.longitude as number).toFixed(5)}° E`);
    expect(onSaved).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ id: 'addr-9' }));
  });

  it('the pin can be dragged', async () => {
    const { user, executeMutation } = setup();
    const { pin } = await theMap();
    await user.type(screen.getByLabelText('Street and house'), 'Gogol St 1');
    // Leaflet checks `which`, which browsers set to 1 for the main button and jsdom leaves at 0.
    const down = new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0, clientX: 0, clientY: 0 });
    Object.defineProperty(down, 'which', { value: 1 });
    fireEvent(pin, down);
    fireEvent.mouseMove(pin, { clientX: 40, clientY: 0 });
    fireEvent.mouseMove(pin, { clientX: 80, clientY: -20 });
    // Leaflet moves the icon on the next animation frame.
    await act(() => new Promise((r) => requestAnimationFrame(r)));
    fireEvent.mouseUp(pin, { clientX: 80, clientY: -20 });
    await waitFor(() => expect(position()).not.toBe('Move the pin to the address'));
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    const { input } = savedInput(executeMutation);
    expect(input.longitude).toBeCloseTo(76.945 + (80 * 360) / 2 ** 23, 4);
    expect(input.latitude as number).toBeGreaterThan(43.238);
  });

  it('keyboard users put the pin at the map centre, or move the focused pin with the arrows', async () => {
    const { user, executeMutation } = setup();
    const { pin } = await theMap();
    await user.type(screen.getByLabelText('Street and house'), 'Gogol St 1');
    await user.click(screen.getByRole('button', { name: 'Put the pin at the map centre' }));
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    let { input } = savedInput(executeMutation);
    // The map opened on the city centre.
    expect(input.latitude).toBeCloseTo(43.238, 5);
    expect(input.longitude).toBeCloseTo(76.945, 5);

    executeMutation.mockClear();
    pin.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    const step = (10 * 360) / 2 ** 23;
    expect(screen.getByRole('button', { name: /^Pin at / })).toHaveAccessibleName(/^Pin at 43\.238\d+° N, 76\.9458\d° E\. Arrow keys move it\.$/);
    await user.keyboard('{Shift>}{ArrowUp}{/Shift}');
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    ({ input } = savedInput(executeMutation));
    expect(input.longitude).toBeCloseTo(76.945 + 2 * step, 4);
    expect(input.latitude).toBeCloseTo(43.238 + 5 * step * Math.cos((43.238 * Math.PI) / 180), 4);
  });

  it('says the map is offline when the tiles fail, and the pin still works on the grid', async () => {
    const { user, executeMutation } = setup();
    const { map } = await theMap();
    const tile = map.querySelector('img.leaflet-tile');
    expect(tile).not.toBeNull();
    fireEvent.error(tile!);

    expect(await screen.findByTestId('map-offline')).toHaveTextContent('The map is offline (the map tiles could not load)');
    expect(map.querySelector('img.leaflet-tile')).toBeNull();
    expect(map.querySelector('.map-grid-tile')).not.toBeNull();

    await user.type(screen.getByLabelText('Street and house'), 'Gogol St 1');
    fireEvent.click(map, { clientX: -100, clientY: 0 });
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(savedInput(executeMutation).input.longitude).toBeCloseTo(76.945 - (100 * 360) / 2 ** 23, 4);
  });

  it('shows the server error and does not report success', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'at most 20 addresses per customer', extensions: { code: 'BAD_USER_INPUT' } }] });
    const { user, onSaved } = setup({ result: { error } });
    await theMap();
    await user.type(screen.getByLabelText('Street and house'), 'Gogol St 1');
    await user.click(screen.getByRole('button', { name: 'Put the pin at the map centre' }));
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not save the address');
    expect(alert).toHaveTextContent('at most 20 addresses per customer');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('can be cancelled', async () => {
    const { user, onCancel, executeMutation } = setup();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(executeMutation).not.toHaveBeenCalled();
  });
});

describe('AddressForm: editing', () => {
  const office = saved({ id: 'addr-2', label: 'Office', line1: 'Al-Farabi Ave 77', line2: 'Floor 3', postalCode: '050040', latitude: 43.2186, longitude: 76.9279 });

  it('starts from the address, its pin where it was saved, and updates it in place', async () => {
    const { user, executeMutation, onSaved } = setup({ address: office });
    await theMap();
    expect(screen.getByRole('form', { name: 'Edit address Office' })).toBeInTheDocument();
    expect(screen.getByLabelText('Street and house')).toHaveValue('Al-Farabi Ave 77');
    expect(screen.getByLabelText('Flat, entrance, floor (optional)')).toHaveValue('Floor 3');
    expect(screen.getByLabelText('Postal code')).toHaveValue('050040');
    expect(position()).toBe('Pin at 43.21860° N, 76.92790° E');

    await user.clear(screen.getByLabelText('Flat, entrance, floor (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save address' }));
    expect(savedInput(executeMutation)).toEqual({
      id: 'addr-2',
      input: { label: 'Office', line1: 'Al-Farabi Ave 77', line2: null, city: 'Almaty', postalCode: '050040', latitude: 43.2186, longitude: 76.9279, isDefault: false },
    });
    expect(onSaved).toHaveBeenCalledTimes(1);
  });

  it('the default address says so instead of offering to become the default', async () => {
    setup({ address: saved({ isDefault: true }) });
    await theMap();
    expect(screen.getByText('This is your default address.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Make it my default address')).not.toBeInTheDocument();
  });
});
