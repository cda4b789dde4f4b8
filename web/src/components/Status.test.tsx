import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { EmptyState, ErrorAlert, Loading } from './Status';
import { renderWithRouter } from '../test/urql';

describe('Loading', () => {
  it('is a polite status with its label', () => {
    render(<Loading label="Loading products…" />);
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Loading products…');
    expect(status).toHaveAttribute('aria-live', 'polite');
  });

  it('has a default label', () => {
    render(<Loading />);
    expect(screen.getByRole('status')).toHaveTextContent('Loading…');
  });
});

describe('EmptyState', () => {
  it('shows its title and content as a status', () => {
    render(
      <EmptyState title="No products found">
        <p>Try other words.</p>
      </EmptyState>,
    );
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('No products found');
    expect(status).toHaveTextContent('Try other words.');
  });
});

describe('ErrorAlert', () => {
  it('renders nothing without an error', () => {
    const { container } = renderWithRouter(<ErrorAlert error={null} title="Oops" />);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(container).not.toHaveTextContent('Oops');
  });

  it('lists every GraphQL error in plain words, without its code', () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'Only 2 left of Green tea', extensions: { code: 'OUT_OF_STOCK' } },
        { message: 'Something odd', extensions: { code: 'TEAPOT' } },
      ],
    });
    renderWithRouter(<ErrorAlert error={error} title="Could not add to cart" />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not add to cart');
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent(/^Only 2 left of Green tea\.$/);
    expect(items[1]).toHaveTextContent(/^Something odd\.$/);
    expect(alert).not.toHaveTextContent('OUT_OF_STOCK');
    expect(alert).not.toHaveTextContent('TEAPOT');
    expect(screen.queryByRole('link', { name: 'Sign in' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
  });

  it('offers to sign in on UNAUTHENTICATED', () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Sign in first', extensions: { code: 'UNAUTHENTICATED' } }] });
    renderWithRouter(<ErrorAlert error={error} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Your session has ended. Please sign in again.');
    expect(screen.getByRole('alert')).not.toHaveTextContent('UNAUTHENTICATED');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/signin');
  });

  it('explains a network error in plain words and offers a retry', async () => {
    const onRetry = vi.fn();
    const error = new CombinedError({ networkError: new Error('Failed to fetch') });
    renderWithRouter(<ErrorAlert error={error} onRetry={onRetry} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Cannot reach Vitrine. Check the connection and try again.');
    expect(alert).not.toHaveTextContent('NETWORK');
    expect(alert).not.toHaveTextContent('Failed to fetch');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
