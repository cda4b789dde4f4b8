import { choose, isAvailable, selectionOf, type OptionLike, type VariantLike } from '../lib/variants';

/**
 * A product's options (Size; Storage and Colour), one labelled group each, every value a
 * toggle button (`aria-pressed`). A value that cannot go with the values chosen before it is
 * disabled and struck through; choosing a value selects the variant it makes (see
 * lib/variants: the options cascade, so a combination that does not exist is never selected).
 */
export function OptionPicker<V extends VariantLike>({
  options,
  variants,
  selected,
  onSelect,
}: {
  options: readonly OptionLike[];
  variants: readonly V[];
  selected: V;
  onSelect: (variant: V) => void;
}) {
  const selection = selectionOf(selected);
  return (
    <div className="option-picker" data-testid="option-picker">
      {options.map((option, index) => {
        const before = options.slice(0, index).map((o) => selection[o.name]).filter(Boolean);
        return (
          <fieldset key={option.name} className="mb-2">
            <legend className="fs-6 fw-semibold mb-1">{option.name}</legend>
            <div className="d-flex flex-wrap gap-2">
              {option.values.map((value) => {
                const pressed = selection[option.name] === value;
                const available = isAvailable(variants, options, selection, index, value);
                return (
                  <button
                    key={value}
                    type="button"
                    className={`btn btn-sm option-value ${pressed ? 'btn-primary' : 'btn-outline-secondary'}${available ? '' : ' option-unavailable'}`}
                    aria-pressed={pressed}
                    disabled={!available}
                    title={available ? undefined : `Not available in ${before.join(' · ')}`}
                    data-value={value}
                    onClick={() => {
                      const next = choose(variants, options, selection, index, value);
                      if (next && next.id !== selected.id) onSelect(next);
                    }}
                  >
                    {value}
                  </button>
                );
              })}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
