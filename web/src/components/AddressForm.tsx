import { lazy, Suspense, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AddAddressMutation, UpdateAddressMutation } from '../api/operations';
import type { AddressFieldsFragment } from '../gql/graphql';
import type { LatLon } from '../lib/geo';
import { CITY } from '../lib/map';
import { Field } from './Field';
import { FormActions } from './FormActions';
import { ErrorAlert, Loading } from './Status';

// Leaflet is loaded with the first address form, not with every page of the storefront.
const MapPicker = lazy(() => import('./MapPicker'));

export type SavedAddress = AddressFieldsFragment;

export interface AddressDraft {
  label: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  isDefault: boolean;
  /** Where the pin is; null until the customer has placed it. */
  pin: LatLon | null;
}

type Problems = Partial<Record<'label' | 'line1' | 'line2' | 'city' | 'postalCode' | 'pin', string>>;

const chars = (s: string) => [...s.trim()].length;

/** The accounts subgraph's rules for an address (it checks again), in words for the form. */
export function validateAddress(d: AddressDraft): Problems {
  const e: Problems = {};
  if (!d.label.trim()) e.label = 'Name this address, e.g. Home.';
  else if (chars(d.label) > 50) e.label = 'Keep the name to 50 characters.';
  if (!d.line1.trim()) e.line1 = 'Enter the street and house.';
  else if (chars(d.line1) > 200) e.line1 = 'Keep the street and house to 200 characters.';
  if (chars(d.line2) > 200) e.line2 = 'Keep this to 200 characters.';
  if (!d.city.trim()) e.city = 'Enter the city.';
  else if (chars(d.city) > 100) e.city = 'Keep the city to 100 characters.';
  if (chars(d.postalCode) > 20) e.postalCode = 'Keep the postal code to 20 characters.';
  if (!d.pin) e.pin = 'Place the pin on the map where the address is.';
  return e;
}

function draftOf(address: SavedAddress | undefined): AddressDraft {
  if (!address) return { label: 'Home', line1: '', line2: '', city: CITY.name, postalCode: '', isDefault: false, pin: null };
  return {
    label: address.label,
    line1: address.line1,
    line2: address.line2 ?? '',
    city: address.city,
    postalCode: address.postalCode ?? '',
    isDefault: address.isDefault,
    pin: { latitude: address.latitude, longitude: address.longitude },
  };
}

/**
 * Adds an address, or edits `address`: typed as text, placed with a pin on a map (the pin is
 * what is saved as its position; nobody types coordinates).
 */
export function AddressForm({
  address,
  onSaved,
  onCancel,
}: {
  address?: SavedAddress;
  onSaved: (address: SavedAddress) => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState<AddressDraft>(() => draftOf(address));
  const [errors, setErrors] = useState<Problems>({});
  const [addState, addAddress] = useMutation(AddAddressMutation);
  const [updateState, updateAddress] = useMutation(UpdateAddressMutation);
  const state = address ? updateState : addState;
  const pinErrorId = useId();
  const defaultId = useId();
  const set = (key: 'label' | 'line1' | 'line2' | 'city' | 'postalCode') => (e: ChangeEvent<HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = validateAddress(draft);
    setErrors(problems);
    if (Object.keys(problems).length || !draft.pin) return;
    const input = {
      label: draft.label.trim(),
      line1: draft.line1.trim(),
      line2: draft.line2.trim() || null,
      city: draft.city.trim(),
      postalCode: draft.postalCode.trim() || null,
      latitude: draft.pin.latitude,
      longitude: draft.pin.longitude,
      isDefault: draft.isDefault,
    };
    if (address) {
      const result = await updateAddress({ id: address.id, input });
      if (result.data) onSaved(result.data.updateAddress);
    } else {
      const result = await addAddress({ input });
      if (result.data) onSaved(result.data.addAddress);
    }
  };

  const name = address ? `Edit address ${address.label}` : 'New address';
  return (
    <form onSubmit={submit} noValidate aria-label={name} className="border rounded p-3 mb-3">
      <div className="row g-2">
        <Field className="col-sm-4 mb-2" label="Address name" name="label" value={draft.label} onChange={set('label')} error={errors.label} />
        <Field className="col-sm-8 mb-2" label="Street and house" name="line1" value={draft.line1} onChange={set('line1')} error={errors.line1} autoComplete="address-line1" />
        <Field className="col-sm-6 mb-2" label="Flat, entrance, floor (optional)" name="line2" value={draft.line2} onChange={set('line2')} error={errors.line2} autoComplete="address-line2" />
        <Field className="col-7 col-sm-3 mb-2" label="City" name="city" value={draft.city} onChange={set('city')} error={errors.city} autoComplete="address-level2" />
        <Field className="col-5 col-sm-3 mb-2" label="Postal code" name="postalCode" value={draft.postalCode} onChange={set('postalCode')} error={errors.postalCode} autoComplete="postal-code" />
      </div>
      <fieldset className="mb-2">
        <legend className="form-label fs-6 mb-1">Where is it on the map?</legend>
        <Suspense fallback={<Loading label="Loading the map…" />}>
          <MapPicker
            value={draft.pin}
            onChange={(pin) => setDraft((d) => ({ ...d, pin }))}
            describedBy={errors.pin && !draft.pin ? pinErrorId : undefined}
          />
        </Suspense>
        {errors.pin && !draft.pin && (
          <div id={pinErrorId} className="invalid-feedback d-block">
            {errors.pin}
          </div>
        )}
      </fieldset>
      {address?.isDefault ? (
        <p className="small text-body-secondary mb-2">This is your default address.</p>
      ) : (
        <div className="form-check mb-2">
          <input
            id={defaultId}
            type="checkbox"
            className="form-check-input"
            checked={draft.isDefault}
            onChange={(e) => setDraft((d) => ({ ...d, isDefault: e.target.checked }))}
          />
          <label className="form-check-label" htmlFor={defaultId}>
            Make it my default address
          </label>
        </div>
      )}
      <ErrorAlert error={state.error} title="Could not save the address" />
      <FormActions label="Save address" busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}
