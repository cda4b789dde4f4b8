import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { SearchSuggestionsQuery } from '../api/operations';
import { formatMoney } from '../lib/money';
import { ProductImage } from './ProductImage';

/** How many suggestions show under the box. */
export const SUGGESTIONS = 5;
/** Typing pauses this long before suggestions are asked for. */
export const SUGGEST_DELAY_MS = 250;
/** Fewer characters than this match too much to suggest anything. */
export const SUGGEST_MIN_CHARS = 2;

/** `value`, once it has stopped changing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The header's product search, on every page: suggestions (a few products matching the
 * words, from `searchProducts`) as the shopper types, picked with the arrow keys and Enter
 * or a click; Enter without a pick opens the catalog's results for the words. An ARIA 1.2
 * combobox: focus stays in the box, the listbox's active option is its
 * `aria-activedescendant`.
 */
export function HeaderSearch({ className = '' }: { className?: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const onCatalog = location.pathname === '/';
  const urlQuery = onCatalog ? new URLSearchParams(location.search).get('q') ?? '' : '';
  const [text, setText] = useState(urlQuery);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();

  // The box shows the catalog's words (a search from elsewhere, back and forward).
  useEffect(() => setText(urlQuery), [urlQuery]);

  const words = useDebounced(text.trim(), SUGGEST_DELAY_MS);
  const asking = open && words.length >= SUGGEST_MIN_CHARS;
  const [{ data, fetching }] = useQuery({
    query: SearchSuggestionsQuery,
    variables: { query: words, first: SUGGESTIONS },
    pause: !asking,
  });
  // Suggestions for the words now in the box, not for the ones before the last keystroke.
  const current = asking && words === text.trim() && !!data;
  const suggestions = current ? data.searchProducts.edges.map((e) => e.node) : [];
  const expanded = open && suggestions.length > 0;

  useEffect(() => setActive(-1), [words]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const goToProduct = (id: string) => {
    close();
    setText('');
    navigate(`/products/${encodeURIComponent(id)}`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (expanded && active >= 0) {
      goToProduct(suggestions[active].id);
      return;
    }
    close();
    const q = text.trim();
    // On the catalog the other filters stay; from elsewhere a search starts afresh.
    const params = onCatalog ? new URLSearchParams(location.search) : new URLSearchParams();
    if (q) params.set('q', q);
    else params.delete('q');
    const search = params.toString();
    navigate(search ? `/?${search}` : '/');
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      if (suggestions.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // Past either end: back to the box itself (-1).
      setActive((i) => {
        const next = i + step;
        return next < -1 ? suggestions.length - 1 : next >= suggestions.length ? -1 : next;
      });
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        close();
      } else if (text) {
        setText('');
      }
    }
  };

  const optionId = (i: number) => `${listId}-option-${i}`;

  return (
    <form role="search" aria-label="Products" className={`header-search position-relative ${className}`} onSubmit={submit}>
      <div className="input-group input-group-sm">
        <label className="visually-hidden" htmlFor={`${listId}-input`}>
          Search products
        </label>
        <input
          id={`${listId}-input`}
          type="search"
          role="combobox"
          className="form-control"
          placeholder="Search products…"
          autoComplete="off"
          enterKeyHint="search"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="btn btn-light" aria-label="Search">
          <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
            <path d="M11.742 10.344a6.5 6.5 0 1 0-1.397 1.398h-.001l3.85 3.85a1 1 0 0 0 1.415-1.414l-3.85-3.85zm-5.242.156a5 5 0 1 1 0-10 5 5 0 0 1 0 10z" />
          </svg>
        </button>
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        className="header-suggestions list-group shadow"
        hidden={!expanded}
      >
        {suggestions.map((p, i) => (
          <li
            key={p.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`list-group-item list-group-item-action d-flex align-items-center gap-2 ${i === active ? 'active' : ''}`}
            // Before the box's blur closes the list.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => goToProduct(p.id)}
          >
            {/* The name beside it says what it is: the thumbnail stays out of the option's name. */}
            <ProductImage product={p} size="thumb" height={32} width={32} className="rounded flex-shrink-0" decorative />
            <span className="text-truncate flex-grow-1">{p.name}</span>
            <span className="text-nowrap small">
              {p.options.length > 0 && 'from '}
              {formatMoney(p.cheapestOffer?.price ?? p.price)}
            </span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" aria-live="polite">
        {expanded ? `${suggestions.length} suggestion${suggestions.length === 1 ? '' : 's'}` : open && current && !fetching ? 'No suggestions' : ''}
      </span>
    </form>
  );
}
