import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { AddCardMutation } from '../api/operations';
import { luhnValid } from '../lib/validation';
import { Field } from './Field';
import { FormActions } from './FormActions';
import { ErrorAlert } from './Status';

export function validateCard(
  c: { number: string; expMonth: string; expYear: string; cvc: string },
  now: Date = new Date(),
): Record<string, string> {
  const e: Record<string, string> = {};
  if (!luhnValid(c.number)) e.number = 'Enter a valid card number (13 to 19 digits).';
  const m = Number.parseInt(c.expMonth, 10);
  const y = Number.parseInt(c.expYear, 10);
  if (!(m >= 1 && m <= 12)) e.expMonth = 'Month is 1 to 12.';
  if (!/^\d{4}$/.test(c.expYear)) e.expYear = 'Four digits, e.g. 2030.';
  else if (!e.expMonth && (y < now.getFullYear() || (y === now.getFullYear() && m < now.getMonth() + 1))) e.expYear = 'The card has expired.';
  if (!/^\d{3,4}$/.test(c.cvc)) e.cvc = '3 or 4 digits.';
  return e;
}

/** Saves a card through the simulated gateway (test card 4242 4242 4242 4242). */
export function CardForm({ onAdded, onCancel }: { onAdded: (id: string) => void; onCancel?: () => void }) {
  const [card, setCard] = useState({ number: '', expMonth: '12', expYear: String(new Date().getFullYear() + 3), cvc: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [state, addCard] = useMutation(AddCardMutation);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = validateCard(card);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    const result = await addCard({
      input: {
        number: card.number.replace(/\s+/g, ''),
        expMonth: Number.parseInt(card.expMonth, 10),
        expYear: Number.parseInt(card.expYear, 10),
        cvc: card.cvc,
      },
    });
    if (result.data) onAdded(result.data.addCard.id);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="New card" className="border rounded p-3 mb-3">
      <div className="row g-2">
        <Field className="col-12 mb-2" label="Card number" name="cardNumber" inputMode="numeric" autoComplete="cc-number" value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} error={errors.number} hint="Test card: 4242 4242 4242 4242" />
        <Field className="col-4 mb-2" label="Month" name="expMonth" inputMode="numeric" autoComplete="cc-exp-month" value={card.expMonth} onChange={(e) => setCard({ ...card, expMonth: e.target.value })} error={errors.expMonth} />
        <Field className="col-4 mb-2" label="Year" name="expYear" inputMode="numeric" autoComplete="cc-exp-year" value={card.expYear} onChange={(e) => setCard({ ...card, expYear: e.target.value })} error={errors.expYear} />
        <Field className="col-4 mb-2" label="CVC" name="cvc" inputMode="numeric" autoComplete="cc-csc" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} error={errors.cvc} />
      </div>
      <ErrorAlert error={state.error} title="Could not save the card" />
      <FormActions label="Save card" busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}
