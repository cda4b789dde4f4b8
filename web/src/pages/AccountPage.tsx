import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { AccountQuery, RemoveAddressMutation, UpdateAddressMutation, UpdateProfileMutation } from '../api/operations';
import { sessionStore } from '../api/session';
import { AddressForm, type SavedAddress } from '../components/AddressForm';
import { Field } from '../components/Field';
import { FormActions } from '../components/FormActions';
import { EmptyState, ErrorAlert, Loading } from '../components/Status';
import { addressLine } from '../lib/address';
import { usePageTitle } from '../lib/title';
import { validateName, validatePhone } from '../lib/validation';

// removeAddress answers a Boolean, and an empty address book holds no Address: name the type
// so urql refetches the book after every change to it.
const ADDRESS_BOOK = { additionalTypenames: ['Address'] };

function ProfileForm({ profile }: { profile: { email: string; name: string; phone: string | null } }) {
  const [name, setName] = useState(profile.name);
  const [phone, setPhone] = useState(profile.phone ?? '');
  const [errors, setErrors] = useState<{ name?: string; phone?: string }>({});
  const [saved, setSaved] = useState(false);
  const [state, updateProfile] = useMutation(UpdateProfileMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const problems = { name: validateName(name) ?? undefined, phone: validatePhone(phone) ?? undefined };
    setErrors(problems);
    if (problems.name || problems.phone) return;
    // A blank phone is sent as null: the API clears it (left out, it would be kept).
    const result = await updateProfile({ input: { name: name.trim(), phone: phone.trim() || null } });
    if (!result.data) return;
    setSaved(true);
    // The header shows the name from the session: keep it in step.
    const session = sessionStore.get();
    if (session) sessionStore.set({ ...session, customer: { ...session.customer, name: result.data.updateProfile.name } });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Profile">
      <p className="mb-2">
        <span className="text-body-secondary">E-mail:</span> <span className="text-break">{profile.email}</span>
      </p>
      <Field label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} autoComplete="name" />
      <Field
        label="Phone (optional)"
        name="phone"
        type="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        error={errors.phone}
        hint="For the courier, e.g. +7 701 234 56 78."
        autoComplete="tel"
      />
      <ErrorAlert error={state.error} title="Could not save your profile" />
      <div className="d-flex align-items-center gap-3">
        <FormActions label="Save profile" busy={state.fetching} />
        {saved && (
          <span className="text-success" role="status">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}

function AddressCard({ address, onEdit }: { address: SavedAddress; onEdit: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [defaultState, updateAddress] = useMutation(UpdateAddressMutation);
  const [removeState, removeAddress] = useMutation(RemoveAddressMutation);

  const makeDefault = () =>
    updateAddress({
      id: address.id,
      input: {
        label: address.label,
        line1: address.line1,
        line2: address.line2,
        city: address.city,
        postalCode: address.postalCode,
        latitude: address.latitude,
        longitude: address.longitude,
        isDefault: true,
      },
    });

  return (
    <li className="list-group-item" data-testid="address" aria-label={address.label}>
      <div className="d-flex flex-wrap justify-content-between gap-2">
        <div className="text-break">
          <strong>{address.label}</strong>
          {address.isDefault && <span className="badge text-bg-success ms-2">Default</span>}
          <div className="small">{addressLine(address)}</div>
        </div>
        {!confirming && (
          <div className="d-flex flex-wrap gap-2 align-items-start">
            <button type="button" className="btn btn-sm btn-outline-primary" onClick={onEdit} aria-label={`Edit ${address.label}`}>
              Edit
            </button>
            {!address.isDefault && (
              <button
                type="button"
                className="btn btn-sm btn-outline-secondary"
                disabled={defaultState.fetching}
                onClick={makeDefault}
                aria-label={`Make ${address.label} the default`}
              >
                Make default
              </button>
            )}
            <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => setConfirming(true)} aria-label={`Delete ${address.label}`}>
              Delete
            </button>
          </div>
        )}
      </div>
      {confirming && (
        <div className="mt-2 d-flex flex-wrap align-items-center gap-2" role="group" aria-label={`Delete ${address.label}?`}>
          <span>Delete this address?</span>
          <button
            type="button"
            className="btn btn-sm btn-danger"
            disabled={removeState.fetching}
            onClick={async () => {
              const result = await removeAddress({ id: address.id }, ADDRESS_BOOK);
              if (result.data) setConfirming(false);
            }}
          >
            Yes, delete
          </button>
          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      <ErrorAlert error={defaultState.error} title="Could not make it the default" className="mt-2 mb-0" />
      <ErrorAlert error={removeState.error} title="Could not delete the address" className="mt-2 mb-0" />
    </li>
  );
}

/** The signed-in customer's profile and address book. */
export function AccountPage() {
  usePageTitle('Your account');
  const context = useMemo(() => ADDRESS_BOOK, []);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: AccountQuery, context });
  // null: no form open; 'new': adding; otherwise the id of the address being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const refetch = () => reexecute({ requestPolicy: 'network-only' });

  if (error && !data) return <ErrorAlert error={error} title="Could not load your account" onRetry={refetch} />;
  if (!data) return fetching ? <Loading label="Loading your account…" /> : null;
  const me = data.me;
  const close = () => setEditing(null);

  return (
    <>
      <h1 className="h3 mb-3">Your account</h1>
      <div className="row g-4">
        <section className="col-lg-4" aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="h5">
            Profile
          </h2>
          <ProfileForm key={me.id} profile={me} />
        </section>
        <section className="col-lg-8" aria-labelledby="addresses-heading">
          <h2 id="addresses-heading" className="h5">
            Addresses
          </h2>
          {me.addresses.length === 0 && editing !== 'new' && (
            <EmptyState title="No saved addresses yet">Add one and checkout will offer it.</EmptyState>
          )}
          {me.addresses.length > 0 && (
            <ul className="list-group mb-3" aria-label="Saved addresses">
              {me.addresses.map((a) =>
                editing === a.id ? (
                  <li className="list-group-item" key={a.id}>
                    <AddressForm address={a} onSaved={close} onCancel={close} />
                  </li>
                ) : (
                  <AddressCard key={a.id} address={a} onEdit={() => setEditing(a.id)} />
                ),
              )}
            </ul>
          )}
          {editing === 'new' ? (
            <AddressForm onSaved={close} onCancel={close} />
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              Add an address
            </button>
          )}
        </section>
      </div>
    </>
  );
}
