import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { SellerCreateShopMutation } from './operations';
import { checkLine, checkSlug, hasErrors, parseDegrees } from './forms';
import { SlugField, TextAreaField, useFocusFirstInvalid, useSlug } from './fields';
import { Problem } from './Problem';

export interface CreatedShop {
  id: string;
  name: string;
}

/** Almaty's centre: where a new shop's pin starts. */
const DEFAULT_LATITUDE = '43.2389';
const DEFAULT_LONGITUDE = '76.8897';

/** Opens a shop owned by the signed-in seller (`createShop`). */
export function CreateShopForm({ onCreated, onCancel }: { onCreated: (shop: CreatedShop) => void; onCancel?: () => void }) {
  const [name, setName] = useState('');
  const { slug: effectiveSlug, setSlug } = useSlug(name, 60);
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [latitude, setLatitude] = useState(DEFAULT_LATITUDE);
  const [longitude, setLongitude] = useState(DEFAULT_LONGITUDE);
  const [openingHours, setOpeningHours] = useState('Mo-Su 10:00-22:00');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [state, createShop] = useMutation(SellerCreateShopMutation);
  const focus = useFocusFirstInvalid();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const lat = parseDegrees(latitude, 'latitude', 90);
    const lng = parseDegrees(longitude, 'longitude', 180);
    const found = {
      name: checkLine(name, 'the shop’s name', 1, 100),
      slug: checkSlug(effectiveSlug, 60),
      address: checkLine(address, 'the address', 1, 300),
      description: description.length > 2000 ? 'The description must be at most 2000 characters.' : null,
      latitude: lat.error,
      longitude: lng.error,
      openingHours: checkLine(openingHours, 'the opening hours', 0, 100),
    };
    setErrors(found);
    if (hasErrors(found) || lat.value === null || lng.value === null) {
      focus.refused();
      return;
    }
    const result = await createShop({
      input: {
        name: name.trim(),
        slug: effectiveSlug,
        address: address.trim(),
        description: description.trim(),
        latitude: lat.value,
        longitude: lng.value,
        openingHours: openingHours.trim(),
      },
    });
    if (result.data?.createShop) onCreated(result.data.createShop);
  };

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate aria-label="Open a shop" className="card card-body mb-3">
      <h2 className="h5">Open a shop</h2>
      <div className="row g-0 gx-md-3">
        <div className="col-md-6">
          <Field label="Shop name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required maxLength={100} />
        </div>
        <div className="col-md-6">
          <SlugField value={effectiveSlug} onChange={setSlug} error={errors.slug} hint="Letters a-z, digits and -; made from the name unless you change it." max={60} />
        </div>
      </div>
      <Field label="Address" value={address} onChange={(e) => setAddress(e.target.value)} error={errors.address} required autoComplete="street-address" />
      <TextAreaField label="Description (optional)" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      <div className="row g-0 gx-3">
        <div className="col-6 col-md-4">
          <Field label="Latitude" inputMode="decimal" value={latitude} onChange={(e) => setLatitude(e.target.value)} error={errors.latitude} required />
        </div>
        <div className="col-6 col-md-4">
          <Field label="Longitude" inputMode="decimal" value={longitude} onChange={(e) => setLongitude(e.target.value)} error={errors.longitude} required />
        </div>
        <div className="col-md-4">
          <Field label="Opening hours" value={openingHours} onChange={(e) => setOpeningHours(e.target.value)} error={errors.openingHours} />
        </div>
      </div>
      <p className="form-text mt-0">Couriers pick orders up at the latitude and longitude.</p>
      <Problem
        error={state.error}
        title="The shop was not opened"
        wording={{ FORBIDDEN: 'Only seller accounts can open shops.' }}
      />
      <FormActions label="Open shop" busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}
