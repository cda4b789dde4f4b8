import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import type { ProductInput } from '../../gql/graphql';
import { toDecimalString, type MoneyValue } from '../../lib/money';
import { checkImageUrl, checkLine, checkSlug, checkTags, hasErrors, parsePriceTenge, parseTags } from './forms';
import { SelectField, SlugField, TextAreaField, useFocusFirstInvalid, useSlug } from './fields';

export interface CategoryOption {
  id: string;
  name: string;
  parent?: { id: string } | null;
}

export interface ProductValues {
  name: string;
  slug: string;
  description: string;
  tags: readonly string[];
  imageUrl?: string | null;
  requiresPreparation: boolean;
  price: MoneyValue;
  category: { id: string };
}

/** "Electronics › Audio" labels, sorted, for the category select. */
export function categoryLabels(categories: readonly CategoryOption[]): Array<{ id: string; label: string }> {
  const byId = new Map(categories.map((c) => [c.id, c]));
  const label = (c: CategoryOption, depth = 0): string => {
    const parent = c.parent ? byId.get(c.parent.id) : undefined;
    return parent && depth < 5 ? `${label(parent, depth + 1)} › ${c.name}` : c.name;
  };
  return categories.map((c) => ({ id: c.id, label: label(c) })).sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * A catalog product's details (`ProductInput`): validated here with the catalog's rules, the
 * list price typed in tenge and sent in tiyn. `onSubmit` gets the input to send.
 */
export function ProductForm({
  initial,
  categories,
  submitLabel,
  busy,
  onSubmit,
  onCancel,
  children,
}: {
  initial?: ProductValues;
  categories: readonly CategoryOption[];
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: ProductInput) => void;
  onCancel?: () => void;
  /** Shown above the buttons (the server's answer). */
  children?: ReactNode;
}) {
  const [name, setName] = useState(initial?.name ?? '');
  // A new product's web name follows its name until the seller types one.
  const { slug: effectiveSlug, setSlug } = useSlug(name, 100, initial?.slug);
  const [categoryId, setCategoryId] = useState(initial?.category.id ?? '');
  const [price, setPrice] = useState(initial ? toDecimalString(initial.price.amount, initial.price.currency) : '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [tags, setTags] = useState(initial?.tags.join(', ') ?? '');
  const [imageUrl, setImageUrl] = useState(initial?.imageUrl ?? '');
  const [requiresPreparation, setRequiresPreparation] = useState(initial?.requiresPreparation ?? false);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const focus = useFocusFirstInvalid();
  const options = useMemo(() => categoryLabels(categories), [categories]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsedPrice = parsePriceTenge(price, 'a list price');
    const tagList = parseTags(tags);
    const found = {
      name: checkLine(name, 'a name', 1, 200),
      slug: checkSlug(effectiveSlug, 100),
      category: categoryId ? null : 'Choose a category.',
      price: parsedPrice.error,
      description: description.length > 5000 ? 'The description must be at most 5000 characters.' : null,
      tags: checkTags(tagList),
      imageUrl: checkImageUrl(imageUrl),
    };
    setErrors(found);
    if (hasErrors(found) || parsedPrice.value === null) {
      focus.refused();
      return;
    }
    onSubmit({
      name: name.trim(),
      slug: effectiveSlug,
      categoryId,
      price: parsedPrice.value,
      description: description.trim(),
      tags: tagList,
      imageUrl: imageUrl.trim() || null,
      requiresPreparation,
    });
  };

  return (
    <form ref={focus.ref} onSubmit={submit} noValidate aria-label={submitLabel} className="card card-body mb-3">
      <div className="row g-0 gx-md-3">
        <div className="col-md-6">
          <Field label="Name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} required maxLength={200} />
        </div>
        <div className="col-md-6">
          <SlugField value={effectiveSlug} onChange={setSlug} error={errors.slug} hint="Letters a-z, digits and -; unique in the catalog." max={100} />
        </div>
        <div className="col-md-6">
          <SelectField label="Category" value={categoryId} onChange={(e) => setCategoryId(e.target.value)} error={errors.category} required>
            <option value="">Choose…</option>
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="col-md-6">
          <Field
            label="List price (₸)"
            inputMode="decimal"
            autoComplete="off"
            value={price}
            onChange={(e) => setPrice(e.target.value)}
            error={errors.price}
            hint="In tenge, e.g. 12 990 or 12 990.50. Each shop sets its own price."
            required
          />
        </div>
      </div>
      <TextAreaField label="Description" rows={3} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
      <div className="row g-0 gx-md-3">
        <div className="col-md-6">
          <Field label="Tags (optional)" value={tags} onChange={(e) => setTags(e.target.value)} error={errors.tags} hint="Separated by commas, e.g. wireless, bluetooth." />
        </div>
        <div className="col-md-6">
          <Field label="Image address (optional)" type="url" inputMode="url" value={imageUrl} onChange={(e) => setImageUrl(e.target.value)} error={errors.imageUrl} />
        </div>
      </div>
      <div className="form-check mb-3">
        <input
          className="form-check-input"
          type="checkbox"
          id="product-requires-preparation"
          checked={requiresPreparation}
          onChange={(e) => setRequiresPreparation(e.target.checked)}
        />
        <label className="form-check-label" htmlFor="product-requires-preparation">
          Made to order (the kitchen prepares it after checkout)
        </label>
      </div>
      {children}
      <FormActions label={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
