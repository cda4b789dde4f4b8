/**
 * How many matches a filter would leave, after its name: "Pizza (5)". Part of the control's
 * name for screen readers too (the space is outside the span so every name computation keeps
 * it); `data-count` for tests.
 */
export function FacetCount({ count, className = 'text-body-secondary' }: { count: number; className?: string }) {
  return (
    <>
      {' '}
      <span className={`facet-count ${className}`} data-testid="facet-count" data-count={count}>
        ({count})
      </span>
    </>
  );
}
