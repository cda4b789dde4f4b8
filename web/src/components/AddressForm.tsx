import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AddAddressMutation } from '../api/operations';
import { ALMATY_PRESETS } from '../lib/geo';
import { Field } from './Field';
import { FormActions } from './FormActions';
import { ErrorAlert } from './Status';

interface Draft {
  label: string;
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  latitude: string;
  longitude: string;
  isDefault: boolean;
}

const first = ALMATY_PRESETS[0];

export function validateAddress(d: Draft): Partial<Record<keyof Draft, string>> {
  const e: Partial<Record<keyof Draft, string>> = {};
  if (!d.label.trim()) e.label = 'Name this address, e.g. Home.';
  if (!d.line1.trim()) e.line1 = 'Enter the street and house.';
  if (!d.city.trim()) e.city = 'Enter the city.';
  const lat = Number(d.latitude);
  const lon = Number(d.longitude);
  if (d.latitude.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) e.latitude = 'Latitude is -90 to 90.';
  if (d.longitude.trim() === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) e.longitude = 'Longitude is -180 to 180.';
  return e;
}

/** Adds an address; a preset Almaty location fills the street and coordinates. */
export function AddressForm({ onAdded, onCancel }: { onAdded: (id: string) => void; onCancel?: () => void }) {
  const [preset, setPreset] = useState(first.id);
  const [draft, setDraft] = useState<Draft>({
    label: 'Home',
    line1: first.line1,
    line2: '',
    city: 'Almaty',
    postalCode: first.postalCode,
    latitude: String(first.latitude),
    longitude: String(first.longitude),
    isDefault: true,
  });
  const [errors, setErrors] = useState<ReturnType<typeof validateAddress>>({});
  const [state, addAddress] = useMutation(AddAddressMutation);
  const set = (key: keyof Draft) => (e: ChangeEvent<HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));

  const choosePreset = (id: string) => {
    setPreset(id);
    const p = ALMATY_PRESETS.find((x) => x.id === id);
    if (p) {
      setDraft((d) => ({
        ...d,
        line1: p.line1,
        city: 'Almaty',
        postalCode: p.postalCode,
        latitude: String(p.latitude),
        longitude: String(p.longitude),
      }));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = validateAddress(draft);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const result = await addAddress({
      input: {
        label: draft.label.trim(),
        line1: draft.line1.trim(),
        line2: draft.line2.trim() || null,
        city: draft.city.trim(),
        postalCode: draft.postalCode.trim() || null,
        latitude: Number(draft.latitude),
        longitude: Number(draft.longitude),
        isDefault: draft.isDefault,
      },
    });
    if (result.data) onAdded(result.data.addAddress.id);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New address" className="border rounded p-3 mb-3">
      <div className="mb-3">
        <label className="form-label" htmlFor="address-preset">
          Location in Almaty
        </label>
        <select id="address-preset" className="form-select" value={preset} onChange={(e) => choosePreset(e.target.value)}>
          {ALMATY_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div className="row g-2">
        <Field className="col-sm-4 mb-2" label="Address name" name="label" value={draft.label} onChange={set('label')} error={errors.label} />
        <Field className="col-sm-8 mb-2" label="Street and house" name="line1" value={draft.line1} onChange={set('line1')} error={errors.line1} autoComplete="address-line1" />
        <Field className="col-sm-6 mb-2" label="Flat, entrance (optional)" name="line2" value={draft.line2} onChange={set('line2')} autoComplete="address-line2" />
        <Field className="col-sm-3 mb-2" label="City" name="city" value={draft.city} onChange={set('city')} error={errors.city} autoComplete="address-level2" />
        <Field className="col-sm-3 mb-2" label="Postal code" name="postalCode" value={draft.postalCode} onChange={set('postalCode')} autoComplete="postal-code" />
        <Field className="col-6 mb-2" label="Latitude" name="latitude" inputMode="decimal" value={draft.latitude} onChange={set('latitude')} error={errors.latitude} />
        <Field className="col-6 mb-2" label="Longitude" name="longitude" inputMode="decimal" value={draft.longitude} onChange={set('longitude')} error={errors.longitude} />
      </div>
      <div className="form-check mb-2">
        <input
          id="address-default"
          type="checkbox"
          className="form-check-input"
          checked={draft.isDefault}
          onChange={(e) => setDraft((d) => ({ ...d, isDefault: e.target.checked }))}
        />
        <label className="form-check-label" htmlFor="address-default">
          Make it my default address
        </label>
      </div>
      <ErrorAlert error={state.error} title="Could not save the address" />
      <FormActions label="Save address" busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}
