import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError } from '@urql/core';
import { fromValue, never } from 'wonka';
import { CatalogPage, PAGE_SIZE } from './CatalogPage';
import { categories, facets, product, searchResult } from '../test/fixtures';
import { callsFor, mockClient, renderWithClient, type MockHandler, type MockResult } from '../test/urql';

function setup(search: (variables: Record<string, unknown>) => MockResult | null, route = '/') {
  const query: MockHandler = (name, variables) => {
    if (name === 'Categories') return fromValue({ data: { categories } });
    if (name === 'SearchProducts') {
      const result = search(variables);
      return result ? fromValue(result) : never;
    }
    return never;
  };
  const api = mockClient({ query });
  renderWithClient(<CatalogPage />, { client: api.client, route });
  const searches = () => callsFor(api.executeQuery, 'SearchProducts');
  return { ...api, searches, user: userEvent.setup() };
}

const tea = product({ id: 'p1', name: 'Green tea' });
const coffee = product({
  id: 'p2',
  name: 'Flat white',
  category: { __typename: 'Category', id: 'c-coffee', name: 'Coffee' },
  price: { __typename: 'Money', amount: 120000, currency: 'KZT' },
  cheapestOffer: null,
  inStock: false,
});

describe('CatalogPage', () => {
  it('shows product cards from the search result', () => {
    setup(() => ({ data: searchResult([tea, coffee]) }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Catalog');
    const cards = screen.getAllByTestId('product-card');
    expect(cards).toHaveLength(2);
    expect(within(cards[0]).getByRole('link', { name: 'Green tea' })).toHaveAttribute('href', '/products/p1');
    expect(cards[1]).toHaveTextContent('Flat white');
    expect(cards[1]).toHaveTextContent('₸1 200');
    expect(cards[1]).toHaveTextContent('Out of stock');
    expect(screen.getByTestId('result-count')).toHaveTextContent('2 products');
    expect(screen.queryByRole('button', { name: 'Load more products' })).not.toBeInTheDocument();
  });

  it('shows an empty state when nothing matches', () => {
    setup(() => ({ data: searchResult([]) }), '/?q=unicorn');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Results for “unicorn”');
    expect(screen.queryByTestId('product-card')).not.toBeInTheDocument();
    const empty = screen.getByText('No products found').closest('[role="status"]');
    expect(empty).toHaveTextContent('Try other words, another category, or fewer filters.');
  });

  it('searches with the filters from the URL', () => {
    const { searches } = setup(() => ({ data: searchResult([tea], { totalCount: 1 }) }), '/?q=tea&min=1000&inStock=1&sort=PRICE_ASC');
    expect(searches()[0].variables).toEqual({
      query: 'tea',
      categoryId: null,
      minPrice: 100000,
      maxPrice: null,
      inStockOnly: true,
      tags: null,
      sort: 'PRICE_ASC',
      first: PAGE_SIZE,
      after: null,
      withFacets: true,
    });
    expect(screen.getByTestId('result-count')).toHaveTextContent('1 product');
    expect(screen.getByLabelText('In stock only')).toBeChecked();
  });

  it('filters by a category through the URL and offers the tags of what it finds', async () => {
    const { user, searches } = setup((v) =>
      v.categoryId === 'c-tea'
        ? { data: searchResult([tea], { facets: facets({ categories: { 'c-drinks': 2, 'c-tea': 1, 'c-coffee': 1 }, tags: [['hot', 1]], inStock: 1 }) }) }
        : { data: searchResult([tea, coffee], { facets: facets({ categories: { 'c-drinks': 2, 'c-tea': 1, 'c-coffee': 1 }, tags: [['hot', 2], ['milk', 1]], inStock: 1 }) }) },
    );
    await user.click(screen.getByRole('button', { name: 'Tea (1)' }));

    expect(screen.getByTestId('location')).toHaveTextContent('/?category=c-tea');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Tea');
    expect(searches().at(-1)!.variables).toMatchObject({ categoryId: 'c-tea', after: null, withFacets: true });
    expect(screen.getAllByTestId('product-card')).toHaveLength(1);
    // The tags the teas carry, counted among them.
    const tags = within(screen.getByRole('group', { name: 'Tags' })).getAllByRole('checkbox');
    expect(tags.map((t) => (t as HTMLInputElement).labels?.[0]?.textContent)).toEqual(['hot (1)']);
  });

  it('shows beside every category, tag and "In stock only" how many the search would find', async () => {
    const counted = facets({ categories: { 'c-drinks': 5, 'c-tea': 3, 'c-coffee': 2, 'c-food': 1, 'c-bakery': 1 }, tags: [['hot', 4], ['green', 2]], inStock: 4 });
    const { user, searches } = setup(() => ({ data: searchResult([tea, coffee], { totalCount: 6, facets: counted }) }), '/?q=t');
    const nav = screen.getByRole('navigation', { name: 'Categories' });
    // Wider screens: the list; "All categories" adds up the roots.
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'All categories (6)',
      'Drinks (5)',
      'Coffee (2)',
      'Tea (3)',
      'Food (1)',
      'Bakery (1)',
    ]);
    // Phones: the select says the same.
    const select = within(nav).getByLabelText('Category');
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All categories (6)',
      'All Drinks (5)',
      'Coffee (2)',
      'Tea (3)',
      'All Food (1)',
      'Bakery (1)',
    ]);
    const tags = within(screen.getByRole('group', { name: 'Tags' })).getAllByRole('checkbox');
    expect(tags.map((t) => (t as HTMLInputElement).labels?.[0]?.textContent)).toEqual(['hot (4)', 'green (2)']);
    expect(screen.getByRole('checkbox', { name: 'In stock only (4)' })).not.toBeChecked();

    // Choosing a tag searches with it.
    await user.click(screen.getByRole('checkbox', { name: 'green (2)' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/?q=t&tags=green');
    expect(searches().at(-1)!.variables).toMatchObject({ query: 't', tags: ['green'], withFacets: true });
  });

  it('counts a category the search finds nothing in as 0', () => {
    setup(() => ({ data: searchResult([tea], { facets: facets({ categories: { 'c-drinks': 1, 'c-tea': 1 }, inStock: 0 }) }) }));
    const nav = screen.getByRole('navigation', { name: 'Categories' });
    expect(within(nav).getByRole('button', { name: 'Food (0)' })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'Coffee (0)' })).toBeInTheDocument();
    expect(within(nav).getByRole('button', { name: 'All categories (1)' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'In stock only (0)' })).toBeInTheDocument();
  });

  it('keeps the last counts while the next search runs', async () => {
    const { user } = setup((v) =>
      v.inStockOnly ? null : { data: searchResult([tea, coffee], { facets: facets({ categories: { 'c-drinks': 2, 'c-tea': 1, 'c-coffee': 1 }, inStock: 1 }) }) },
    );
    await user.click(screen.getByRole('checkbox', { name: 'In stock only (1)' }));
    expect(screen.getByRole('status')).toHaveTextContent('Loading products…');
    expect(screen.getByRole('checkbox', { name: 'In stock only (1)' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Drinks (2)' })).toBeInTheDocument();
  });

  it('shows no counts until the facets are known', () => {
    setup(() => ({ data: searchResult([tea]) }));
    expect(screen.getByRole('button', { name: 'Tea' })).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'In stock only' })).toBeInTheDocument();
    expect(screen.queryByTestId('facet-count')).not.toBeInTheDocument();
  });

  it('clears the words searched for and keeps the other filters', async () => {
    const { user, searches } = setup((v) => ({ data: searchResult(v.query === 'white' ? [coffee] : [tea, coffee]) }), '/?q=white&inStock=1');
    expect(screen.getAllByTestId('product-card').map((c) => within(c).getByRole('link').textContent)).toEqual(['Flat white']);
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(screen.getByTestId('location')).toHaveTextContent('/?inStock=1');
    expect(searches().at(-1)!.variables).toMatchObject({ query: null, inStockOnly: true });
    expect(screen.getAllByTestId('product-card')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Clear search' })).not.toBeInTheDocument();
  });

  it('keeps the filters behind a "Filters" button on phones, counting the ones in use', async () => {
    const { user } = setup(() => ({ data: searchResult([tea]) }), '/?category=c-tea&min=100&sort=NEWEST');
    const toggle = screen.getByRole('button', { name: /^Filters/ });
    expect(toggle).toHaveTextContent('Filters3');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    // Hidden below the md breakpoint (Bootstrap's d-none d-md-block), shown once opened.
    const panels = toggle.getAttribute('aria-controls')!.split(' ').map((id) => document.getElementById(id)!);
    expect(panels).toHaveLength(2);
    for (const panel of panels) expect(panel).toHaveClass('d-none', 'd-md-block');
    expect(panels[1]).toContainElement(screen.getByLabelText('Sort by'));
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    for (const panel of panels) expect(panel).not.toHaveClass('d-none');
  });

  it('loads the next page after the last one', async () => {
    const { user, searches } = setup((v) =>
      v.after === 'cursor-1'
        ? { data: searchResult([coffee], { totalCount: 2 }) }
        : { data: searchResult([tea], { hasNextPage: true, totalCount: 2 }) },
    );
    expect(screen.getAllByTestId('product-card')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Load more products' }));
    expect(searches().at(-1)!.variables).toMatchObject({ after: 'cursor-1', first: PAGE_SIZE });
    // Only the first page asks for the facets.
    expect(searches().at(-1)!.variables).not.toHaveProperty('withFacets');
    expect(screen.getAllByTestId('product-card').map((c) => within(c).getByRole('link').textContent)).toEqual(['Green tea', 'Flat white']);
    expect(screen.queryByRole('button', { name: 'Load more products' })).not.toBeInTheDocument();
    expect(screen.getAllByTestId('result-count')).toHaveLength(1);
  });

  it('shows loading while the search runs', () => {
    setup(() => null);
    expect(screen.getByRole('status')).toHaveTextContent('Loading products…');
  });

  it('shows an error with a retry that asks the network again', async () => {
    const error = new CombinedError({ graphQLErrors: [{ message: 'Search is down', extensions: { code: 'INTERNAL' } }] });
    const { user, searches } = setup(() => ({ error }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Could not load products');
    expect(alert).toHaveTextContent('Something went wrong on our side. Nothing was changed; please try again.');
    expect(alert).not.toHaveTextContent('INTERNAL');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(searches().at(-1)!.context).toMatchObject({ requestPolicy: 'network-only' });
  });
});
