import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ManualLocationForm } from './ManualLocationForm';

describe('ManualLocationForm', () => {
  it('refuses empty or out-of-range degrees in plain words, with focus on the first wrong field', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<ManualLocationForm onSubmit={onSubmit} />);
    const lat = screen.getByLabelText('Latitude');
    const lon = screen.getByLabelText('Longitude');
    await user.click(screen.getByRole('button', { name: 'Use this location' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(lat).toHaveAttribute('aria-invalid', 'true');
    expect(lat).toHaveAccessibleDescription('Enter the latitude, e.g. 43.2389.');
    expect(lon).toHaveAccessibleDescription('Enter the longitude, e.g. 76.8897.');
    expect(lat).toHaveFocus();

    await user.type(lat, '43.24');
    await user.type(lon, '200');
    await user.click(screen.getByRole('button', { name: 'Use this location' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(lat).not.toHaveAttribute('aria-invalid');
    expect(lon).toHaveAccessibleDescription('Longitude is between -180 and 180 degrees.');
    expect(lon).toHaveFocus();

    await user.clear(lon);
    await user.type(lon, '76,93');
    await user.click(screen.getByRole('button', { name: 'Use this location' }));
    expect(onSubmit).toHaveBeenCalledWith({ latitude: 43.24, longitude: 76.93 });
  });

  it('starts from the location dispatch knows', () => {
    render(<ManualLocationForm initial={{ latitude: 43.2396, longitude: 76.9286 }} onSubmit={() => {}} />);
    expect(screen.getByLabelText('Latitude')).toHaveValue('43.2396');
    expect(screen.getByLabelText('Longitude')).toHaveValue('76.9286');
    expect(screen.getByRole('form', { name: 'Set location by hand' })).toBeInTheDocument();
  });
});
