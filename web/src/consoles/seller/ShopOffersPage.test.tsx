import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fromValue, makeSubject, never, type Subject } from 'wonka';
import { sessionStore } from '../../api/session';
import { OFFERS_PAGE, ShopOffersPage } from './ShopOffersPage';
import { kzt, offer, shopOffers, signInAs, stockEvent } from './testData';
import { callsFor, mockClient, renderWithClient, type MockResult } from '../../test/urql';
import type { SellerOfferFieldsFragment } from '../../gql/graphql';

beforeEach(() => signInAs());
afterEach(() => {
  sessionStore.clear();
  vi.restoreAllMocks();
});

function setup(offers: SellerOfferFieldsFragment[], { ownerId, mutation = {} }: { ownerId?: string; mutation?: MockResult } = {}) {
  const live = new Map<string, Subject<MockResult>>();
  const api = mockClient({
    query: (name) => (name === 'SellerShopOffers' ? fromValue({ data: shopOffers(offers, ownerId) }) : never),
    subscription: (name, variables) => {
      if (name !== 'StockChanged') return never;
      const subject = makeSubject<MockResult>();
      live.set(variables.productId as string, subject);
      return subject.source;
    },
    mutation: () => fromValue(mutation),
  });
  renderWithClient(<ShopOffersPage />, { client: api.client, route: '/seller/shops/shp-1', path: '/seller/shops/:shopId' });
  return { ...api, live, user: userEvent.setup() };
}

const tea = offer();
const lamp = offer({ id: 'ofr-lamp', productId: 'prd-lamp', name: 'Desk lamp', stock: 3, price: kzt(250_050), active: false });
const rows = () => screen.getAllByTestId('seller-offer');

