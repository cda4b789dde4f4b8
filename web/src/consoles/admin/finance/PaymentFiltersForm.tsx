import { useEffect, useState, type FormEvent } from 'react';
import { DateFilter, FilterSelect } from '../../../components/FilterFields';
import {
  METHODS,
  NO_FILTERS,
  STATUSES,
  type PaymentFilters,
  type PaymentMethodValue,
  type PaymentStatusValue,
} from './finance';

interface Draft {
  method: string;
  status: string;
  from: string;
  to: string;
  customerId: string;
}

const toDraft = (f: PaymentFilters): Draft => ({
  method: f.method ?? '',
  status: f.status ?? '',
  from: f.from ?? '',
  to: f.to ?? '',
  customerId: f.customerId ?? '',
});

/** Narrows the payments list: method, status, created between two UTC days, customer. */
export function PaymentFiltersForm({ value, onApply }: { value: PaymentFilters; onApply: (filters: PaymentFilters) => void }) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(value));
  const [error, setError] = useState<string | null>(null);
  // The applied filters can change from elsewhere (e.g. "this customer's payments").
  useEffect(() => setDraft(toDraft(value)), [value]);

  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.from && draft.to && draft.to < draft.from) {
      setError('“Created to” cannot come before “Created from”.');
      return;
    }
    setError(null);
    onApply({
      method: (draft.method || null) as PaymentMethodValue | null,
      status: (draft.status || null) as PaymentStatusValue | null,
      from: draft.from || null,
      to: draft.to || null,
      customerId: draft.customerId.trim() || null,
    });
  };

  const clear = () => {
    setError(null);
    setDraft(toDraft(NO_FILTERS));
    onApply(NO_FILTERS);
  };

  return (
    <form className="row g-2 align-items-end mb-3" onSubmit={submit} noValidate aria-label="Payment filters">
      <FilterSelect id="pf-method" label="Method" className="col-6 col-md-2" value={draft.method} onChange={set('method')} anyLabel="Any" options={METHODS} />
      <FilterSelect id="pf-status" label="Status" className="col-6 col-md-2" value={draft.status} onChange={set('status')} anyLabel="Any" options={STATUSES} />
      <DateFilter id="pf-from" label="Created from (UTC)" className="col-6 col-md-2" value={draft.from} onChange={set('from')} errorId={error && 'pf-error'} />
      <DateFilter id="pf-to" label="Created to (UTC)" className="col-6 col-md-2" value={draft.to} onChange={set('to')} errorId={error && 'pf-error'} />
      <div className="col-12 col-md-4">
        <label className="form-label small mb-1" htmlFor="pf-customer">
          Customer ID
        </label>
        <input
          id="pf-customer"
          className="form-control form-control-sm"
          value={draft.customerId}
          onChange={set('customerId')}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="col-12 d-flex gap-2">
        <button type="submit" className="btn btn-sm btn-primary">
          Apply filters
        </button>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={clear}>
          Clear
        </button>
      </div>
      {error && (
        <div id="pf-error" className="col-12 text-danger small" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}
