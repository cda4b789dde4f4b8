import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SearchFilters } from './SearchFilters';
import type { CatalogFilters } from '../lib/catalogFilters';

const empty: CatalogFilters = { q: '', category: null, min: '', max: '', inStock: false, tags: [], sort: 'RELEVANCE' };

function setup(filters: CatalogFilters = empty, availableTags: string[] = []) {
  const onChange = vi.fn();
  const view = render(<SearchFilters filters={filters} availableTags={availableTags} onChange={onChange} />);
  return { onChange, view, user: userEvent.setup() };
}

const min = () => screen.getByRole('textbox', { name: 'Min price (₸)' });
const max = () => screen.getByRole('textbox', { name: 'Max price (₸)' });

describe('SearchFilters', () => {
  it('is a form of labelled controls showing the current filters, without a search box of its own', () => {
    setup({ q: 'tea', category: null, min: '100', max: '900', inStock: true, tags: [], sort: 'PRICE_DESC' });
    expect(screen.getByRole('form', { name: 'Filters' })).toBeInTheDocument();
    // The words come from the header's search.
    expect(screen.queryByRole('searchbox')).not.toBeInTheDocument();
    expect(min()).toHaveValue('100');
    expect(max()).toHaveValue('900');
    expect(screen.getByLabelText('Sort by')).toHaveDisplayValue('Price: high to low');
    expect(screen.getByLabelText('In stock only')).toBeChecked();
    expect(screen.queryByRole('group', { name: 'Tags' })).not.toBeInTheDocument();
  });

  it('keeps the words searched for when a filter changes', async () => {
    const { user, onChange } = setup({ ...empty, q: 'green tea' });
    await user.type(min(), '500');
    expect(onChange).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Apply prices' }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ ...empty, q: 'green tea', min: '500' });
  });

  it('submits a valid price range', async () => {
    const { user, onChange } = setup();
    await user.type(min(), '1000');
    await user.type(max(), '2500.50{Enter}');
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ ...empty, min: '1000', max: '2500.50' });
  });

  it('shows price errors on the fields and does not search', async () => {
    const { user, onChange } = setup();
    await user.type(min(), 'cheap');
    await user.click(screen.getByRole('button', { name: 'Apply prices' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(min()).toHaveAttribute('aria-invalid', 'true');
    expect(min()).toHaveAccessibleDescription('Enter an amount like 5000 or 5000.50.');
    expect(max()).not.toHaveAttribute('aria-invalid');

    await user.clear(min());
    await user.type(min(), '5000');
    await user.type(max(), '100');
    await user.click(screen.getByRole('button', { name: 'Apply prices' }));
    expect(onChange).not.toHaveBeenCalled();
    expect(min()).not.toHaveAttribute('aria-invalid');
    expect(max()).toHaveAccessibleDescription('The maximum must not be below the minimum.');

    await user.clear(max());
    await user.click(screen.getByRole('button', { name: 'Apply prices' }));
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ ...empty, min: '5000' });
    expect(max()).not.toHaveAttribute('aria-invalid');
  });

  it('applies sort and in-stock at once', async () => {
    const { user, onChange } = setup();
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Newest');
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, sort: 'NEWEST' });
    await user.click(screen.getByLabelText('In stock only'));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, sort: 'NEWEST', inStock: true });
  });

  it('does not apply a sort change while a price is invalid, and says why', async () => {
    const { user, onChange } = setup();
    await user.type(min(), 'abc');
    await user.selectOptions(screen.getByLabelText('Sort by'), 'Newest');
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Sort by')).toHaveValue('NEWEST');
    expect(min()).toHaveAttribute('aria-invalid', 'true');
    // Fixing the price clears the error and applies what was chosen.
    await user.clear(min());
    await user.click(screen.getByLabelText('In stock only'));
    expect(min()).not.toHaveAttribute('aria-invalid');
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, sort: 'NEWEST', inStock: true });
  });

  it('lists available and selected tags as toggles, sorted', async () => {
    const { user, onChange } = setup({ ...empty, tags: ['spicy'] }, ['vegan', 'hot']);
    const group = screen.getByRole('group', { name: 'Tags' });
    const boxes = within(group).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).labels?.[0]?.textContent)).toEqual(['hot', 'spicy', 'vegan']);
    // Ids stay unique even for tags that differ only in punctuation.
    expect(new Set(boxes.map((b) => b.id)).size).toBe(3);
    expect(within(group).getByRole('checkbox', { name: 'spicy' })).toBeChecked();
    expect(within(group).getByRole('checkbox', { name: 'hot' })).not.toBeChecked();

    await user.click(within(group).getByRole('checkbox', { name: 'hot' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, tags: ['spicy', 'hot'] });
    await user.click(within(group).getByRole('checkbox', { name: 'spicy' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, tags: ['hot'] });
  });

  it('follows new filters from the URL', () => {
    const { view } = setup({ ...empty, q: 'tea' });
    view.rerender(<SearchFilters filters={{ ...empty, q: 'coffee', min: '200', sort: 'PRICE_ASC' }} availableTags={[]} onChange={() => {}} />);
    expect(min()).toHaveValue('200');
    expect(screen.getByLabelText('Sort by')).toHaveValue('PRICE_ASC');
  });
});