describe('ShopOffersPage', () => {
  it('lists the shop’s offers by name with price, state and stock', () => {
    const { executeQuery } = setup([tea, lamp]);
    expect(callsFor(executeQuery, 'SellerShopOffers')[0].variables).toEqual({ shopId: 'shp-1' });
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Tea House');
    const list = screen.getByRole('list', { name: 'Offers of Tea House' });
    expect(within(list).getAllByRole('listitem').map((li) => li.getAttribute('data-offer-id'))).toEqual(['ofr-lamp', 'ofr-tea']);
    expect(rows()[0]).toHaveTextContent('Desk lamp');
    expect(rows()[0]).toHaveTextContent('Paused');
    expect(rows()[0]).toHaveTextContent('₸2 500.50');
    expect(within(rows()[0]).getByTestId('offer-stock')).toHaveTextContent('3 in stock');
    expect(rows()[1]).toHaveTextContent('Selling');
    expect(screen.getByText(/Showing 2 of 2/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('names an offer of a variant by its product and variant, and filters by either', async () => {
    const size = (id: string, name: string) => ({ __typename: 'ProductVariant' as const, id, name });
    const big = offer({ id: 'ofr-35', productId: 'prd-pizza', name: 'Pizza Margherita', variant: size('var-35', '35 cm'), price: kzt(453_700) });
    const small = offer({ id: 'ofr-25', productId: 'prd-pizza', name: 'Pizza Margherita', variant: size('var-25', '25 cm'), price: kzt(279_200) });
    const { user } = setup([big, tea, small]);
    expect(rows().map((r) => r.getAttribute('data-offer-id'))).toEqual(['ofr-tea', 'ofr-25', 'ofr-35']);
    expect(rows()[2]).toHaveAttribute('data-variant-id', 'var-35');
    expect(within(rows()[2]).getByText('Pizza Margherita · 35 cm')).toBeInTheDocument();
    expect(within(rows()[2]).getByRole('button', { name: 'Remove Pizza Margherita · 35 cm' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Filter offers by product'), '35 cm');
    expect(rows().map((r) => r.getAttribute('data-offer-id'))).toEqual(['ofr-35']);
  });

  it('follows each offer’s stock live, announced through aria-live', () => {
    const { live, executeSubscription } = setup([tea, lamp]);
    expect(callsFor(executeSubscription, 'StockChanged').map((c) => c.variables)).toEqual(
      expect.arrayContaining([{ productId: 'prd-tea' }, { productId: 'prd-lamp' }]),
    );
    const stock = within(rows()[1]).getByTestId('offer-stock');
    expect(stock).toHaveAttribute('aria-live', 'polite');
    expect(stock).toHaveAttribute('data-stock', '12');
    // The product's event carries every shop's offer; this row takes its own.
    act(() => live.get('prd-tea')!.next(stockEvent('prd-tea', [{ id: 'ofr-other', stock: 40 }, { id: 'ofr-tea', stock: 11 }])));
    expect(stock).toHaveAttribute('data-stock', '11');
    expect(stock).toHaveTextContent('Green tea: 11 in stock (live)');
    act(() => live.get('prd-tea')!.next(stockEvent('prd-tea', [{ id: 'ofr-tea', stock: 0 }])));
    expect(stock).toHaveTextContent('0 in stock');
    expect(stock).toHaveClass('text-danger');
    // The other row did not move.
    expect(within(rows()[0]).getByTestId('offer-stock')).toHaveAttribute('data-stock', '3');
  });

  it('filters by product name and shows offers a page at a time', async () => {
    const many = Array.from({ length: OFFERS_PAGE + 5 }, (_, i) =>
      offer({ id: `ofr-${i}`, productId: `prd-${i}`, name: `Item ${String(i).padStart(2, '0')}` }),
    );
    const { user, executeSubscription } = setup(many);
    expect(rows()).toHaveLength(OFFERS_PAGE);
    // Only the rows shown follow their stock.
    expect(callsFor(executeSubscription, 'StockChanged')).toHaveLength(OFFERS_PAGE);
    await user.click(screen.getByRole('button', { name: 'Show more (5 more)' }));
    expect(rows()).toHaveLength(OFFERS_PAGE + 5);
    await user.type(screen.getByLabelText('Filter offers by product'), 'item 1');
    expect(rows().map((r) => r.getAttribute('data-offer-id'))).toEqual(['ofr-10', 'ofr-11', 'ofr-12', 'ofr-13', 'ofr-14', 'ofr-15', 'ofr-16', 'ofr-17', 'ofr-18', 'ofr-19']);
    expect(screen.getByText(/Showing 10 of 10 matching “item 1”/)).toBeInTheDocument();
  });

  it('pauses and resumes selling', async () => {
    const { user, executeMutation } = setup([tea, lamp], { mutation: { data: { updateOffer: { ...tea, active: false } } } });
    await user.click(screen.getByRole('button', { name: 'Pause selling Green tea' }));
    await user.click(screen.getByRole('button', { name: 'Resume selling Desk lamp' }));
    expect(callsFor(executeMutation, 'SellerUpdateOffer').map((c) => c.variables)).toEqual([
      { offerId: 'ofr-tea', active: false },
      { offerId: 'ofr-lamp', active: true },
    ]);
  });

  it('removes an offer only after asking, then reloads the list', async () => {
    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    const { user, executeMutation, executeQuery } = setup([tea], { mutation: { data: { removeOffer: true } } });
    await user.click(screen.getByRole('button', { name: 'Remove Green tea' }));
    expect(executeMutation).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Remove Green tea' }));
    expect(confirm).toHaveBeenLastCalledWith(expect.stringContaining('Stop selling “Green tea” in this shop?'));
    expect(callsFor(executeMutation, 'SellerRemoveOffer')[0].variables).toEqual({ offerId: 'ofr-tea' });
    expect(screen.getByTestId('offers-notice')).toHaveTextContent('Stopped selling “Green tea”.');
    expect(callsFor(executeQuery, 'SellerShopOffers').at(-1)?.context).toMatchObject({ requestPolicy: 'network-only' });
  });

  it('opens the add-offer form and links each offer to its stock page', async () => {
    const { user } = setup([tea]);
    expect(screen.getByRole('link', { name: 'Stock and history of Green tea' })).toHaveAttribute('href', '/seller/offers/ofr-tea');
    await user.click(screen.getByRole('button', { name: 'Add an offer' }));
    expect(screen.getByRole('form', { name: 'Add an offer' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('form', { name: 'Add an offer' })).not.toBeInTheDocument();
  });

  it('offers a first offer for an empty shop and warns on someone else’s shop', () => {
    setup([], { ownerId: 'cus-other' });
    expect(screen.getByText('This shop sells nothing yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add the first offer' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('This shop belongs to another seller');
  });
});
