/**
 * Newer / older paging over a cursor trail kept in the URL: the page shown is the one after
 * the last cursor of `cursors` (none: the newest). "Newer" drops it, "Older" adds `nextCursor`.
 */
export function CursorPager({
  label,
  cursors,
  nextCursor,
  onChange,
}: {
  label: string;
  cursors: readonly string[];
  nextCursor: string | null | undefined;
  onChange: (cursors: string[]) => void;
}) {
  if (cursors.length === 0 && !nextCursor) return null;
  return (
    <nav aria-label={label} className="d-flex align-items-center justify-content-between gap-2 mt-3">
      <button type="button" className="btn btn-outline-secondary btn-sm" disabled={cursors.length === 0} onClick={() => onChange(cursors.slice(0, -1))}>
        ← Newer
      </button>
      <span className="small text-secondary" aria-live="polite">
        Page {cursors.length + 1}
      </span>
      <button type="button" className="btn btn-outline-secondary btn-sm" disabled={!nextCursor} onClick={() => nextCursor && onChange([...cursors, nextCursor])}>
        Older →
      </button>
    </nav>
  );
}
