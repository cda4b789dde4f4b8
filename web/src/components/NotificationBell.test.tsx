import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, makeSubject, never } from 'wonka';
import { NotificationBell } from './NotificationBell';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../test/urql';

const notification = (id: string, title: string, extra: Partial<{ read: boolean; orderId: string | null; body: string }> = {}) => ({
  id,
  title,
  body: `${title} body`,
  kind: 'ORDER_STATUS',
  orderId: null,
  read: false,
  createdAt: '2026-03-01T10:00:00Z',
  ...extra,
});

function setup({ count = 0, list = [] as ReturnType<typeof notification>[] } = {}) {
  const state = { count, list };
  const live = makeSubject<MockResult>();
  const api = mockClient({
    query: (name) => {
      if (name === 'UnreadCount') return fromValue({ data: { unreadNotificationCount: state.count } });
      if (name === 'Notifications')
        return fromValue({ data: { myNotifications: { unreadCount: state.count, nextCursor: null, notifications: state.list } } });
      return never;
    },
    mutation: (name) => {
      if (name === 'MarkAllNotificationsRead') {
        state.count = 0;
        state.list = state.list.map((n) => ({ ...n, read: true }));
        return fromValue({ data: { markAllNotificationsRead: true } });
      }
      return never;
    },
    subscription: () => live.source,
  });
  renderWithClient(<NotificationBell />, { client: api.client });
  return { ...api, state, live, user: userEvent.setup() };
}

const bell = () => screen.getByTestId('notification-bell');

describe('NotificationBell', () => {
  it('names the button with the unread count and shows a badge', () => {
    setup({ count: 3 });
    expect(screen.getByRole('button', { name: 'Notifications, 3 unread' })).toBe(bell());
    const badge = screen.getByTestId('unread-count');
    expect(badge).toHaveTextContent('3');
    // The accessible name already says it; the badge is decoration.
    expect(badge).toHaveAttribute('aria-hidden', 'true');
  });

  it('uses the singular for one unread notification', () => {
    setup({ count: 1 });
    expect(bell()).toHaveAccessibleName('Notifications, 1 unread');
  });

  it('caps the badge at 99+', () => {
    setup({ count: 150 });
    expect(bell()).toHaveAccessibleName('Notifications, 150 unread');
    expect(screen.getByTestId('unread-count')).toHaveTextContent('99+');
  });

  it('shows no badge when everything is read', () => {
    setup({ count: 0 });
    expect(bell()).toHaveAccessibleName('Notifications, 0 unread');
    expect(screen.queryByTestId('unread-count')).not.toBeInTheDocument();
  });

  it('loads the inbox only when opened, and closes on Escape', async () => {
    const { user, executeQuery } = setup({
      count: 1,
      list: [notification('n1', 'Order delivered', { orderId: 'ord-1' }), notification('n2', 'Payment captured', { read: true })],
    });
    expect(callsFor(executeQuery, 'Notifications')).toHaveLength(0);
    expect(bell()).toHaveAttribute('aria-expanded', 'false');

    await user.click(bell());
    expect(bell()).toHaveAttribute('aria-expanded', 'true');
    expect(callsFor(executeQuery, 'Notifications')[0].variables).toEqual({ first: 10 });
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const items = within(panel).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Order delivered');
    expect(items[0]).toHaveTextContent('1 Mar 2026, 10:00');
    expect(items[0]).toHaveClass('list-group-item-info'); // unread
    expect(items[1]).not.toHaveClass('list-group-item-info');
    expect(within(items[0]).getByRole('link', { name: 'View order' })).toHaveAttribute('href', '/orders/ord-1');
    expect(within(items[1]).queryByRole('link')).not.toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(bell()).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes when clicking outside and when following a link', async () => {
    const { user } = setup({ count: 1, list: [notification('n1', 'Order delivered', { orderId: 'ord-9' })] });
    await user.click(bell());
    await user.click(document.body);
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();

    await user.click(bell());
    await user.click(screen.getByRole('link', { name: 'View order' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/orders/ord-9');
    expect(screen.queryByRole('region', { name: 'Notifications' })).not.toBeInTheDocument();
  });

  it('says when there are no notifications and cannot mark them read', async () => {
    const { user } = setup({ count: 0, list: [] });
    await user.click(bell());
    expect(screen.getByText('No notifications yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Mark all read' })).toBeDisabled();
  });

  it('marks all read and refreshes the count and the list', async () => {
    const { user, executeMutation } = setup({ count: 2, list: [notification('n1', 'A'), notification('n2', 'B')] });
    await user.click(bell());
    await user.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(callsFor(executeMutation, 'MarkAllNotificationsRead')).toHaveLength(1);
    // The refetches follow the mutation's answer, a tick later.
    await waitFor(() => expect(bell()).toHaveAccessibleName('Notifications, 0 unread'));
    expect(screen.queryByTestId('unread-count')).not.toBeInTheDocument();
    const items = within(screen.getByRole('region', { name: 'Notifications' })).getAllByRole('listitem');
    expect(items.every((li) => !li.classList.contains('list-group-item-info'))).toBe(true);
  });

  it('announces a live notification and refetches the count', async () => {
    const { live, state, executeQuery } = setup({ count: 0 });
    const before = callsFor(executeQuery, 'UnreadCount').length;
    state.count = 1;
    act(() => live.next({ data: { notificationReceived: notification('n5', 'Your order is on its way') } }));
    expect(await screen.findByText('New notification: Your order is on its way')).toHaveAttribute('aria-live', 'polite');
    const refetches = callsFor(executeQuery, 'UnreadCount').slice(before);
    expect(refetches.some((c) => c.context?.requestPolicy === 'network-only')).toBe(true);
    expect(bell()).toHaveAccessibleName('Notifications, 1 unread');
    expect(screen.getByTestId('unread-count')).toHaveTextContent('1');
  });
});
