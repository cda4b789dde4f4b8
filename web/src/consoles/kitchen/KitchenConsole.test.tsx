import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { print } from 'graphql';
import { fromValue, makeSubject, never } from 'wonka';
import { KitchenConsole } from './KitchenConsole';
import {
  KitchenBoardQuery,
  KitchenBumpTicketMutation,
  KitchenCompleteTicketMutation,
  KitchenFailTicketMutation,
  KitchenTicketUpdatedSubscription,
} from './operations';
import { at, forOrder, item, PRODUCTS, station, STATIONS, ticket } from './testData';
import { callsFor, mockClient, operationName, renderWithClient, type MockResult } from '../../test/urql';
import type { Station, Ticket } from './board';

function setup(queue: Ticket[], stations: Station[] = STATIONS, board?: MockResult) {
  const live = makeSubject<MockResult>();
  const api = mockClient({
    query: (name, vars) => {
      if (name === 'KitchenBoard') return fromValue(board ?? { data: { __typename: 'Query', kitchenStations: stations, kitchenQueue: queue } });
      if (name === 'KitchenProduct') {
        const id = vars.id as string;
        return fromValue({ data: { product: { __typename: 'Product', id, name: PRODUCTS[id] ?? id } } });
      }
      return never;
    },
    subscription: (name) => (name === 'KitchenTicketUpdated' ? live.source : never),
    mutation: (name, vars) =>
      name === 'KitchenPauseStation'
        ? fromValue({ data: { pauseStation: station({ name: vars.name as string, paused: vars.paused as boolean }) } })
        : never,
  });
  renderWithClient(<KitchenConsole />, { client: api.client, route: '/kitchen' });
  return { ...api, live, user: userEvent.setup() };
}

const lane = (name: string) => screen.getByRole('region', { name: new RegExp(`^${name}`) });
const refsIn = (name: string) => within(lane(name)).queryAllByTestId('kitchen-ticket').map((c) => c.getAttribute('data-order-id'));

const pizza = ticket({ id: 't-pizza', ...forOrder(1001, 'ord_pizza1'), createdAt: at(0) });
const combo = ticket({
  id: 't-combo',
  ...forOrder(1002, 'ord_combo1'),
  createdAt: at(30),
  status: 'PREPARING',
  items: [item({ productId: 'prd_burger', station: 'GRILL', status: 'PREPARING', startedAt: at(40), dueAt: at(460) }), item({ productId: 'prd_cola', station: 'BAR', quantity: 2 })],
});

