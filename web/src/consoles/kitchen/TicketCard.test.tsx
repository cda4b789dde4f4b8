import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { fromValue, never } from 'wonka';
import { TicketCard } from './TicketCard';
import { at, forOrder, item, PRODUCTS, T0, ticket } from './testData';
import { callsFor, mockClient, operationName, renderWithClient, type MockResult } from '../../test/urql';
import type { Ticket } from './board';

function setup(t: Ticket, now: number, mutation: (name: string, vars: Record<string, unknown>) => MockResult = () => ({})) {
  const api = mockClient({
    query: (name, vars) => {
      if (name === 'KitchenProduct') {
        const id = vars.id as string;
        return fromValue({ data: { product: PRODUCTS[id] ? { __typename: 'Product', id, name: PRODUCTS[id] } : null } });
      }
      return never;
    },
    mutation: (name, vars) => fromValue(mutation(name, vars)),
  });
  const onChanged = vi.fn();
  const view = renderWithClient(<TicketCard ticket={t} now={now} position={1} onChanged={onChanged} />, { client: api.client });
  return { ...api, onChanged, view, user: userEvent.setup(), card: screen.getByRole('article', { name: /#1042/ }) };
}

const conflict = (message: string) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code: 'CONFLICT' } })] });

describe('TicketCard', () => {
  it('shows the order number, product names, the note and the time left', () => {
    const { card, executeQuery } = setup(
      ticket({ ...forOrder(1042, 'ord_0190aaaabbbbccccdddd00000000a1b2', '  No basil, please '), items: [item({ quantity: 2 })] }),
      T0 + 120_000,
    );
    // The order's own number (KitchenTicket.order.number), nothing made up from its id.
    expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent('1. #1042');
    expect(card).not.toHaveTextContent(/ord_|A1B2/i);
    expect(within(card).getByTestId('ticket-status')).toHaveTextContent('Queued');
    expect(within(card).getByRole('list', { name: 'Items of ticket #1042' })).toHaveTextContent('2× Pizza Margherita — waiting');
    // The note comes with the ticket (KitchenTicket.order.note): the card asks for nothing but product names.
    expect(within(card).getByTestId('ticket-note')).toHaveTextContent('“No basil, please”');
    expect(new Set(executeQuery.mock.calls.map(([request]) => operationName(request.query)))).toEqual(new Set(['KitchenProduct']));
    const timer = within(card).getByTestId('ticket-timer');
    expect(timer).toHaveTextContent('8:00 left');
    expect(timer).toHaveAttribute('data-state', 'ok');
    expect(card).toHaveAttribute('data-late', 'false');
    expect(card).toHaveTextContent('In at 10:00:00 · ready by 10:10:00');
    // Done is only for tickets being prepared.
    expect(within(card).queryByRole('button', { name: /^Done/ })).not.toBeInTheDocument();
  });

  it('shows which variant to make (the size) beside the product’s name', () => {
    const { card } = setup(
      ticket({
        items: [
          item({ variantId: 'var_35', variant: { __typename: 'ProductVariant', id: 'var_35', name: '35 cm' } }),
          item({ productId: 'prd_cola', station: 'OVEN' }),
        ],
      }),
      T0,
    );
    const items = within(within(card).getByRole('list', { name: 'Items of ticket #1042' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('1× Pizza Margherita · 35 cm — waiting');
    expect(within(items[0]).getByTestId('item-variant')).toHaveTextContent('35 cm');
    expect(within(items[0]).getByTestId('item-variant').tagName).toBe('STRONG');
    // Without a variant: the name alone.
    expect(items[1]).toHaveTextContent('1× Coca-Cola 0.5 l — waiting');
    expect(within(items[1]).queryByTestId('item-variant')).not.toBeInTheDocument();
  });

  it('shows no note when the order has none, or only blanks', () => {
    for (const note of [null, '   ']) {
      const { card, view } = setup(ticket({ ...forOrder(1042, 'ord_1', note) }), T0);
      expect(within(card).queryByTestId('ticket-note')).not.toBeInTheDocument();
      view.unmount();
    }
  });

  it('highlights a late ticket in colour and in words', () => {
    const { card } = setup(ticket({ status: 'PREPARING', readyBy: at(600), items: [item({ status: 'PREPARING', startedAt: at(0), dueAt: at(600) })] }), T0 + 725_000);
    expect(card).toHaveAttribute('data-late', 'true');
    expect(card).toHaveClass('kds-timer-late');
    const timer = within(card).getByTestId('ticket-timer');
    expect(timer).toHaveTextContent('LATE 2:05 late');
    expect(timer).toHaveAttribute('data-state', 'late');
    expect(within(card).getByRole('list', { name: /Items/ })).toHaveTextContent('on, over by 2:05');
  });

  it('is due soon within the last minute', () => {
    const { card } = setup(ticket(), T0 + 570_000);
    expect(within(card).getByTestId('ticket-timer')).toHaveAttribute('data-state', 'soon');
    expect(card).toHaveClass('kds-timer-soon');
  });

  it('bumps and completes, passing on the ticket the API answered', async () => {
    const preparing = ticket({ status: 'PREPARING', items: [item({ status: 'PREPARING', startedAt: at(0), dueAt: at(600) })] });
    const { card, user, executeMutation, onChanged } = setup(preparing, T0, (name) =>
      name === 'KitchenBumpTicket'
        ? { data: { bumpTicket: { ...preparing, priority: 1 } } }
        : { data: { completeTicket: { ...preparing, status: 'READY' } } },
    );
    await user.click(within(card).getByRole('button', { name: 'Bump ticket #1042' }));
    expect(callsFor(executeMutation, 'KitchenBumpTicket')[0].variables).toEqual({ ticketId: 'tkt_1' });
    expect(onChanged).toHaveBeenLastCalledWith(expect.objectContaining({ priority: 1 }));
    await user.click(within(card).getByRole('button', { name: 'Done ticket #1042' }));
    expect(callsFor(executeMutation, 'KitchenCompleteTicket')[0].variables).toEqual({ ticketId: 'tkt_1' });
    expect(onChanged).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'READY' }));
  });

  it('says in plain words when the ticket moved on, without the error code', async () => {
    const preparing = ticket({ status: 'PREPARING' });
    const { card, user } = setup(preparing, T0, () => ({ error: conflict('cannot complete a ticket that is READY') }));
    await user.click(within(card).getByRole('button', { name: /^Done/ }));
    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Could not mark it doneThis ticket has moved on: cannot complete a ticket that is READY.');
    expect(alert).not.toHaveTextContent('CONFLICT');
  });

  it('fails a ticket only with a reason, then hands the failed ticket on', async () => {
    const t = ticket();
    const { card, user, executeMutation, onChanged } = setup(t, T0, (_name, vars) => ({
      data: { failTicket: { ...t, status: 'FAILED', reason: vars.reason } },
    }));
    await user.click(within(card).getByRole('button', { name: 'Fail… ticket #1042' }));
    const form = within(card).getByRole('form', { name: 'Fail ticket #1042' });
    const reason = within(form).getByLabelText('Why can it not be made?');
    expect(reason).toHaveFocus();
    await user.type(reason, '   ');
    await user.click(within(form).getByRole('button', { name: 'Fail ticket' }));
    expect(within(form).getByText(/Say why, e.g. “out of dough”/)).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(/Say why/);
    expect(callsFor(executeMutation, 'KitchenFailTicket')).toHaveLength(0);

    await user.clear(reason);
    await user.type(reason, ' Oven broke down ');
    await user.click(within(form).getByRole('button', { name: 'Fail ticket' }));
    expect(callsFor(executeMutation, 'KitchenFailTicket')[0].variables).toEqual({ ticketId: 'tkt_1', reason: 'Oven broke down' });
    expect(onChanged).toHaveBeenCalledWith(expect.objectContaining({ status: 'FAILED', reason: 'Oven broke down' }));
    expect(within(card).queryByRole('form')).not.toBeInTheDocument();
  });

  it('keeps the ticket when the fail form is cancelled, focus back on Fail', async () => {
    const { card, user } = setup(ticket(), T0);
    await user.click(within(card).getByRole('button', { name: /^Fail…/ }));
    await user.click(within(card).getByRole('button', { name: 'Keep it' }));
    expect(within(card).queryByRole('form')).not.toBeInTheDocument();
    await vi.waitFor(() => expect(within(card).getByRole('button', { name: /^Fail…/ })).toHaveFocus());
  });
});
