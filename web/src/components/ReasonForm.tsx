import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';

/** The longest reason the API takes. */
export const MAX_REASON = 500;

/** A reason is required and at most `MAX_REASON` characters (as the API checks); `emptyHint` says what to write. */
export function validateReason(reason: string, emptyHint: string): string | null {
  const r = reason.trim();
  if (!r) return emptyHint;
  if (r.length > MAX_REASON) return `Keep it under ${MAX_REASON} characters (now ${r.length}).`;
  return null;
}

/**
 * A form that asks why something failed (the customer is told) and hands the trimmed reason
 * to `onSubmit` once it is valid. The caller runs the mutation and shows its error as `children`.
 */
export function ReasonForm({
  label,
  question,
  emptyHint,
  suggestions = [],
  submitLabel,
  busyLabel,
  cancelLabel,
  busy,
  onSubmit,
  onCancel,
  className,
  inputClassName = 'form-control',
  invalidClassName = 'invalid-feedback d-block',
  actionsClassName,
  submitClassName,
  cancelClassName,
  maxLength,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  question: string;
  emptyHint: string;
  /** Common reasons, one tap each. */
  suggestions?: string[];
  submitLabel: string;
  busyLabel: string;
  cancelLabel: string;
  busy: boolean;
  onSubmit: (reason: string) => void | Promise<void>;
  onCancel: () => void;
  className?: string;
  inputClassName?: string;
  invalidClassName?: string;
  actionsClassName: string;
  submitClassName: string;
  cancelClassName: string;
  maxLength?: number;
  children?: ReactNode;
}) {
  const id = useId();
  const input = useRef<HTMLTextAreaElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = validateReason(reason, emptyHint);
    setError(problem);
    if (problem) {
      input.current?.focus();
      return;
    }
    await onSubmit(reason.trim());
  };

  return (
    <form className={className} onSubmit={(e) => void submit(e)} noValidate aria-label={label}>
      <label className="form-label" htmlFor={`${id}-reason`}>
        {question}
      </label>
      {suggestions.length > 0 && (
        <div className="d-flex flex-wrap gap-1 mb-2" role="group" aria-label="Common reasons">
          {suggestions.map((s) => (
            <button key={s} type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setReason(s)}>
              {s}
            </button>
          ))}
        </div>
      )}
      <textarea
        ref={input}
        id={`${id}-reason`}
        className={`${inputClassName}${error ? ' is-invalid' : ''}`}
        rows={2}
        maxLength={maxLength}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        required
      />
      {error && (
        <div id={`${id}-error`} className={invalidClassName}>
          {error}
        </div>
      )}
      <div className={actionsClassName}>
        <button type="submit" className={submitClassName} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        <button type="button" className={cancelClassName} onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
      {children}
    </form>
  );
}
