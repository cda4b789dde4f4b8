import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { MapPicker } from './MapPicker';

const TILES = { url: 'http://tiles.test/{z}/{x}/{y}.png', attribution: '© Test tiles' };

describe('MapPicker', () => {
  it('with no tile source configured, shows the grid, says the map is offline, and still places the pin', () => {
    const onChange = vi.fn();
    const { container } = render(<MapPicker value={null} onChange={onChange} tiles={{ url: null, attribution: '' }} />);
    expect(screen.getByTestId('map-offline')).toHaveTextContent('The map is offline (no map tiles are configured)');
    expect(container.querySelector('img.leaflet-tile')).toBeNull();
    expect(container.querySelector('.map-grid-tile')).not.toBeNull();
    fireEvent.click(screen.getByRole('application', { name: 'Map for placing the pin' }), { clientX: 0, clientY: -100 });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0][0].latitude).toBeGreaterThan(43.238);
  });

  it('loads tiles from the configured source with its credit line', () => {
    const { container } = render(<MapPicker value={{ latitude: 43.25, longitude: 76.9 }} onChange={() => {}} tiles={TILES} />);
    const tile = container.querySelector('img.leaflet-tile');
    expect(tile?.getAttribute('src')).toMatch(/^http:\/\/tiles\.test\/15\/\d+\/\d+\.png$/);
    expect(container.querySelector('.leaflet-control-attribution')).toHaveTextContent('© Test tiles');
    expect(screen.queryByTestId('map-offline')).not.toBeInTheDocument();
    expect(screen.getByTestId('pin-position')).toHaveTextContent('Pin at 43.25000° N, 76.90000° E');
  });

  it('once a tile has loaded, a later failure is a gap in the map, not an offline map', () => {
    const { container } = render(<MapPicker value={null} onChange={() => {}} tiles={TILES} />);
    const tile = container.querySelector('img.leaflet-tile')!;
    fireEvent.load(tile);
    fireEvent.error(tile);
    expect(screen.queryByTestId('map-offline')).not.toBeInTheDocument();
    expect(container.querySelector('img.leaflet-tile')).not.toBeNull();
  });

  it('follows a new value from outside', () => {
    const { rerender } = render(<MapPicker value={{ latitude: 43.2, longitude: 76.9 }} onChange={() => {}} tiles={TILES} />);
    rerender(<MapPicker value={{ latitude: 43.21, longitude: 76.91 }} onChange={() => {}} tiles={TILES} />);
    expect(screen.getByRole('button', { name: /^Pin at / })).toHaveAccessibleName('Pin at 43.21000° N, 76.91000° E. Arrow keys move it.');
  });
});
