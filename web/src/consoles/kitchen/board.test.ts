import { describe, expect, it } from 'vitest';
import {
  compareProgress,
  describeChanges,
  formatClock,
  groupByStation,
  hear,
  mergeBoard,
  ticketTimer,
  FETCH_RACE_MS,
} from './board';
import { at, forOrder, item, station, STATIONS, T0, ticket } from './testData';

describe('kitchen board', () => {
  it('counts a ticket further along by status, then priority, then items done and started', () => {
    const queued = ticket();
    const bumped = ticket({ priority: 1 });
    const started = ticket({ status: 'PREPARING', items: [item({ status: 'PREPARING' })] });
    const ready = ticket({ status: 'READY', items: [item({ status: 'DONE' })] });
    expect(compareProgress(bumped, queued)).toBeGreaterThan(0);
    expect(compareProgress(started, bumped)).toBeGreaterThan(0);
    expect(compareProgress(ready, started)).toBeGreaterThan(0);
    expect(compareProgress(queued, queued)).toBe(0);
  });

  it('ignores an event older than the copy already heard', () => {
    const started = ticket({ status: 'PREPARING', items: [item({ status: 'PREPARING' })] });
    const heard = hear({}, started, 1);
    expect(hear(heard, ticket(), 2)).toBe(heard);
    expect(hear(heard, ticket({ status: 'READY' }), 3).tkt_1.ticket.status).toBe('READY');
  });

  it('merges events into the fetched queue: newer copies win, finished tickets move out, queue order kept', () => {
    const a = ticket({ id: 'a', createdAt: at(0) });
    const b = ticket({ id: 'b', createdAt: at(10) });
    const c = ticket({ id: 'c', createdAt: at(20), priority: 2 });
    let heard = hear({}, { ...a, status: 'READY' }, T0 + 5_000);
    heard = hear(heard, ticket({ id: 'd', createdAt: at(30) }), T0 + 5_000);
    const board = mergeBoard([a, b, c], T0, heard);
    // c was bumped twice: first; then the oldest; the new d last.
    expect(board.open.map((t) => t.id)).toEqual(['c', 'b', 'd']);
    expect(board.finished.map((t) => [t.id, t.status])).toEqual([['a', 'READY']]);
  });

  it('drops an open ticket heard long before a fetch that no longer has it', () => {
    const heard = hear({}, ticket({ id: 'gone' }), T0);
    expect(mergeBoard([], T0 + FETCH_RACE_MS - 1, heard).open).toHaveLength(1);
    expect(mergeBoard([], T0 + FETCH_RACE_MS + 1, heard).open).toHaveLength(0);
  });

  it('groups tickets by station, a ticket with two stations in both lanes with its own items there', () => {
    const pizza = ticket({ id: 'p', createdAt: at(0) });
    const combo = ticket({
      id: 'c',
      createdAt: at(5),
      items: [item({ productId: 'prd_burger', station: 'GRILL' }), item({ productId: 'prd_cola', station: 'BAR', quantity: 2 })],
    });
    const lanes = groupByStation(STATIONS, [combo, pizza]);
    expect(lanes.map((l) => [l.station.name, l.entries.map((e) => e.ticket.id)])).toEqual([
      ['OVEN', ['p']],
      ['GRILL', ['c']],
      ['BAR', ['c']],
    ]);
    const bar = lanes[2].entries[0];
    expect(bar.items.map((i) => i.productId)).toEqual(['prd_cola']);
    expect(bar.otherStations).toEqual(['GRILL']);
  });

  it('adds a lane for a station only a ticket names', () => {
    const lanes = groupByStation([station()], [ticket({ items: [item({ station: 'WOK' })] })]);
    expect(lanes.map((l) => l.station.name)).toEqual(['OVEN', 'WOK']);
    expect(lanes[1].station.paused).toBe(false);
  });

  it('times a ticket against readyBy: left, due soon, late', () => {
    const t = ticket({ readyBy: at(600) });
    expect(ticketTimer(t, T0)).toMatchObject({ state: 'ok', text: '10:00 left' });
    expect(ticketTimer(t, T0 + 545_500)).toMatchObject({ state: 'soon', text: '0:54 left' });
    expect(ticketTimer(t, T0 + 665_000)).toMatchObject({ state: 'late', text: '1:05 late' });
    expect(ticketTimer({ ...t, status: 'READY' }, T0 + 665_000).state).toBe('none');
    expect(ticketTimer({ ...t, readyBy: null }, T0).state).toBe('none');
  });

  it('formats clocks', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(59_999)).toBe('0:59');
    expect(formatClock(-3_725_000)).toBe('1:02:05');
  });

  it('describes what changed in words', () => {
    const before = new Map([
      ['a', 'QUEUED' as const],
      ['b', 'PREPARING' as const],
    ]);
    const lines = describeChanges(before, [
      ticket({ id: 'a', ...forOrder(1001), status: 'PREPARING' }),
      ticket({ id: 'b', ...forOrder(1002), status: 'FAILED', reason: 'out of dough' }),
      ticket({ id: 'n', ...forOrder(1003), items: [item(), item({ station: 'BAR' })] }),
    ]);
    // By the order's number, never by its id.
    expect(lines).toEqual([
      'Ticket #1001 started on OVEN.',
      'Ticket #1002 failed: out of dough.',
      'Ticket #1003 is new, for OVEN and BAR.',
    ]);
  });
});
