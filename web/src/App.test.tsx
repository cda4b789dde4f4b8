import { afterEach, describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { never } from 'wonka';
import { AppRoutes } from './App';
import { sessionStore } from './api/session';
import { mockClient, renderWithClient } from './test/urql';

afterEach(() => sessionStore.clear());

function signIn(roles: string[]) {
  sessionStore.set({
    accessToken: 'a',
    refreshToken: 'r',
    expiresAt: Date.now() + 60_000,
    customer: { id: 'cus_1', email: 'staff@example.kz', name: 'Staff', roles },
  });
}

describe('AppRoutes: lazy pages', () => {
  it('shows a loading line while a console’s code arrives, then the console', async () => {
    signIn(['SELLER']);
    renderWithClient(<AppRoutes />, { client: mockClient({ query: () => never }).client, route: '/seller' });

    expect(screen.getByRole('status')).toHaveTextContent('Loading the page…');
    expect(await screen.findByRole('list', { name: 'Seller sections' })).toBeInTheDocument();
    expect(screen.queryByText('Loading the page…')).not.toBeInTheDocument();
    expect(await screen.findByText('Loading your shops…')).toBeInTheDocument();
  });

  it('keeps the role guard in front: another account is told so without the console', async () => {
    signIn(['CUSTOMER']);
    renderWithClient(<AppRoutes />, { route: '/kitchen' });

    expect(screen.getByTestId('forbidden')).toHaveTextContent('This page is for kitchen or admin staff.');
    expect(screen.queryByText('Loading the page…')).not.toBeInTheDocument();
  });
});
