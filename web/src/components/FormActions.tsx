/** A form's submit button (busy while saving) and, when the form can be closed, Cancel. */
export function FormActions({
  label,
  busy,
  onCancel,
}: {
  label: string;
  busy: boolean;
  onCancel?: () => void;
}) {
  return (
    <div className="d-flex gap-2">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Saving…' : label}
      </button>
      {onCancel && (
        <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
