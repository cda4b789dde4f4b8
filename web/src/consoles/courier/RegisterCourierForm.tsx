import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import type { Vehicle } from '../../gql/graphql';
import { ALMATY_PRESETS } from '../../lib/geo';
import { CourierRegisterMutation } from './operations';
import { Problem } from './Problem';
import { geolocationSupported } from './useGeolocation';
import { validateLocation, VEHICLES, type CourierProfile } from './route';

interface Draft {
  name: string;
  vehicle: Vehicle;
  capacity: string;
  latitude: string;
  longitude: string;
}

export type RegisterErrors = Partial<Record<keyof Draft, string>>;

export function validateRegistration(d: Draft): RegisterErrors {
  const e: RegisterErrors = {};
  const name = d.name.trim();
  if (!name) e.name = 'Enter the name customers will see.';
  else if (name.length > 100) e.name = 'Keep the name under 100 characters.';
  const capacity = Number(d.capacity);
  if (!/^\d+$/.test(d.capacity.trim()) || capacity < 1 || capacity > 20) e.capacity = 'Carry between 1 and 20 deliveries at once.';
  const { errors } = validateLocation(d.latitude, d.longitude);
  if (errors.latitude) e.latitude = errors.latitude;
  if (errors.longitude) e.longitude = errors.longitude;
  return e;
}

const centre = ALMATY_PRESETS[0];

/** A courier account's first visit: the profile dispatch needs before giving it deliveries. */
export function RegisterCourierForm({ defaultName = '', onRegistered }: { defaultName?: string; onRegistered: (c: CourierProfile) => void }) {
  const vehicleId = useId();
  const [draft, setDraft] = useState<Draft>({
    name: defaultName,
    vehicle: 'BICYCLE',
    capacity: '3',
    latitude: String(centre.latitude),
    longitude: String(centre.longitude),
  });
  const [errors, setErrors] = useState<RegisterErrors>({});
  const [locating, setLocating] = useState<string | null>(null);
  const [state, register] = useMutation(CourierRegisterMutation);
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const useHere = () => {
    setLocating('Finding your position…');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setDraft((d) => ({ ...d, latitude: p.coords.latitude.toFixed(6), longitude: p.coords.longitude.toFixed(6) }));
        setLocating(null);
      },
      () => setLocating('Could not get your position; type it in instead.'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const found = validateRegistration(draft);
    setErrors(found);
    const first = (['name', 'capacity', 'latitude', 'longitude'] as const).find((k) => found[k]);
    if (first) {
      (e.currentTarget.elements.namedItem(first) as HTMLElement | null)?.focus();
      return;
    }
    const res = await register({
      input: {
        name: draft.name.trim(),
        vehicle: draft.vehicle,
        capacity: Number(draft.capacity),
        latitude: validateLocation(draft.latitude, draft.longitude).value!.latitude,
        longitude: validateLocation(draft.latitude, draft.longitude).value!.longitude,
      },
    });
    if (res.data) onRegistered(res.data.registerCourier);
  };

  return (
    <section className="card" aria-labelledby="courier-register-heading">
      <div className="card-body">
        <h2 id="courier-register-heading" className="h4">
          Set up your courier profile
        </h2>
        <p className="text-secondary">Dispatch needs this once before it can give you deliveries. You start off duty.</p>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Courier profile">
          <Field label="Name" name="name" autoComplete="name" value={draft.name} onChange={(e) => set('name')(e.target.value)} error={errors.name} />
          <div className="mb-3">
            <label className="form-label" htmlFor={vehicleId}>
              Vehicle
            </label>
            <select id={vehicleId} name="vehicle" className="form-select" value={draft.vehicle} onChange={(e) => set('vehicle')(e.target.value)}>
              {VEHICLES.map((v) => (
                <option key={v.value} value={v.value}>
                  {v.label}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Deliveries carried at once"
            name="capacity"
            inputMode="numeric"
            value={draft.capacity}
            onChange={(e) => set('capacity')(e.target.value)}
            error={errors.capacity}
            hint="1 to 20."
          />
          <fieldset>
            <legend className="fs-6 fw-semibold">Where you start</legend>
            <div className="row g-2">
              <Field className="col-6" label="Latitude" name="latitude" inputMode="decimal" value={draft.latitude} onChange={(e) => set('latitude')(e.target.value)} error={errors.latitude} />
              <Field className="col-6" label="Longitude" name="longitude" inputMode="decimal" value={draft.longitude} onChange={(e) => set('longitude')(e.target.value)} error={errors.longitude} />
            </div>
            {geolocationSupported() && (
              <button type="button" className="btn btn-link px-0" onClick={useHere}>
                Use where this phone is
              </button>
            )}
            {locating && (
              <p className="small text-secondary mb-0" role="status">
                {locating}
              </p>
            )}
          </fieldset>
          <div className="d-grid mt-3">
            <button type="submit" className="btn btn-primary btn-lg" disabled={state.fetching}>
              {state.fetching ? 'Saving…' : 'Save profile'}
            </button>
          </div>
          <Problem error={state.error} title="Could not save the profile" />
        </form>
      </div>
    </section>
  );
}
