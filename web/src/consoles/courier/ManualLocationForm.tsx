import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import type { LatLon } from '../../lib/geo';
import { validateLocation, type LocationErrors } from './route';

/**
 * Where the courier is, typed in: for when the phone will not tell (location denied or
 * unavailable) or is wrong. Both numbers are checked before anything is sent.
 */
export function ManualLocationForm({
  initial,
  busy = false,
  submitLabel = 'Use this location',
  onSubmit,
}: {
  initial?: LatLon | null;
  busy?: boolean;
  submitLabel?: string;
  onSubmit: (location: LatLon) => void;
}) {
  const [latitude, setLatitude] = useState(initial ? String(initial.latitude) : '');
  const [longitude, setLongitude] = useState(initial ? String(initial.longitude) : '');
  const [errors, setErrors] = useState<LocationErrors>({});

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const { errors: found, value } = validateLocation(latitude, longitude);
    setErrors(found);
    if (!value) {
      const first = found.latitude ? 'latitude' : 'longitude';
      (e.currentTarget.elements.namedItem(first) as HTMLInputElement | null)?.focus();
      return;
    }
    onSubmit(value);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Set location by hand" data-testid="manual-location">
      <div className="row g-2">
        <Field
          className="col-6"
          label="Latitude"
          name="latitude"
          inputMode="decimal"
          autoComplete="off"
          value={latitude}
          onChange={(e) => setLatitude(e.target.value)}
          error={errors.latitude}
        />
        <Field
          className="col-6"
          label="Longitude"
          name="longitude"
          inputMode="decimal"
          autoComplete="off"
          value={longitude}
          onChange={(e) => setLongitude(e.target.value)}
          error={errors.longitude}
        />
      </div>
      <p className="form-text mt-1 mb-2">Degrees, e.g. 43.2389 and 76.8897 (central Almaty).</p>
      <button type="submit" className="btn btn-outline-primary btn-lg w-100" disabled={busy}>
        {busy ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
