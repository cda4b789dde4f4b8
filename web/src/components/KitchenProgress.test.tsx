import { describe, expect, it, vi } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { KitchenProgress } from './KitchenProgress';
import { ticket } from '../test/fixtures';

const names = { p1: 'Green tea', p2: 'Baursak', p3: 'Shashlik' };

describe('KitchenProgress', () => {
  it('shows the ticket status, items done and a progress bar per item', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:05:00Z') });
    render(<KitchenProgress ticket={ticket()} productNames={names} />);
    expect(screen.getByRole('heading', { name: /Kitchen/ })).toHaveAccessibleName('Kitchen Preparing');
    expect(screen.getByText(/1 of 3 items done/)).toHaveTextContent('1 of 3 items done · ready by 10:15:00');

    expect(screen.getByRole('progressbar', { name: 'Green tea progress' })).toHaveAttribute('aria-valuenow', '100');
    // Baursak started at 10:00 and is due at 10:10: half done at 10:05.
    expect(screen.getByRole('progressbar', { name: 'Baursak progress' })).toHaveAttribute('aria-valuenow', '50');
    expect(screen.getByRole('progressbar', { name: 'Shashlik progress' })).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByText(/2 × Green tea/)).toHaveTextContent('2 × Green tea (bar)');
  });

  it('moves the bars on while the kitchen works, stopping short of 100 until done', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:05:00Z') });
    render(<KitchenProgress ticket={ticket()} productNames={names} />);
    const bar = screen.getByRole('progressbar', { name: 'Baursak progress' });
    act(() => vi.advanceTimersByTime(150_000));
    expect(bar).toHaveAttribute('aria-valuenow', '75');
    act(() => vi.advanceTimersByTime(10 * 60_000));
    expect(bar).toHaveAttribute('aria-valuenow', '99');
  });

  it('shows when a finished ticket was ready and stops ticking', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:20:00Z') });
    const done = ticket({
      status: 'READY',
      readyAt: '2026-03-01T10:11:00Z',
      items: ticket().items.map((i) => ({ ...i, status: 'DONE' as const })),
    });
    render(<KitchenProgress ticket={done} productNames={names} />);
    expect(screen.getByText(/3 of 3 items done/)).toHaveTextContent('3 of 3 items done · ready at 10:11:00');
    expect(screen.queryByText(/ready by/)).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Kitchen/ })).toHaveTextContent('Ready');
    expect(screen.getAllByRole('progressbar').map((b) => b.getAttribute('aria-valuenow'))).toEqual(['100', '100', '100']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back to the product id, says "item" for one and shows a failure reason', () => {
    const failed = ticket({
      status: 'FAILED',
      reason: 'The oven broke',
      readyBy: null,
      items: [{ __typename: 'KitchenItem', productId: 'p-unknown', variantId: null, variant: null, quantity: 1, station: 'oven', status: 'QUEUED', prepSeconds: 60, startedAt: null, dueAt: null }],
    });
    render(<KitchenProgress ticket={failed} productNames={{}} />);
    expect(screen.getByText(/0 of 1 item done/)).toBeInTheDocument();
    expect(screen.getByText('The oven broke')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'p-unknown progress' })).toHaveAttribute('aria-valuenow', '0');
    expect(screen.getByRole('heading', { name: /Kitchen/ })).toHaveTextContent('Failed');
  });

  it('treats a preparing item without a sensible due time as nearly done', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:05:00Z') });
    const odd = ticket({
      items: [{ __typename: 'KitchenItem', productId: 'p2', variantId: null, variant: null, quantity: 1, station: 'oven', status: 'PREPARING', prepSeconds: 0, startedAt: '2026-03-01T10:00:00Z', dueAt: '2026-03-01T10:00:00Z' }],
    });
    render(<KitchenProgress ticket={odd} productNames={names} />);
    expect(screen.getByRole('progressbar', { name: 'Baursak progress' })).toHaveAttribute('aria-valuenow', '99');
  });
});
