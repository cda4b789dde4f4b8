import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { DeliveryPanel } from './DeliveryPanel';
import { DESTINATION, delivery } from '../test/fixtures';

function summary() {
  return screen.getByTestId('delivery-summary');
}

describe('DeliveryPanel', () => {
  it('explains that delivery starts later when there is none yet', () => {
    render(<DeliveryPanel delivery={null} destination={DESTINATION} />);
    expect(screen.getByRole('region', { name: 'Delivery' })).toBeInTheDocument();
    expect(summary()).toHaveTextContent('The delivery starts once the order is confirmed.');
    expect(screen.queryByTestId('delivery-status')).not.toBeInTheDocument();
    expect(screen.getByRole('img', { name: /No courier yet/ })).toBeInTheDocument();
  });

  it('shows the courier, ETA, countdown and route length in a live region', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:10:00Z') });
    render(<DeliveryPanel delivery={delivery()} destination={DESTINATION} />);
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Courier on the way to you');
    expect(summary()).toHaveAttribute('aria-live', 'polite');
    expect(summary()).toHaveTextContent('Daulet by scooter · ETA 10:20:00 (in 10 min) · 2.3 km along the route');
    expect(screen.getByTestId('eta')).toHaveTextContent('10:20:00');
    expect(screen.getByTestId('courier-position')).toHaveTextContent(
      /^Courier at 43\.25220, 76\.91880 · 2\.\d km from you in a straight line$/,
    );
  });

  it('draws the route from the courier through the shops to the door', () => {
    render(<DeliveryPanel delivery={delivery()} destination={DESTINATION} />);
    const map = screen.getByRole('img', { name: /Delivery map/ });
    expect(within(map).getByTestId('courier-marker')).toBeInTheDocument();
    const stops = within(map).getAllByTestId('stop-marker');
    expect(stops.map((s) => s.getAttribute('data-kind'))).toEqual(['PICKUP', 'DROP']);
    expect(stops.map((s) => s.querySelector('title')?.textContent)).toEqual(['Pickup 1', 'Your door']);
    expect(within(map).getByTestId('route-line').getAttribute('points')!.split(' ')).toHaveLength(3);
  });

  it('draws a route straight to the door once the courier has picked up', () => {
    render(<DeliveryPanel delivery={delivery({ routeToDoor: [DESTINATION] })} destination={DESTINATION} />);
    const stops = screen.getAllByTestId('stop-marker');
    expect(stops).toHaveLength(1);
    expect(stops[0]).toHaveAttribute('data-kind', 'DROP');
    expect(stops[0].querySelector('title')).toHaveTextContent('Your door');
    expect(screen.getByTestId('route-line').getAttribute('points')!.split(' ')).toHaveLength(2);
  });

  it('draws no route without one', () => {
    render(<DeliveryPanel delivery={delivery({ routeToDoor: [] })} destination={DESTINATION} />);
    expect(screen.getByTestId('courier-marker')).toBeInTheDocument();
    expect(screen.queryByTestId('stop-marker')).not.toBeInTheDocument();
    expect(screen.queryByTestId('route-line')).not.toBeInTheDocument();
  });

  it('counts the ETA down between updates and restarts on a new update', () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:10:00Z') });
    const { rerender } = render(<DeliveryPanel delivery={delivery()} destination={DESTINATION} />);
    act(() => vi.advanceTimersByTime(61_000));
    expect(summary()).toHaveTextContent('(in 8 min)');
    act(() => vi.advanceTimersByTime(8 * 60_000 + 10_000));
    expect(summary()).toHaveTextContent('(in 49 s)');
    act(() => vi.advanceTimersByTime(5 * 60_000));
    expect(summary()).toHaveTextContent('(in 0 s)');

    rerender(<DeliveryPanel delivery={delivery({ etaSeconds: 300, eta: '2026-03-01T10:29:11Z' })} destination={DESTINATION} />);
    expect(summary()).toHaveTextContent('ETA 10:29:11 (in 5 min)');
  });

  it('waits for a courier', () => {
    render(<DeliveryPanel delivery={delivery({ status: 'READY', courier: null, eta: null, etaSeconds: null })} destination={DESTINATION} />);
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Waiting for a courier');
    expect(summary()).toHaveTextContent('Waiting for a courier.');
    expect(screen.queryByTestId('courier-position')).not.toBeInTheDocument();
    expect(screen.queryByTestId('courier-marker')).not.toBeInTheDocument();
  });

  it('says when it was delivered and hides the courier and route', () => {
    render(
      <DeliveryPanel
        delivery={delivery({ status: 'DELIVERED', finishedAt: '2026-03-01T10:19:30Z' })}
        destination={DESTINATION}
      />,
    );
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Delivered');
    expect(summary()).toHaveTextContent(/^Delivered at 10:19:30\.$/);
    expect(screen.queryByTestId('courier-marker')).not.toBeInTheDocument();
    expect(screen.queryByTestId('stop-marker')).not.toBeInTheDocument();
    expect(screen.queryByTestId('courier-position')).not.toBeInTheDocument();
  });

  it('shows why an attempt failed', () => {
    render(
      <DeliveryPanel
        delivery={delivery({ status: 'ATTEMPT_FAILED', reason: 'Nobody at the door', eta: null, etaSeconds: null, routeDistanceMeters: null })}
        destination={DESTINATION}
      />,
    );
    expect(screen.getByTestId('delivery-status')).toHaveTextContent('Nobody answered; the courier will try again');
    expect(summary()).toHaveTextContent(/^Daulet by scooter\s+Nobody at the door$/);
    expect(screen.getByText('Nobody at the door')).toHaveClass('text-danger');
  });

  it('puts the pin at the delivery’s own destination over the fallback', () => {
    const elsewhere = { latitude: 43.2, longitude: 76.9 };
    render(<DeliveryPanel delivery={delivery({ courier: null, status: 'READY' })} destination={elsewhere} />);
    expect(screen.getByRole('img', { name: /your address is at 43\.2380, 76\.9450/ })).toBeInTheDocument();
  });
});
