import type { ChangeEvent, InputHTMLAttributes } from 'react';

// Small labelled fields for the consoles' filter bars (one Bootstrap grid column each).

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * A labelled select whose empty value is "all" (`anyLabel`). A `value` not among `options`
 * (e.g. from the URL, before the list loads) is kept as `missingLabel`.
 */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  anyLabel,
  options,
  missingLabel,
  className,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (e: ChangeEvent<HTMLSelectElement>) => void;
  anyLabel: string;
  options: readonly FilterOption[];
  missingLabel?: string;
  /** The grid column. */
  className: string;
}) {
  const missing = missingLabel && value && !options.some((o) => o.value === value);
  return (
    <div className={className}>
      <label className="form-label small mb-1" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="form-select form-select-sm" value={value} onChange={onChange}>
        <option value="">{anyLabel}</option>
        {missing && <option value={value}>{missingLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled UTC day; `errorId` names the message that says what is wrong with it (marked invalid). */
export function DateFilter({
  id,
  label,
  className,
  errorId,
  ...input
}: {
  id: string;
  label: string;
  /** The grid column. */
  className: string;
  errorId?: string | null;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'value' | 'min' | 'max' | 'onChange'>) {
  return (
    <div className={className}>
      <label className="form-label small mb-1" htmlFor={id}>
        {label}
      </label>
      <input
        {...input}
        id={id}
        type="date"
        className={`form-control form-control-sm${errorId ? ' is-invalid' : ''}`}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId ?? undefined}
      />
    </div>
  );
}
