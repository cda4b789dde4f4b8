import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { Field } from '../../components/Field';
import { Money } from '../../components/Money';
import type { SellerProductFieldsFragment } from '../../gql/graphql';
import { formatMoney, type MoneyValue } from '../../lib/money';
import { checkLine, hasErrors, parsePriceTenge } from './forms';
import { useFocusFirstInvalid } from './fields';
import { SellerAddProductVariantMutation } from './operations';
import { Problem, type Wording } from './Problem';

export type SellerOption = SellerProductFieldsFragment['options'][number];
export type SellerVariant = SellerProductFieldsFragment['variants'][number];

/** The catalog's limits: options a variant names, and the length of a name and a value. */
export const MAX_OPTIONS = 3;
const MAX_OPTION_NAME = 40;
const MAX_OPTION_VALUE = 60;

const WORDING: Wording = {
  CONFLICT: 'This product has a variant with these values already.',
  FORBIDDEN: 'Sellers can add variants only to the products they created.',
};

interface Pair {
  name: string;
  value: string;
}

/**
 * What is wrong with the option name/value pairs of a new variant, by field key (`name-0`,
 * `value-0`, …), or nothing. Names must differ (in any case) and a value cannot hold "·",
 * which joins values into the variant's name.
 */
export function checkVariantOptions(pairs: readonly Pair[]): Record<string, string | null> {
  const errors: Record<string, string | null> = {};
  pairs.forEach((pair, i) => {
    const name = pair.name.trim();
    errors[`name-${i}`] =
      checkLine(pair.name, 'the option’s name', 1, MAX_OPTION_NAME) ??
      (pairs.slice(0, i).some((p) => p.name.trim().toLowerCase() === name.toLowerCase()) ? `Another option is named “${name}” already.` : null);
    errors[`value-${i}`] = checkLine(pair.value, `a value for ${name || 'the option'}`, 1, MAX_OPTION_VALUE) ?? (pair.value.includes('·') ? 'A value cannot contain “·”.' : null);
  });
  return errors;
}

/**
 * A product's variants in the seller console (its sizes, colours…): the list, and "Add a
 * variant" (`addProductVariant`). The first variant names the options (up to three, e.g.
 * "Size" = "35 cm"); later ones give a value of each of those. The price is optional: the
 * product's list price when left empty. `onAdded` gets the product's options and variants as
 * they now are.
 */
export function ProductVariants({
  productId,
  productName,
  listPrice,
  options,
  variants,
  onAdded,
}: {
  productId: string;
  productName: string;
  listPrice: MoneyValue;
  options: readonly SellerOption[];
  variants: readonly SellerVariant[];
  onAdded: (product: { options: SellerOption[]; variants: SellerVariant[] }) => void;
}) {
  const named = options.length > 0;
  const [pairs, setPairs] = useState<Pair[]>(() => (named ? options.map((o) => ({ name: o.name, value: '' })) : [{ name: '', value: '' }]));
  const [price, setPrice] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [notice, setNotice] = useState('');
  const [state, addVariant] = useMutation(SellerAddProductVariantMutation);
  const focus = useFocusFirstInvalid();

  // The options may have been named since (the first variant): follow them.
  const shown: Pair[] = named ? options.map((o, i) => ({ name: o.name, value: pairs[i]?.name === o.name ? pairs[i].value : '' })) : pairs;
  const setPair = (i: number, change: Partial<Pair>) => setPairs(shown.map((p, j) => (j === i ? { ...p, ...change } : p)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice('');
    const parsedPrice = price.trim() ? parsePriceTenge(price) : null;
    const found = { ...checkVariantOptions(shown), price: parsedPrice?.error ?? null };
    setErrors(found);
    if (hasErrors(found)) {
      focus.refused();
      return;
    }
    const result = await addVariant({
      productId,
      options: shown.map((p) => ({ name: p.name.trim(), value: p.value.trim() })),
      price: parsedPrice?.value ?? null,
    });
    const added = result.data?.addProductVariant;
    if (!added) return;
    setNotice(`Added “${added.name}”. Offer it in one of your shops to start selling it.`);
    setPairs(added.product.options.map((o) => ({ name: o.name, value: '' })));
    setPrice('');
    onAdded(added.product);
  };

  return (
    <section aria-labelledby="variants-heading" className="card card-body mb-3" data-testid="seller-variants">
      <h3 id="variants-heading" className="h5">
        Variants
      </h3>
      {variants.length === 0 ? (
        <p className="text-secondary">
          Sold as one thing. Add variants if it comes in sizes, colours or other options: shops then offer each variant with its own price and stock.
        </p>
      ) : (
        <ul className="list-group mb-2" aria-label={`Variants of ${productName}`}>
          {variants.map((v) => (
            <li key={v.id} className="list-group-item d-flex flex-wrap justify-content-between gap-2" data-testid="seller-variant">
              <span className="text-break">{v.name}</span>
              <Money value={v.price} />
            </li>
          ))}
        </ul>
      )}
      <p className="text-success mb-2" role="status" aria-live="polite" data-testid="variants-notice">
        {notice}
      </p>
      <form ref={focus.ref} onSubmit={submit} noValidate aria-labelledby="add-variant-heading">
        <h4 id="add-variant-heading" className="h6">
          Add a variant
        </h4>
        {named && (
          <div className="row g-0 gx-md-3">
            {shown.map((pair, i) => (
              <div className="col-md-6" key={pair.name}>
                <Field
                  label={pair.name}
                  value={pair.value}
                  onChange={(e) => setPair(i, { value: e.target.value })}
                  error={errors[`value-${i}`]}
                  hint={`So far: ${options[i].values.join(', ')}.`}
                  required
                  maxLength={MAX_OPTION_VALUE}
                />
              </div>
            ))}
          </div>
        )}
        {!named &&
          shown.map((pair, i) => (
            <div className="row g-0 gx-md-3" key={i}>
              <div className="col-md-6">
                <Field
                  label={`Option ${i + 1}`}
                  value={pair.name}
                  onChange={(e) => setPair(i, { name: e.target.value })}
                  error={errors[`name-${i}`]}
                  hint={i === 0 ? 'What varies, e.g. Size or Colour.' : undefined}
                  required
                  maxLength={MAX_OPTION_NAME}
                />
              </div>
              <div className="col-md-6">
                <Field
                  label={`Value of option ${i + 1}`}
                  value={pair.value}
                  onChange={(e) => setPair(i, { value: e.target.value })}
                  error={errors[`value-${i}`]}
                  hint={i === 0 ? 'This variant’s, e.g. 35 cm or Black.' : undefined}
                  required
                  maxLength={MAX_OPTION_VALUE}
                />
              </div>
            </div>
          ))}
        {!named && shown.length < MAX_OPTIONS && (
          <button type="button" className="btn btn-link btn-sm px-0 mb-3" onClick={() => setPairs([...shown, { name: '', value: '' }])}>
            Add another option
          </button>
        )}
        <div className="row g-0 gx-md-3">
          <div className="col-md-6">
            <Field
              label="Price (₸, optional)"
              inputMode="decimal"
              autoComplete="off"
              value={price}
              onChange={(e) => setPrice(e.target.value)}
              error={errors.price}
              hint={`Its list price; the product’s (${formatMoney(listPrice)}) when empty.`}
            />
          </div>
        </div>
        <Problem error={state.error} title="The variant was not added" wording={WORDING} />
        <button type="submit" className="btn btn-primary" disabled={state.fetching}>
          {state.fetching ? 'Adding…' : 'Add variant'}
        </button>
      </form>
    </section>
  );
}
