import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { StatusTimeline } from './StatusTimeline';

const history = [
  { to: 'PENDING', at: '2026-03-01T09:58:00Z' },
  { to: 'CONFIRMED', at: '2026-03-01T09:59:30Z' },
  { to: 'READY_FOR_DELIVERY', at: '2026-03-01T10:04:00Z' },
];

describe('StatusTimeline', () => {
  it('lists the order steps with their state for screen readers', () => {
    render(<StatusTimeline status="READY_FOR_DELIVERY" history={history} />);
    const list = screen.getByRole('list', { name: 'Order progress' });
    const steps = within(list).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent)).toEqual([
      '✓Placed: done09:58:00',
      '✓Confirmed: done09:59:30',
      '–Preparing: skipped',
      '●Ready for delivery: in progress10:04:00',
      '○Out for delivery: not yet',
      '○Delivered: not yet',
    ]);
  });

  it('marks only the current step with aria-current="step"', () => {
    render(<StatusTimeline status="READY_FOR_DELIVERY" history={history} />);
    const current = screen.getAllByRole('listitem').filter((li) => li.getAttribute('aria-current') === 'step');
    expect(current).toHaveLength(1);
    expect(current[0]).toHaveAttribute('data-status', 'READY_FOR_DELIVERY');
  });

  it('shows machine-readable times', () => {
    render(<StatusTimeline status="CONFIRMED" history={history.slice(0, 2)} />);
    const time = screen.getByText('09:59:30');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('datetime', '2026-03-01T09:59:30Z');
  });

  it('ends a cancelled order with a stopped step and no future steps', () => {
    render(
      <StatusTimeline
        status="CANCELLED"
        history={[...history.slice(0, 2), { to: 'CANCELLED', at: '2026-03-01T10:00:00Z' }]}
      />,
    );
    const steps = screen.getAllByRole('listitem');
    expect(steps).toHaveLength(3);
    expect(steps[2]).toHaveTextContent('✕Cancelled: stopped10:00:00');
    expect(steps[2]).toHaveAttribute('data-state', 'failed');
    expect(screen.queryByText('Delivered')).not.toBeInTheDocument();
    expect(steps.some((s) => s.hasAttribute('aria-current'))).toBe(false);
  });

  it('marks a delivered order done throughout', () => {
    render(
      <StatusTimeline
        status="DELIVERED"
        history={['PENDING', 'CONFIRMED', 'PREPARING', 'READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY', 'DELIVERED'].map((to, i) => ({
          to,
          at: `2026-03-01T10:0${i}:00Z`,
        }))}
      />,
    );
    const steps = screen.getAllByRole('listitem');
    expect(steps.every((s) => s.getAttribute('data-state') === 'done')).toBe(true);
    expect(steps[5]).toHaveTextContent('Delivered: done10:05:00');
  });
});
