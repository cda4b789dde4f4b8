import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { Money } from '../../components/Money';
import { formatMoney, toDecimalString, type MoneyValue } from '../../lib/money';
import { withVariant } from '../../lib/variants';
import { SellerAddOfferMutation, SellerFindProductsQuery, SellerProductsQuery } from './operations';
import { hasErrors, parseCount, parsePriceTenge } from './forms';
import { SelectField, useFocusFirstInvalid } from './fields';
import { Problem } from './Problem';

export interface PickedVariant {
  id: string;
  name: string;
  price: MoneyValue;
}

export interface PickedProduct {
  id: string;
  name: string;
  price: MoneyValue;
  /** Its variants (sizes, colours…): a product with some is offered one variant at a time. */
  variants?: readonly PickedVariant[];
}

export interface AddedOffer {
  id: string;
  product: { id: string; name: string };
  variant?: { id: string; name: string } | null;
  price: MoneyValue;
}

/**
 * Starts selling a product in a shop (`addOfferToShop`): the product is found in the catalog
 * (`searchProducts`) or picked from the seller's own (`myProducts`); for a product with
 * variants, which one (`variantId`, required then); the price is typed in tenge and sent in
 * tiyn; the count is the units on hand.
 */
export function AddOfferForm({
  shopId,
  offeredProductIds,
  offeredVariantIds = new Set(),
  onAdded,
  onCancel,
}: {
  shopId: string;
  /** Products without variants this shop already sells (a second offer of one is refused). */
  offeredProductIds: ReadonlySet<string>;
  /** Variants this shop already sells. */
  offeredVariantIds?: ReadonlySet<string>;
  onAdded: (offer: AddedOffer, count: number) => void;
  onCancel?: () => void;
}) {
  const ids = useId();
  const [text, setText] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [found] = useQuery({
    query: SellerFindProductsQuery,
    variables: { query: searched ?? '', first: 10 },
    pause: !searched,
  });
  const [mine] = useQuery({ query: SellerProductsQuery, variables: { first: 100, offset: 0, includeArchived: false } });
  const [product, setProduct] = useState<PickedProduct | null>(null);
  const [variantId, setVariantId] = useState('');
  const [price, setPrice] = useState('');
  // The price the form filled in itself (a list price): replaced when another is picked.
  const [filledPrice, setFilledPrice] = useState<string | null>(null);
  const [count, setCount] = useState('');
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const [state, addOffer] = useMutation(SellerAddOfferMutation);
  const focus = useFocusFirstInvalid();

  const fillPrice = (list: MoneyValue) => {
    // The catalog's list price is a good start; the seller can change it.
    if (price.trim() && price !== filledPrice) return;
    const text = toDecimalString(list.amount, list.currency);
    setPrice(text);
    setFilledPrice(text);
  };

  const choose = (p: PickedProduct) => {
    setProduct(p);
    setVariantId('');
    setErrors((e) => ({ ...e, product: null, variant: null }));
    fillPrice(p.price);
  };

  const variants = product?.variants ?? [];
  const variant = variants.find((v) => v.id === variantId) ?? null;
  const chooseVariant = (id: string) => {
    setVariantId(id);
    setErrors((e) => ({ ...e, variant: null }));
    const v = variants.find((x) => x.id === id);
    if (v) fillPrice(v.price);
  };

  const search = () => {
    const q = text.trim();
    if (!q) {
      setErrors((e) => ({ ...e, product: 'Type part of a product’s name to search the catalog.' }));
      return;
    }
    setSearched(q);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      search();
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsedPrice = parsePriceTenge(price);
    const parsedCount = parseCount(count);
    const found = {
      product: !product
        ? 'Choose a product to sell: search the catalog or pick one of yours.'
        : variants.length === 0 && offeredProductIds.has(product.id)
          ? `This shop already sells “${product.name}”: change that offer instead.`
          : null,
      variant:
        !product || variants.length === 0
          ? null
          : !variant
            ? `“${product.name}” comes in ${variants.length} variants: choose the one this offer sells.`
            : offeredVariantIds.has(variant.id)
              ? `This shop already sells “${withVariant(product.name, variant)}”: change that offer instead.`
              : null,
      price: parsedPrice.error,
      count: parsedCount.error,
    };
    setErrors(found);
    if (hasErrors(found) || !product || parsedPrice.value === null || parsedCount.value === null) {
      focus.refused();
      return;
    }
    const result = await addOffer({
      shopId,
      productId: product.id,
      ...(variant ? { variantId: variant.id } : {}),
      price: parsedPrice.value,
      count: parsedCount.value,
    });
    const offer = result.data?.addOfferToShop;
    if (offer) onAdded(offer, parsedCount.value);
  };

  const results = found.data?.searchProducts.edges.map((e) => e.node) ?? [];
  const myProducts = mine.data?.myProducts ?? [];
  const productErrorId = `${ids}-product-error`;

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate aria-label="Add an offer" className="card card-body mb-3">
      <h3 className="h5">Add an offer</h3>
      <fieldset className="mb-3" aria-describedby={errors.product ? productErrorId : undefined}>
        <legend className="fs-6 fw-semibold">Product</legend>
        <p className="mb-2" role="status" data-testid="chosen-product">
          {product ? (
            <>
              Chosen: <strong>{product.name}</strong> <span className="text-secondary small">(list price {formatMoney(product.price)})</span>
            </>
          ) : (
            <span className="text-secondary">No product chosen yet.</span>
          )}
        </p>
        <label className="form-label" htmlFor={`${ids}-search`}>
          Find in the catalog
        </label>
        <div className="input-group mb-2">
          <input
            id={`${ids}-search`}
            type="search"
            className={`form-control${errors.product ? ' is-invalid' : ''}`}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onSearchKey}
            aria-invalid={errors.product ? true : undefined}
            aria-describedby={errors.product ? productErrorId : undefined}
            placeholder="e.g. headphones"
          />
          <button type="button" className="btn btn-outline-secondary" onClick={search}>
            Search
          </button>
        </div>
        {errors.product && (
          <div id={productErrorId} className="invalid-feedback d-block mb-2">
            {errors.product}
          </div>
        )}
        {searched && (
          <div className="mb-2">
            <Problem error={found.error} title="The catalog search failed" />
            {found.fetching && !found.data && <p className="small text-secondary mb-0">Searching…</p>}
            {found.data && results.length === 0 && (
              <p className="small text-secondary mb-0" role="status">
                Nothing in the catalog matches “{searched}”.
              </p>
            )}
            {results.length > 0 && (
              <ul className="list-unstyled mb-0 seller-picker" aria-label="Catalog results">
                {results.map((p) => (
                  <li key={p.id} className="form-check">
                    <input
                      className="form-check-input"
                      type="radio"
                      name={`${ids}-pick`}
                      id={`${ids}-pick-${p.id}`}
                      checked={product?.id === p.id}
                      onChange={() => choose(p)}
                    />
                    <label className="form-check-label text-break" htmlFor={`${ids}-pick-${p.id}`}>
                      {p.name} <span className="small text-secondary">· {p.category.name} · <Money value={p.price} /></span>
                      {(p.variants?.length ?? 0) > 0 && <span className="small text-secondary"> · {p.variants!.length} variants</span>}
                      {(p.variants?.length ?? 0) === 0 && offeredProductIds.has(p.id) && <span className="badge text-bg-light ms-1">already sold here</span>}
                    </label>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <SelectField
          label="Or one of my products"
          className="mb-0"
          value={product && myProducts.some((p) => p.id === product.id) ? product.id : ''}
          onChange={(e) => {
            const p = myProducts.find((m) => m.id === e.target.value);
            if (p) choose(p);
          }}
          disabled={myProducts.length === 0}
          hint={mine.data && myProducts.length === 0 ? 'You have not created any products yet.' : undefined}
        >
          <option value="">Choose…</option>
          {myProducts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </fieldset>
      {product && variants.length > 0 && (
        <SelectField
          label="Variant"
          value={variantId}
          onChange={(e) => chooseVariant(e.target.value)}
          error={errors.variant}
          hint="Each variant is a separate offer, with its own price and stock."
          required
        >
          <option value="">Choose…</option>
          {variants.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name} (list price {formatMoney(v.price)}){offeredVariantIds.has(v.id) ? ' — already sold here' : ''}
            </option>
          ))}
        </SelectField>
      )}
      <div className="row g-0 gx-3">
        <div className="col-sm-6">
          <Field
            label="Price (₸)"
            inputMode="decimal"
            autoComplete="off"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            error={errors.price}
            hint="In tenge, e.g. 12 990 or 12 990.50."
            required
          />
        </div>
        <div className="col-sm-6">
          <Field
            label="Units on hand"
            inputMode="numeric"
            autoComplete="off"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            error={errors.count}
            hint="How many you can sell now."
            required
          />
        </div>
      </div>
      <Problem
        error={state.error}
        title="The offer was not added"
        wording={{
          NOT_FOUND: 'Vitrine is still adding this product to the shops’ catalog, or it is gone. Try again in a few seconds.',
          FORBIDDEN: 'This is not your shop: only its owner can add offers.',
        }}
      />
      <FormActions label="Add offer" busy={state.fetching} onCancel={onCancel} />
    </form>
  );
}
