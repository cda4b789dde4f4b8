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

  it('maps "All categories" in the select to null', async () => {
    const onSelect = vi.fn();
    render(<CategoryNav categories={categories} selected="c-tea" onSelect={onSelect} />);
    await userEvent.setup().selectOptions(screen.getByLabelText('Category'), 'All categories');
    expect(onSelect).toHaveBeenLastCalledWith(null);
  });
});
