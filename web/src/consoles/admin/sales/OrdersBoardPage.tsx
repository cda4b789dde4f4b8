import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { CombinedError } from '@urql/core';
import { useQuery } from 'urql';
import { hasCode } from '../../../api/errors';
import { Money } from '../../../components/Money';
import { DateFilter, FilterSelect } from '../../../components/FilterFields';
import { EmptyState, Loading } from '../../../components/Status';
import type { OrderStatus, SalesOrderRowFieldsFragment } from '../../../gql/graphql';
import { orderStatusLabel, orderStatusVariant } from '../../../lib/orderStatus';
import { orderRef } from '../../../lib/orderNumber';
import { formatDateTime, formatTime } from '../../../lib/time';
import { withVariant } from '../../../lib/variants';
import {
  boardFiltersFromParams,
  boardParams,
  cursorsFromParams,
  dateRangeError,
  NO_FILTERS,
  ORDER_STATUSES,
  ordersVariables,
  type BoardFilters,
} from './boardFilters';
import { describeUpdate, mergeBoard, rememberUpdate, type PageWindow } from './boardLive';
import { CursorPager } from './CursorPager';
import { GoToOrderForm } from './GoToOrderForm';
import { SalesOrdersQuery, SalesShopsQuery } from './operations';
import { Problem } from './Problem';
import { useLiveOrders } from './useLiveOrders';

type Row = SalesOrderRowFieldsFragment;

/** How long a row that just changed stays highlighted. */
const HIGHLIGHT_MS = 4000;

function itemsSummary(order: Row): string {
  return order.lines.map((l) => `${l.quantity} × ${withVariant(l.product.name, l.variant)}`).join(', ');
}

