import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { buildTree, CategoryNav } from './CategoryNav';
import { categories } from '../test/fixtures';

describe('buildTree', () => {
  it('groups children under their roots, both sorted by name', () => {
    const tree = buildTree(categories);
    expect(tree.map((t) => [t.category.name, t.children.map((c) => c.name)])).toEqual([
      ['Drinks', ['Coffee', 'Tea']],
      ['Food', ['Bakery']],
    ]);
  });

  it('is empty for no categories', () => {
    expect(buildTree([])).toEqual([]);
  });
});

describe('CategoryNav', () => {
  it('is a navigation landmark listing every category as a button', () => {
    render(<CategoryNav categories={categories} selected={null} onSelect={() => {}} />);
    const nav = screen.getByRole('navigation', { name: 'Categories' });
    const names = within(nav)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual(['All categories', 'Drinks', 'Coffee', 'Tea', 'Food', 'Bakery']);
    expect(within(nav).getByRole('button', { name: 'All categories' })).toHaveAttribute('aria-current', 'true');
  });

  it('marks the selected category as current', () => {
    render(<CategoryNav categories={categories} selected="c-tea" onSelect={() => {}} />);
    expect(screen.getByRole('button', { name: 'Tea' })).toHaveAttribute('aria-current', 'true');
    expect(screen.getByRole('button', { name: 'Tea' })).toHaveClass('fw-bold');
    expect(screen.getByRole('button', { name: 'All categories' })).not.toHaveAttribute('aria-current');
    expect(screen.getByLabelText('Category')).toHaveValue('c-tea');
  });

  it('selects a category, a subcategory or all with the buttons', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<CategoryNav categories={categories} selected="c-food" onSelect={onSelect} />);
    await user.click(screen.getByRole('button', { name: 'Coffee' }));
    await user.click(screen.getByRole('button', { name: 'Drinks' }));
    await user.click(screen.getByRole('button', { name: 'All categories' }));
    expect(onSelect.mock.calls).toEqual([['c-coffee'], ['c-drinks'], [null]]);
  });

  it('offers the same choices in a labelled select for phones', async () => {
    const onSelect = vi.fn();
    const user = userEvent.setup();
    render(<CategoryNav categories={categories} selected={null} onSelect={onSelect} />);
    const select = screen.getByLabelText('Category');
    expect(select).toHaveValue('');
    const drinks = within(select).getByRole('group', { name: 'Drinks' });
    expect(within(drinks).getAllByRole('option').map((o) => o.textContent)).toEqual(['All Drinks', 'Coffee', 'Tea']);

    await user.selectOptions(select, 'Tea');
    expect(onSelect).toHaveBeenLastCalledWith('c-tea');
    await user.selectOptions(select, 'All Food');
    expect(onSelect).toHaveBeenLastCalledWith('c-food');
  });

  it('says how many each category finds when given counts, 0 for one left out', async () => {
    const onSelect = vi.fn();
    const counts = new Map([
      ['c-drinks', 7],
      ['c-tea', 4],
      ['c-coffee', 3],
    ]);
    render(<CategoryNav categories={categories} selected="c-tea" onSelect={onSelect} counts={counts} />);
    const nav = screen.getByRole('navigation', { name: 'Categories' });
    expect(within(nav).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'All categories (7)',
      'Drinks (7)',
      'Coffee (3)',
      'Tea (4)',
      'Food (0)',
      'Bakery (0)',
    ]);
    expect(within(nav).getByRole('button', { name: 'Tea (4)' })).toHaveAttribute('aria-current', 'true');
    expect(within(nav).getByRole('button', { name: 'Bakery (0)' }).querySelector('[data-testid="facet-count"]')).toHaveAttribute('data-count', '0');
    const select = screen.getByLabelText('Category');
    expect(select).toHaveValue('c-tea');
    expect(within(within(select).getByRole('group', { name: 'Food' })).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'All Food (0)',
      'Bakery (0)',
    ]);
    await userEvent.setup().selectOptions(select, 'Coffee (3)');
    expect(onSelect).toHaveBeenLastCalledWith('c-coffee');
  });

  it('maps "All categories" in the select to null', async () => {
    const onSelect = vi.fn();
    render(<CategoryNav categories={categories} selected="c-tea" onSelect={onSelect} />);
    await userEvent.setup().selectOptions(screen.getByLabelText('Category'), 'All categories');
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });
});
