import type { KitchenBoardStationFragment, KitchenBoardTicketFragment, TicketStatus } from '../../gql/graphql';
import { orderRef } from '../../lib/orderNumber';

export type Ticket = KitchenBoardTicketFragment;
export type Station = KitchenBoardStationFragment;
export type TicketItem = Ticket['items'][number];

export const OPEN_STATUSES: readonly TicketStatus[] = ['QUEUED', 'PREPARING'];

export function isOpen(ticket: Pick<Ticket, 'status'>): boolean {
  return OPEN_STATUSES.includes(ticket.status);
}

const STATUS_RANK: Record<TicketStatus, number> = { QUEUED: 0, PREPARING: 1, READY: 2, FAILED: 2, CANCELLED: 2 };

/**
 * How far a ticket has got. Everything about a ticket only moves forward (its status, its
 * priority, its items started and done), so of two copies of one ticket (the queue as
 * fetched, an event, a mutation's answer) the one further along is the newer, whatever order
 * they arrived in.
 */
export function progressOf(t: Ticket): number[] {
  const started = t.items.filter((i) => i.status !== 'QUEUED').length;
  const done = t.items.filter((i) => i.status === 'DONE').length;
  return [STATUS_RANK[t.status] ?? 0, t.priority, done, started];
}

/** Negative when `a` is behind `b`, 0 when level, positive when ahead. */
export function compareProgress(a: Ticket, b: Ticket): number {
  const pa = progressOf(a);
  const pb = progressOf(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** A copy of a ticket heard outside the fetched queue, and when (ms). */
export interface Heard {
  ticket: Ticket;
  at: number;
}

/** Keeps `ticket` unless the copy already heard is further along (a late, stale event). */
export function hear(heard: Readonly<Record<string, Heard>>, ticket: Ticket, at: number): Record<string, Heard> {
  const known = heard[ticket.id];
  if (known && compareProgress(ticket, known.ticket) < 0) return heard as Record<string, Heard>;
  return { ...heard, [ticket.id]: { ticket, at } };
}

/** The kitchen's work order: higher priority first, then oldest (as `kitchenQueue`). */
export function queueOrder(a: Ticket, b: Ticket): number {
  return b.priority - a.priority || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}

/** How long before the fetch a heard open ticket may be missing from it and still be shown. */
export const FETCH_RACE_MS = 5_000;

/**
 * The board: the fetched queue with what was heard since merged in, each ticket's copy the
 * one further along. An open ticket heard only well before the last fetch, which that fetch
 * no longer had, finished meanwhile unheard: it is left out. Open tickets come in queue
 * order; finished ones (READY, FAILED, CANCELLED) newest first.
 */
export function mergeBoard(
  fetched: readonly Ticket[],
  fetchedAt: number,
  heard: Readonly<Record<string, Heard>>,
): { open: Ticket[]; finished: Ticket[] } {
  const byId = new Map<string, Ticket>(fetched.map((t) => [t.id, t]));
  const finishedAt = new Map<string, number>();
  for (const { ticket, at } of Object.values(heard)) {
    const base = byId.get(ticket.id);
    if (base) {
      if (compareProgress(ticket, base) >= 0) byId.set(ticket.id, ticket);
    } else if (!isOpen(ticket) || at > fetchedAt - FETCH_RACE_MS) {
      byId.set(ticket.id, ticket);
    }
    if (!isOpen(ticket)) finishedAt.set(ticket.id, at);
  }
  const all = [...byId.values()];
  return {
    open: all.filter(isOpen).sort(queueOrder),
    finished: all
      .filter((t) => !isOpen(t))
      .sort((a, b) => (finishedAt.get(b.id) ?? 0) - (finishedAt.get(a.id) ?? 0)),
  };
}

export interface StationLane {
  station: Station;
  /** Open tickets with items at this station, in queue order, with those items only. */
  entries: Array<{ ticket: Ticket; items: TicketItem[]; otherStations: string[] }>;
}

/**
 * One lane per station (in the kitchen's order; a station only tickets mention is added at
 * the end, unpaused): each open ticket appears in every lane where it has items, showing the
 * items made there and naming the other stations it waits on.
 */
export function groupByStation(stations: readonly Station[], open: readonly Ticket[]): StationLane[] {
  const lanes = new Map<string, StationLane>();
  for (const station of stations) lanes.set(station.name, { station, entries: [] });
  for (const ticket of [...open].sort(queueOrder)) {
    const names = [...new Set(ticket.items.map((i) => i.station))];
    for (const name of names) {
      let lane = lanes.get(name);
      if (!lane) {
        lane = { station: { __typename: 'KitchenStation', name, capacity: 0, paused: false, busy: 0, queued: 0 }, entries: [] };
        lanes.set(name, lane);
      }
      lane.entries.push({
        ticket,
        items: ticket.items.filter((i) => i.station === name),
        otherStations: names.filter((n) => n !== name),
      });
    }
  }
  return [...lanes.values()];
}

/** `m:ss` (or `h:mm:ss`) of a duration in ms, rounded towards zero to whole seconds. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export type TimerState = 'none' | 'ok' | 'soon' | 'late';

/** Within this of `readyBy`, a ticket is due soon. */
export const SOON_MS = 60_000;

/** How an open ticket stands against its `readyBy`, with the words for it. */
export function ticketTimer(ticket: Pick<Ticket, 'readyBy' | 'status'>, now: number): { state: TimerState; text: string; ms: number } {
  if (!ticket.readyBy || !isOpen(ticket)) return { state: 'none', text: '', ms: 0 };
  const ms = Date.parse(ticket.readyBy) - now;
  if (Number.isNaN(ms)) return { state: 'none', text: '', ms: 0 };
  if (ms < 0) return { state: 'late', text: `${formatClock(ms)} late`, ms };
  return { state: ms <= SOON_MS ? 'soon' : 'ok', text: `${formatClock(ms)} left`, ms };
}

/** What changed between two boards, as sentences for a screen reader. */
export function describeChanges(
  before: ReadonlyMap<string, TicketStatus>,
  after: readonly Ticket[],
  stationsOf: (t: Ticket) => string = (t) => [...new Set(t.items.map((i) => i.station))].join(' and '),
): string[] {
  const lines: string[] = [];
  for (const t of after) {
    const was = before.get(t.id);
    if (was === t.status) continue;
    const ref = `Ticket ${orderRef(t.order.number)}`;
    switch (t.status) {
      case 'QUEUED':
        lines.push(`${ref} is new, for ${stationsOf(t)}.`);
        break;
      case 'PREPARING':
        lines.push(`${ref} started on ${stationsOf(t)}.`);
        break;
      case 'READY':
        lines.push(`${ref} is ready.`);
        break;
      case 'FAILED':
        lines.push(`${ref} failed${t.reason ? `: ${t.reason}` : ''}.`);
        break;
      case 'CANCELLED':
        lines.push(`${ref} was cancelled.`);
        break;
    }
  }
  return lines;
}