/** Every customer's orders, newest first, filtered and paged through the URL, kept live. */
export function OrdersBoardPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => boardFiltersFromParams(params), [params]);
  const cursors = useMemo(() => cursorsFromParams(params), [params]);
  const after = cursors[cursors.length - 1] ?? null;
  const rangeError = dateRangeError(filters);
  const variables = useMemo(() => ordersVariables(filters, after), [filters, after]);

  const [shopsResult] = useQuery({ query: SalesShopsQuery });
  const [result, reexecute] = useQuery({
    query: SalesOrdersQuery,
    variables,
    pause: rangeError !== null,
    requestPolicy: 'cache-and-network',
  });
  // A paused query keeps its last answer, which belongs to other filters.
  const { data, fetching, error } = rangeError ? { data: undefined, fetching: false, error: undefined } : result;

  // What was heard live since the board opened: the latest state of each order.
  const [updates, setUpdates] = useState<Map<string, Row>>(() => new Map());
  const [announcement, setAnnouncement] = useState('');
  const [highlighted, setHighlighted] = useState<ReadonlySet<string>>(() => new Set());
  const [generation, setGeneration] = useState(0);
  const [liveError, setLiveError] = useState<CombinedError | null>(null);

  const base = useMemo(() => data?.orders.orders ?? [], [data]);
  const pageWindow: PageWindow = useMemo(
    () => ({ variables, firstPage: cursors.length === 0, hasNext: !!data?.orders.nextCursor }),
    [variables, cursors.length, data],
  );
  const rows = useMemo(() => mergeBoard(base, updates, pageWindow), [base, updates, pageWindow]);

  // The live handler reads the board as it is now, not as it was when it subscribed.
  const current = useRef({ base, pageWindow, rows, updates });
  useEffect(() => {
    current.current = { base, pageWindow, rows, updates: current.current.updates };
  }, [base, pageWindow, rows]);

  const timers = useRef<number[]>([]);
  useEffect(() => () => timers.current.forEach((t) => window.clearTimeout(t)), []);

  const onOrder = useCallback((order: Row) => {
    const now = current.current;
    const before = now.rows.find((r) => r.id === order.id);
    const next = rememberUpdate(now.updates, order);
    now.updates = next;
    setUpdates(next);
    const shown = mergeBoard(now.base, next, now.pageWindow).some((r) => r.id === order.id);
    const text = describeUpdate(order, before, shown);
    if (text) setAnnouncement(`${formatTime(new Date().toISOString())} · ${text}`);
    if (shown) {
      setHighlighted((h) => new Set(h).add(order.id));
      timers.current.push(
        window.setTimeout(() => {
          setHighlighted((h) => {
            const rest = new Set(h);
            rest.delete(order.id);
            return rest;
          });
        }, HIGHLIGHT_MS),
      );
    }
  }, []);

  const resync = useCallback(() => {
    setLiveError(null);
    reexecute({ requestPolicy: 'network-only' });
    setGeneration((g) => g + 1);
  }, [reexecute]);

  const onLiveError = useCallback(
    (e: CombinedError) => {
      // Fell too far behind: the server dropped us; reload the page and listen again.
      if (hasCode(e, 'CONFLICT')) resync();
      else setLiveError(e);
    },
    [resync],
  );

  useLiveOrders(generation, onOrder, onLiveError);

  const setFilters = (next: BoardFilters) => setParams(boardParams(next));
  const change = (key: keyof BoardFilters) => (e: ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    setFilters({ ...filters, [key]: e.target.value || (key === 'from' || key === 'to' ? '' : null) });
  const filtered = filters.status !== null || filters.shopId !== null || filters.from !== '' || filters.to !== '';
  const shops = shopsResult.data?.shops ?? [];

  return (
    <section aria-labelledby="board-heading">
      <div className="d-flex flex-wrap align-items-center gap-2 mb-2">
        <h2 id="board-heading" className="h4 mb-0">
          Orders
        </h2>
        <span className="small d-inline-flex align-items-center gap-1 text-success" data-testid="board-live">
          <span className={`live-dot ${liveError ? '' : 'on'}`} aria-hidden="true" />
          {liveError ? 'not live' : 'live'}
        </span>
        <GoToOrderForm boardSearch={params.toString()} />
      </div>

      <form className="row g-2 align-items-end mb-3" role="search" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect
          id="board-status"
          label="Status"
          className="col-6 col-md-3"
          value={filters.status ?? ''}
          onChange={change('status')}
          anyLabel="All statuses"
          options={ORDER_STATUSES.map((s: OrderStatus) => ({ value: s, label: orderStatusLabel(s) }))}
        />
        <FilterSelect
          id="board-shop"
          label="Shop"
          className="col-6 col-md-3"
          value={filters.shopId ?? ''}
          onChange={change('shopId')}
          anyLabel="All shops"
          options={shops.map((s) => ({ value: s.id, label: s.name }))}
          missingLabel="Selected shop"
        />
        <DateFilter id="board-from" label="From (UTC)" className="col-6 col-md-2" value={filters.from} max={filters.to || undefined} onChange={change('from')} />
        <DateFilter
          id="board-to"
          label="To (UTC)"
          className="col-6 col-md-2"
          value={filters.to}
          min={filters.from || undefined}
          onChange={change('to')}
          errorId={rangeError && 'board-range-error'}
        />
        <div className="col-12 col-md-2">
          <button type="button" className="btn btn-sm btn-outline-secondary w-100" disabled={!filtered} onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        </div>
        {rangeError && (
          <div id="board-range-error" className="col-12 small text-danger" role="alert">
            {rangeError}
          </div>
        )}
      </form>

      <div aria-live="polite" aria-atomic="true" className="small text-secondary mb-2 text-break" data-testid="board-announcement">
        {announcement}
      </div>
      {liveError && <Problem error={liveError} title="Live updates stopped" onRetry={resync} />}
      {shopsResult.error && <Problem error={shopsResult.error} title="Could not load the shops for the filter" />}
      {error && !data && <Problem error={error} title="Could not load the orders" onRetry={() => reexecute({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading label="Loading orders…" />}

      {data && rows.length === 0 && (
        <EmptyState title={filtered ? 'No orders match these filters' : 'No orders yet'}>
          {filtered && <p className="mb-0 small">New orders that match appear here as they come in.</p>}
        </EmptyState>
      )}

      {rows.length > 0 && (
        <ul className="list-group" aria-label="Orders, newest first" data-testid="board">
          {rows.map((o) => (
            <li
              key={o.id}
              className={`list-group-item${highlighted.has(o.id) ? ' list-group-item-info' : ''}`}
              data-testid="board-row"
              data-order-id={o.id}
              data-status={o.status}
            >
              <div className="d-flex flex-wrap justify-content-between gap-2">
                <div className="flex-grow-1" style={{ minWidth: 0 }}>
                  <div className="d-flex flex-wrap align-items-center gap-2">
                    <Link to={`/admin/orders/${o.id}`} state={{ board: params.toString() }} className="fw-semibold font-monospace">
                      {orderRef(o.number)}
                    </Link>
                    <span className={`badge text-bg-${orderStatusVariant(o.status)}`} data-testid="row-status">
                      {orderStatusLabel(o.status)}
                    </span>
                  </div>
                  <div className="small text-break">
                    {o.customer.name} <span className="text-secondary">{o.customer.email}</span>
                  </div>
                  <div className="small text-secondary text-truncate">{itemsSummary(o)}</div>
                </div>
                <div className="d-flex flex-wrap align-items-baseline column-gap-2 d-sm-block text-sm-end">
                  <Money value={o.total} className="fw-semibold" />
                  <div className="small text-secondary">
                    <time dateTime={o.createdAt}>{formatDateTime(o.createdAt)}</time>
                  </div>
                  <div className="small text-secondary">{o.paymentMethod === 'WALLET' ? 'Wallet' : 'Card'}</div>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}

      <CursorPager
        label="Order pages"
        cursors={cursors}
        nextCursor={data?.orders.nextCursor}
        onChange={(next) => setParams(boardParams(filters, next))}
      />
    </section>
  );
}