describe('KitchenConsole', () => {
  it('shows a lane per station with its tickets, a ticket of two stations in both', () => {
    const { executeSubscription } = setup([pizza, combo]);
    expect(callsFor(executeSubscription, 'KitchenTicketUpdated')).toHaveLength(1);
    expect(screen.getAllByTestId('kitchen-station').map((s) => s.getAttribute('data-station'))).toEqual(['OVEN', 'GRILL', 'BAR']);
    expect(refsIn('OVEN')).toEqual(['ord_pizza1']);
    expect(refsIn('GRILL')).toEqual(['ord_combo1']);
    expect(refsIn('BAR')).toEqual(['ord_combo1']);
    const bar = within(lane('BAR')).getByTestId('kitchen-ticket');
    expect(bar).toHaveTextContent('2× Coca-Cola 0.5 l');
    expect(bar).not.toHaveTextContent('Burger');
    expect(bar).toHaveTextContent('Also on GRILL');
    expect(screen.getByTestId('kitchen-summary')).toHaveTextContent('2 open');
    expect(screen.getByTestId('kitchen-log')).toHaveAttribute('aria-live', 'polite');
  });

  it('merges live tickets: new ones appear in queue order, finished ones move out, changes announced', () => {
    const { live } = setup([pizza]);
    const burger = ticket({ id: 't-new', ...forOrder(1003, 'ord_newone'), createdAt: at(50), priority: 1, items: [item({ productId: 'prd_burger', station: 'GRILL' }), item({ station: 'OVEN' })] });
    act(() => live.next({ data: { kitchenTicketUpdated: burger } }));
    // Bumped once: ahead of the older pizza.
    expect(refsIn('OVEN')).toEqual(['ord_newone', 'ord_pizza1']);
    expect(refsIn('GRILL')).toEqual(['ord_newone']);
    expect(screen.getByTestId('kitchen-log')).toHaveTextContent('Ticket #1003 is new, for GRILL and OVEN.');
    // The ticket heard live is named by the number it came with.
    const heard = within(lane('GRILL')).getByTestId('kitchen-ticket');
    expect(within(heard).getByRole('heading', { level: 3 })).toHaveTextContent('1. #1003');
    expect(heard).not.toHaveTextContent('ord_newone');

    act(() => live.next({ data: { kitchenTicketUpdated: { ...pizza, status: 'PREPARING', items: [item({ status: 'PREPARING' })] } } }));
    expect(within(lane('OVEN')).getAllByTestId('kitchen-ticket')[1]).toHaveAttribute('data-status', 'PREPARING');
    const size = { variantId: 'var_35', variant: { __typename: 'ProductVariant' as const, id: 'var_35', name: '35 cm' } };
    act(() => live.next({ data: { kitchenTicketUpdated: { ...pizza, status: 'READY', items: [item({ status: 'DONE', ...size })] } } }));
    expect(refsIn('OVEN')).toEqual(['ord_newone']);
    const finished = screen.getByRole('region', { name: 'Just finished' });
    // With the size that was made.
    expect(within(finished).getByTestId('finished-ticket')).toHaveTextContent('#1001 Ready · 1× Pizza Margherita · 35 cm');
    const log = screen.getByTestId('kitchen-log');
    expect(log).toHaveTextContent('Ticket #1001 started on OVEN.');
    expect(log).toHaveTextContent('Ticket #1001 is ready.');
    // A late, stale copy does not bring it back.
    act(() => live.next({ data: { kitchenTicketUpdated: pizza } }));
    expect(refsIn('OVEN')).toEqual(['ord_newone']);
  });

  it('asks for the order number and note with every ticket: the board, live updates and action answers', () => {
    for (const doc of [KitchenBoardQuery, KitchenTicketUpdatedSubscription, KitchenBumpTicketMutation, KitchenCompleteTicketMutation, KitchenFailTicketMutation]) {
      expect(print(doc)).toMatch(/\border \{[^}]*\bnumber\b[^}]*\}/);
      expect(print(doc)).toMatch(/\border \{[^}]*\bnote\b[^}]*\}/);
    }
  });

  it("shows each order's note from the board and from live updates, without a request per ticket", () => {
    const noted = ticket({ id: 't-noted', ...forOrder(1004, 'ord_noted', 'No onions'), createdAt: at(10) });
    const { live, executeQuery } = setup([pizza, noted]);
    const note = (orderId: string) => within(lane('OVEN')).getAllByTestId('kitchen-ticket').find((c) => c.getAttribute('data-order-id') === orderId)!;
    expect(within(note('ord_noted')).getByTestId('ticket-note')).toHaveTextContent('“No onions”');
    expect(within(note('ord_pizza1')).queryByTestId('ticket-note')).not.toBeInTheDocument();

    // A ticket heard live brings its note; one that moves on keeps it.
    const later = ticket({ id: 't-later', ...forOrder(1005, 'ord_later', 'Extra napkins'), createdAt: at(20) });
    act(() => live.next({ data: { kitchenTicketUpdated: later } }));
    act(() => live.next({ data: { kitchenTicketUpdated: { ...noted, status: 'PREPARING', items: [item({ status: 'PREPARING' })] } } }));
    expect(within(note('ord_later')).getByTestId('ticket-note')).toHaveTextContent('“Extra napkins”');
    expect(within(note('ord_noted')).getByTestId('ticket-note')).toHaveTextContent('“No onions”');
    expect(note('ord_noted')).toHaveAttribute('data-status', 'PREPARING');

    // The board and the product names: nothing per ticket.
    const asked = new Set(executeQuery.mock.calls.map(([request]) => operationName(request.query)));
    expect(asked).toEqual(new Set(['KitchenBoard', 'KitchenProduct']));
  });

  it('pauses and resumes a station', async () => {
    const { user, executeMutation } = setup([pizza]);
    const pause = within(lane('OVEN')).getByRole('button', { name: 'Pause OVEN' });
    expect(pause).toHaveAttribute('aria-pressed', 'false');
    await user.click(pause);
    expect(callsFor(executeMutation, 'KitchenPauseStation')[0].variables).toEqual({ name: 'OVEN', paused: true });
    const resume = within(lane('OVEN')).getByRole('button', { name: 'Resume OVEN' });
    expect(resume).toHaveAttribute('aria-pressed', 'true');
    expect(lane('OVEN')).toHaveAttribute('data-paused', 'true');
    expect(within(lane('OVEN')).getByRole('heading', { level: 2 })).toHaveTextContent('OVEN — PAUSED');
  });

  it('counts late tickets in the summary', () => {
    setup([ticket({ readyBy: '2020-01-01T00:00:00Z' })]);
    expect(screen.getByTestId('kitchen-summary')).toHaveTextContent('1 open · 1 late');
    expect(within(lane('OVEN')).getByTestId('station-load')).toHaveTextContent('1 late');
  });

  it('says in plain words when the board cannot load', () => {
    setup([], [], { error: new CombinedError({ networkError: new Error('Failed to fetch') }) });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load the kitchenCannot reach Vitrine.');
    expect(alert).not.toHaveTextContent('NETWORK');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
