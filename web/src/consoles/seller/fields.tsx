import { useEffect, useId, useRef, useState, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { Field } from '../../components/Field';
import { slugify } from './forms';

function describedBy(id: string, hint: ReactNode, error: string | null | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Feedback({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  return (
    <>
      {hint && (
        <div id={`${id}-hint`} className="form-text">
          {hint}
        </div>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback">
          {error}
        </div>
      )}
    </>
  );
}

/** A labelled textarea with its message wired through aria-describedby (as `Field`). */
export function TextAreaField({
  label,
  error,
  hint,
  className = 'mb-3',
  ...textarea
}: { label: ReactNode; error?: string | null; hint?: ReactNode; className?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const id = textarea.id ?? generated;
  return (
    <div className={className}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        {...textarea}
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}

/** A labelled select with its message wired through aria-describedby. */
export function SelectField({
  label,
  error,
  hint,
  className = 'mb-3',
  children,
  ...select
}: { label: ReactNode; error?: string | null; hint?: ReactNode; className?: string } & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const id = select.id ?? generated;
  return (
    <div className={className}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <select
        {...select}
        id={id}
        className={`form-select${error ? ' is-invalid' : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {children}
      </select>
      <Feedback id={id} hint={hint} error={error} />
    </div>
  );
}

/**
 * After a refused submit, moves focus to the form's first invalid field (so keyboard and
 * screen-reader users land on what to fix). Call `refused()` when validation fails.
 */
export function useFocusFirstInvalid<T extends HTMLElement = HTMLFormElement>() {
  const ref = useRef<T>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt === 0) return;
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  return { ref, refused: () => setAttempt((n) => n + 1) };
}

/**
 * A web name (slug) that follows `name` (made by `slugify`, at most `max` characters) until
 * the seller types one; `initial` counts as typed (an existing record keeps its web name).
 */
export function useSlug(name: string, max: number, initial?: string) {
  const [typed, setTyped] = useState<string | null>(initial ?? null);
  return { slug: typed ?? slugify(name, max), setSlug: (value: string) => setTyped(value.trim()) };
}

/** The "Web name" field for `useSlug`. */
export function SlugField({ value, onChange, error, hint, max }: { value: string; onChange: (value: string) => void; error?: string | null; hint: string; max: number }) {
  return <Field label="Web name" value={value} onChange={(e) => onChange(e.target.value)} error={error} hint={hint} required maxLength={max} />;
}
