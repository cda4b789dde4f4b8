import { useEffect, useId, useState, type FormEvent } from 'react';
import { SORTS, priceErrors, type CatalogFilters } from '../lib/catalogFilters';
import { tagCount, type SearchFacets } from '../lib/searchFacets';
import { FacetCount } from './FacetCount';
import { Field } from './Field';

/** Tags shown before "More tags": the commonest, and every chosen one besides. */
export const TAGS_SHOWN = 12;

/**
 * The tags to show: with `expanded` all of them, else the first `TAGS_SHOWN` (the commonest)
 * and any chosen among the rest, in the same order; and how many stay behind "More tags".
 */
export function visibleTags(tags: readonly string[], chosen: readonly string[], expanded: boolean): { shown: string[]; hidden: number } {
  if (expanded || tags.length <= TAGS_SHOWN) return { shown: [...tags], hidden: 0 };
  const shown = tags.filter((tag, i) => i < TAGS_SHOWN || chosen.includes(tag));
  return { shown, hidden: tags.length - shown.length };
}

/**
 * The catalog's filters: price range, in-stock only, sort and tags. The words searched for
 * come from the header's search (`filters.q`, kept as they are).
 *
 * With the search's `facets`, "In stock only" and each tag say how many matches they would
 * leave, and the tags offered are the commonest among the matches (commonest first), plus
 * any chosen that are not among them. Without (not loaded yet, or failed): the chosen tags
 * only, and no counts. Past the first `TAGS_SHOWN`, the rest wait behind "More tags (N)"
 * (chosen ones always show).
 */
export function SearchFilters({
  filters,
  facets = null,
  onChange,
}: {
  filters: CatalogFilters;
  facets?: Pick<SearchFacets, 'tags' | 'inStock'> | null;
  onChange: (next: CatalogFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const [errors, setErrors] = useState<ReturnType<typeof priceErrors>>({});
  const [allTags, setAllTags] = useState(false);
  const tagIdPrefix = useId();
  useEffect(() => setDraft(filters), [filters]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errs = priceErrors(draft);
    setErrors(errs);
    if (errs.min || errs.max) return;
    onChange(draft);
  };

  const apply = (patch: Partial<CatalogFilters>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    // Shows why nothing changed while a price is invalid, and clears errors once it is not.
    const errs = priceErrors(next);
    setErrors(errs);
    if (!errs.min && !errs.max) onChange(next);
  };

  const toggleTag = (tag: string) =>
    apply({ tags: draft.tags.includes(tag) ? draft.tags.filter((t) => t !== tag) : [...draft.tags, tag] });

  const tags = Array.from(new Set([...(facets?.tags.map((t) => t.tag) ?? []), ...draft.tags]));
  const { shown, hidden } = visibleTags(tags, draft.tags, allTags);
  const tagListId = `${tagIdPrefix}-tags`;

  return (
    <form onSubmit={submit} aria-label="Filters" className="mb-3">
      <div className="row g-2 align-items-start">
        <Field
          className="col-6 col-lg-3"
          label="Min price (₸)"
          inputMode="decimal"
          name="minPrice"
          value={draft.min}
          onChange={(e) => setDraft({ ...draft, min: e.target.value })}
          error={errors.min}
        />
        <Field
          className="col-6 col-lg-3"
          label="Max price (₸)"
          inputMode="decimal"
          name="maxPrice"
          value={draft.max}
          onChange={(e) => setDraft({ ...draft, max: e.target.value })}
          error={errors.max}
        />
        <div className="col-6 col-lg-3">
          <label className="form-label" htmlFor="sort-select">
            Sort by
          </label>
          <select
            id="sort-select"
            className="form-select"
            value={draft.sort}
            onChange={(e) => apply({ sort: e.target.value as CatalogFilters['sort'] })}
          >
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="col-6 col-lg-3 d-flex flex-column">
          <span className="form-label d-none d-lg-block" aria-hidden="true">
            &nbsp;
          </span>
          <div className="form-check mt-lg-2">
            <input
              id="in-stock-only"
              type="checkbox"
              className="form-check-input"
              checked={draft.inStock}
              onChange={(e) => apply({ inStock: e.target.checked })}
            />
            <label className="form-check-label" htmlFor="in-stock-only">
              In stock only
              {facets && <FacetCount count={facets.inStock} />}
            </label>
          </div>
        </div>
        <div className="col-12">
          {/* Prices apply on this button or Enter; the other filters at once. */}
          <button type="submit" className="btn btn-sm btn-outline-primary">
            Apply prices
          </button>
        </div>
      </div>
      {tags.length > 0 && (
        <fieldset className="mt-2">
          <legend className="fs-6 mb-1">Tags</legend>
          <div id={tagListId} className="d-flex flex-wrap gap-2 tag-toggles">
            {shown.map((tag) => {
              const id = `${tagIdPrefix}-tag-${tags.indexOf(tag)}`;
              const count = facets ? tagCount(facets, tag) : null;
              return (
                <span key={tag}>
                  <input
                    type="checkbox"
                    className="btn-check"
                    id={id}
                    checked={draft.tags.includes(tag)}
                    onChange={() => toggleTag(tag)}
                  />
                  <label className="btn btn-sm btn-outline-secondary" htmlFor={id}>
                    {tag}
                    {count !== null && <FacetCount count={count} className="opacity-75" />}
                  </label>
                </span>
              );
            })}
            {(hidden > 0 || allTags) && tags.length > TAGS_SHOWN && (
              <button
                type="button"
                className="btn btn-sm btn-link px-1"
                aria-expanded={allTags}
                aria-controls={tagListId}
                onClick={() => setAllTags((all) => !all)}
              >
                {allTags ? 'Fewer tags' : `More tags (${hidden})`}
              </button>
            )}
          </div>
        </fieldset>
      )}
    </form>
  );
}
