import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { RouteMap } from './RouteMap';

const destination = { latitude: 43.238, longitude: 76.945 };
const courier = { latitude: 43.2522, longitude: 76.9188, name: 'Daulet' };
const pickup = { latitude: 43.2405, longitude: 76.9572 };

function translate(el: Element): { x: number; y: number } {
  const m = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '');
  if (!m) throw new Error(`no translate on ${el.outerHTML}`);
  return { x: Number(m[1]), y: Number(m[2]) };
}

function polyline(el: Element): Array<{ x: number; y: number }> {
  return (el.getAttribute('points') ?? '')
    .split(' ')
    .map((pair) => pair.split(',').map(Number))
    .map(([x, y]) => ({ x, y }));
}

describe('RouteMap', () => {
  it('is an image named by its title and described in words', () => {
    render(
      <RouteMap
        destination={destination}
        courier={courier}
        stops={[
          { kind: 'PICKUP', location: pickup },
          { kind: 'DROP', location: destination, mine: true },
        ]}
      />,
    );
    expect(screen.getByRole('img', { name: /^Delivery map/ })).toHaveAccessibleName(
      'Delivery map Daulet is at 43.2522, 76.9188; 2 stops planned; your address is at 43.2380, 76.9450.',
    );
  });

  it('draws the courier and a route from the courier through the stops', () => {
    render(
      <RouteMap
        destination={destination}
        courier={courier}
        stops={[
          { kind: 'PICKUP', location: pickup },
          { kind: 'DROP', location: destination, mine: true },
        ]}
        width={480}
        height={300}
      />,
    );
    const c = translate(screen.getByTestId('courier-marker'));
    const d = translate(screen.getByTestId('destination-marker'));
    const route = polyline(screen.getByTestId('route-line'));
    expect(route).toHaveLength(3);
    // Starts at the courier, ends at the door.
    expect(route[0]).toEqual(c);
    expect(route[2]).toEqual(d);
    // The courier is north-west of the destination: up and to the left on the map.
    expect(c.x).toBeLessThan(d.x);
    expect(c.y).toBeLessThan(d.y);
    // The pickup is the easternmost point.
    expect(route[1].x).toBeGreaterThan(d.x);
    // Everything inside the 480 × 300 box with its padding.
    for (const p of route) {
      expect(p.x).toBeGreaterThanOrEqual(28 - 0.05);
      expect(p.x).toBeLessThanOrEqual(480 - 28 + 0.05);
      expect(p.y).toBeGreaterThanOrEqual(28 - 0.05);
      expect(p.y).toBeLessThanOrEqual(300 - 28 + 0.05);
    }
    expect(within(screen.getByTestId('courier-marker')).getByText('Courier Daulet')).toBeInTheDocument();
  });

  it('names the stops: pickups, the customer’s door and other drops', () => {
    const other = { latitude: 43.2186, longitude: 76.9279 };
    render(
      <RouteMap
        destination={destination}
        courier={courier}
        stops={[
          { kind: 'PICKUP', location: pickup },
          { kind: 'DROP', location: other },
          { kind: 'DROP', location: destination, mine: true },
        ]}
      />,
    );
    const stops = screen.getAllByTestId('stop-marker');
    expect(stops.map((s) => s.getAttribute('data-kind'))).toEqual(['PICKUP', 'DROP', 'DROP']);
    expect(stops.map((s) => s.querySelector('title')?.textContent)).toEqual(['Pickup 1', 'Drop 2', 'Your door']);
    expect(stops[0].querySelector('rect')).not.toBeNull();
    expect(stops[1].querySelector('circle')).not.toBeNull();
  });

  it('draws a courier due north of the door above it, not on top of it', () => {
    const north = { latitude: 43.25, longitude: destination.longitude };
    render(<RouteMap destination={destination} courier={north} stops={[{ kind: 'DROP', location: destination, mine: true }]} />);
    const c = translate(screen.getByTestId('courier-marker'));
    const d = translate(screen.getByTestId('destination-marker'));
    expect(c.x).toBeCloseTo(d.x);
    expect(d.y - c.y).toBeGreaterThan(200);
  });

  it('shows only the address without a courier', () => {
    render(<RouteMap destination={destination} courier={null} />);
    expect(screen.getByRole('img', { name: /^Delivery map/ })).toHaveAccessibleName(
      'Delivery map No courier yet; your address is at 43.2380, 76.9450.',
    );
    expect(screen.queryByTestId('courier-marker')).not.toBeInTheDocument();
    expect(screen.queryByTestId('route-line')).not.toBeInTheDocument();
    // A lone point sits in the middle.
    expect(translate(screen.getByTestId('destination-marker'))).toEqual({ x: 240, y: 150 });
  });

  it('draws no route for a courier without stops, and says so', () => {
    render(<RouteMap destination={destination} courier={{ latitude: 43.25, longitude: 76.93 }} />);
    expect(screen.getByTestId('courier-marker')).toBeInTheDocument();
    expect(screen.queryByTestId('route-line')).not.toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Delivery map/ })).toHaveAccessibleName(/^Delivery map The courier is at 43\.2500, 76\.9300; 0 stops planned/);
  });
});
