import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { SellerAdjustStockMutation } from './operations';
import { checkReason, hasErrors, parseDelta } from './forms';
import { useFocusFirstInvalid } from './fields';
import { Problem } from './Problem';

export const REASONS = ['Delivery from the supplier', 'Stocktake correction', 'Damaged', 'Returned by a customer', 'Lost'];

/** Adds units (or takes them away, with a minus) with a reason for the audit trail (`adjustStock`). */
export function AdjustStockForm({ offerId, onAdjusted }: { offerId: string; onAdjusted: (delta: number) => void }) {
  const listId = useId();
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [state, adjustStock] = useMutation(SellerAdjustStockMutation);
  const focus = useFocusFirstInvalid();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseDelta(delta);
    const found = { delta: parsed.error, reason: checkReason(reason) };
    setErrors(found);
    if (hasErrors(found) || parsed.value === null) {
      focus.refused();
      return;
    }
    const result = await adjustStock({ offerId, delta: parsed.value, reason: reason.trim() });
    if (result.data?.adjustStock) {
      setDelta('');
      setReason('');
      onAdjusted(parsed.value);
    }
  };

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate aria-label="Adjust stock" className="card card-body mb-3">
      <h3 className="h5">Adjust stock</h3>
      <div className="row g-0 gx-3">
        <div className="col-sm-4">
          <Field
            label="Change (units)"
            inputMode="numeric"
            autoComplete="off"
            value={delta}
            onChange={(e) => setDelta(e.target.value)}
            error={errors.delta}
            hint="10 adds ten; -3 takes three away."
            required
          />
        </div>
        <div className="col-sm-8">
          <Field
            label="Reason"
            list={listId}
            autoComplete="off"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
            hint="Kept in the stock history."
            required
          />
          <datalist id={listId}>
            {REASONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </div>
      </div>
      <Problem
        error={state.error}
        title="The stock was not changed"
        wording={{ NOT_FOUND: 'Vitrine is still setting up this offer’s stock. Try again in a few seconds.' }}
      />
      <FormActions label="Adjust stock" busy={state.fetching} />
    </form>
  );
}
