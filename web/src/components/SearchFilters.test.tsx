import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SearchFilters, TAGS_SHOWN, visibleTags } from './SearchFilters';
import type { CatalogFilters } from '../lib/catalogFilters';
import { MAX_TAG_FACETS, type SearchFacets } from '../lib/searchFacets';

const empty: CatalogFilters = { q: '', category: null, min: '', max: '', inStock: false, tags: [], sort: 'RELEVANCE' };

type Facets = Pick<SearchFacets, 'tags' | 'inStock'>;

function facets(inStock: number, tags: Array<[string, number]>): Facets {
  return { inStock, tags: tags.map(([tag, count]) => ({ __typename: 'TagCount', tag, count })) };
}

function setup(filters: CatalogFilters = empty, withFacets: Facets | null = null) {
  const onChange = vi.fn();
  const view = render(<SearchFilters filters={filters} facets={withFacets} onChange={onChange} />);
  return { onChange, view, user: userEvent.setup() };
}

const tagLabels = () =>
  within(screen.getByRole('group', { name: 'Tags' }))
    .getAllByRole('checkbox')
    .map((b) => (b as HTMLInputElement).labels?.[0]?.textContent);

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

  it("offers the matches' tags as toggles, commonest first, with how many each would leave", async () => {
    const { user, onChange } = setup({ ...empty, tags: ['spicy'] }, facets(4, [['spicy', 5], ['hot', 3], ['vegan', 1]]));
    const group = screen.getByRole('group', { name: 'Tags' });
    const boxes = within(group).getAllByRole('checkbox');
    expect(tagLabels()).toEqual(['spicy (5)', 'hot (3)', 'vegan (1)']);
    // Ids stay unique even for tags that differ only in punctuation.
    expect(new Set(boxes.map((b) => b.id)).size).toBe(3);
    expect(within(group).getByRole('checkbox', { name: 'spicy (5)' })).toBeChecked();
    expect(within(group).getByRole('checkbox', { name: 'hot (3)' })).not.toBeChecked();

    await user.click(within(group).getByRole('checkbox', { name: 'hot (3)' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, tags: ['spicy', 'hot'] });
    await user.click(within(group).getByRole('checkbox', { name: 'spicy (5)' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, tags: ['hot'] });
  });

  it('keeps a chosen tag the matches do not carry, counting none; past the 30 counted, no count', () => {
    const { view } = setup({ ...empty, tags: ['kosher'] }, facets(0, []));
    expect(tagLabels()).toEqual(['kosher (0)']);
    expect(screen.getByRole('checkbox', { name: 'kosher (0)' })).toBeChecked();

    // A full list may have left it out for being rarer: how many is not known.
    const full = facets(9, Array.from({ length: MAX_TAG_FACETS }, (_, i): [string, number] => [`tag${i}`, 40 - i]));
    view.rerender(<SearchFilters filters={{ ...empty, tags: ['kosher'] }} facets={full} onChange={() => {}} />);
    // The commonest and the chosen one show; the rest behind "More tags".
    expect(tagLabels()).toHaveLength(TAGS_SHOWN + 1);
    fireEvent.click(screen.getByRole('button', { name: `More tags (${MAX_TAG_FACETS - TAGS_SHOWN})` }));
    expect(tagLabels()).toHaveLength(MAX_TAG_FACETS + 1);
    expect(tagLabels().slice(0, 2)).toEqual(['tag0 (40)', 'tag1 (39)']);
    expect(tagLabels().at(-1)).toBe('kosher');
  });

  it(`shows the ${TAGS_SHOWN} commonest tags and the chosen ones, the rest behind "More tags (N)"`, async () => {
    const thirty = Array.from({ length: MAX_TAG_FACETS }, (_, i): [string, number] => [`tag${i}`, 40 - i]);
    // One chosen tag among the rarer ones: it shows where the list has it.
    const { user, onChange } = setup({ ...empty, tags: ['tag20'] }, facets(9, thirty));
    const expected = [...thirty.slice(0, TAGS_SHOWN), thirty[20]].map(([tag, count]) => `${tag} (${count})`);
    expect(tagLabels()).toEqual(expected);
    expect(screen.getByRole('checkbox', { name: 'tag20 (20)' })).toBeChecked();
    const more = screen.getByRole('button', { name: 'More tags (17)' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    // A button of its own: it changes no filter.
    await user.click(more);
    expect(onChange).not.toHaveBeenCalled();
    expect(tagLabels()).toEqual(thirty.map(([tag, count]) => `${tag} (${count})`));
    const fewer = screen.getByRole('button', { name: 'Fewer tags' });
    expect(fewer).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('group', { name: 'Tags' })).toContainElement(document.getElementById(fewer.getAttribute('aria-controls')!));

    // A tag found behind it can be chosen; collapsed again, it stays in sight.
    await user.click(screen.getByRole('checkbox', { name: 'tag25 (15)' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, tags: ['tag20', 'tag25'] });
    await user.click(fewer);
    expect(tagLabels()).toHaveLength(TAGS_SHOWN + 2);
    expect(tagLabels().slice(-2)).toEqual(['tag20 (20)', 'tag25 (15)']);
    expect(screen.getByRole('button', { name: 'More tags (16)' })).toBeInTheDocument();
  });

  it('has no "More tags" for a few tags', () => {
    setup(empty, facets(3, Array.from({ length: TAGS_SHOWN }, (_, i): [string, number] => [`tag${i}`, 20 - i])));
    expect(tagLabels()).toHaveLength(TAGS_SHOWN);
    expect(screen.queryByRole('button', { name: /More tags|Fewer tags/ })).not.toBeInTheDocument();
  });

  it('visibleTags keeps the order, the first ones and the chosen ones', () => {
    const tags = Array.from({ length: 15 }, (_, i) => `t${i}`);
    expect(visibleTags(tags, [], false)).toEqual({ shown: tags.slice(0, TAGS_SHOWN), hidden: 3 });
    expect(visibleTags(tags, ['t14', 't0'], false)).toEqual({ shown: [...tags.slice(0, TAGS_SHOWN), 't14'], hidden: 2 });
    expect(visibleTags(tags, ['t12', 't13', 't14'], false)).toEqual({ shown: tags, hidden: 0 });
    expect(visibleTags(tags, [], true)).toEqual({ shown: tags, hidden: 0 });
  });

  it('says how many matches some shop can sell beside "In stock only", checked or not', async () => {
    const { user, onChange, view } = setup(empty, facets(7, []));
    const box = screen.getByRole('checkbox', { name: 'In stock only (7)' });
    expect(box).not.toBeChecked();
    expect(within(box.closest('div')!).getByTestId('facet-count')).toHaveAttribute('data-count', '7');
    await user.click(box);
    expect(onChange).toHaveBeenLastCalledWith({ ...empty, inStock: true });
    view.rerender(<SearchFilters filters={{ ...empty, inStock: true }} facets={facets(7, [])} onChange={() => {}} />);
    expect(screen.getByRole('checkbox', { name: 'In stock only (7)' })).toBeChecked();
  });

  it('shows no counts and only the chosen tags before the facets are known', () => {
    setup({ ...empty, tags: ['vegan'] });
    expect(screen.getByRole('checkbox', { name: 'In stock only' })).toBeInTheDocument();
    expect(tagLabels()).toEqual(['vegan']);
    expect(screen.queryByTestId('facet-count')).not.toBeInTheDocument();
  });

  it('follows new filters from the URL', () => {
    const { view } = setup({ ...empty, q: 'tea' });
    view.rerender(<SearchFilters filters={{ ...empty, q: 'coffee', min: '200', sort: 'PRICE_ASC' }} onChange={() => {}} />);
    expect(min()).toHaveValue('200');
    expect(screen.getByLabelText('Sort by')).toHaveValue('PRICE_ASC');
  });
});
