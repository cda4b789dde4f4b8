import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { toDecimalString, type MoneyValue } from '../../lib/money';
import { withVariant } from '../../lib/variants';
import { SellerUpdateOfferMutation } from './operations';
import { hasErrors, parseCount, parsePriceTenge } from './forms';
import { useFocusFirstInvalid } from './fields';
import { Problem } from './Problem';

/**
 * Changes an offer's price (typed in tenge, sent in tiyn) and, when a number is given, sets
 * its units on hand (`updateOffer`). Fields left as they were are not sent.
 */
export function EditOfferForm({
  offer,
  onSaved,
  onCancel,
}: {
  offer: { id: string; price: MoneyValue; product: { name: string }; variant?: { name: string } | null };
  onSaved: () => void;
  onCancel: () => void;
}) {
  const initialPrice = toDecimalString(offer.price.amount, offer.price.currency);
  const [price, setPrice] = useState(initialPrice);
  const [count, setCount] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [state, updateOffer] = useMutation(SellerUpdateOfferMutation);
  const focus = useFocusFirstInvalid();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsedPrice = parsePriceTenge(price, 'the new price');
    const parsedCount = count.trim() ? parseCount(count) : null;
    const found = { price: parsedPrice.error, count: parsedCount?.error ?? null, form: null as string | null };
    const priceChanged = parsedPrice.value !== null && parsedPrice.value !== offer.price.amount;
    if (!hasErrors(found) && !priceChanged && !parsedCount) {
      found.form = 'Nothing to save: change the price or enter the units on hand.';
    }
    setErrors(found);
    if (hasErrors(found)) {
      focus.refused();
      return;
    }
    const result = await updateOffer({
      offerId: offer.id,
      price: priceChanged ? parsedPrice.value! : undefined,
      count: parsedCount?.value ?? undefined,
    });
    if (result.data?.updateOffer) onSaved();
  };

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate aria-label={`Change the offer of ${withVariant(offer.product.name, offer.variant)}`} className="border rounded p-3 mt-2">
      <div className="row g-0 gx-3">
        <div className="col-sm-6">
          <Field label="Price (₸)" inputMode="decimal" autoComplete="off" value={price} onChange={(e) => setPrice(e.target.value)} error={errors.price} required />
        </div>
        <div className="col-sm-6">
          <Field
            label="Units on hand"
            inputMode="numeric"
            autoComplete="off"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            error={errors.count}
            hint="Sets the count; leave empty to keep it. For a delivery or a loss, use Stock."
          />
        </div>
      </div>
      {errors.form && (
        <p className="text-danger small" role="alert">
          {errors.form}
        </p>
      )}
      <Problem error={state.error} title="The offer was not changed" />
      <FormActions label="Save changes" busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}
