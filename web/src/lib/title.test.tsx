import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { pageTitle, usePageTitle } from './title';

function Page({ title }: { title: string | null }) {
  usePageTitle(title);
  return null;
}

describe('pageTitle', () => {
  it('puts the page first and the site last', () => {
    expect(pageTitle('Cart')).toBe('Cart · Vitrine');
    expect(pageTitle('  Pizza Margherita 30 cm ')).toBe('Pizza Margherita 30 cm · Vitrine');
  });

  it('is the site alone while there is no name yet', () => {
    expect(pageTitle(null)).toBe('Vitrine');
    expect(pageTitle(undefined)).toBe('Vitrine');
    expect(pageTitle(' ')).toBe('Vitrine');
  });
});

describe('usePageTitle', () => {
  it('sets the document title, follows changes and gives the old one back on leaving', () => {
    document.title = 'Vitrine';
    const { rerender, unmount } = render(<Page title={null} />);
    expect(document.title).toBe('Vitrine');
    rerender(<Page title="Order #1042" />);
    expect(document.title).toBe('Order #1042 · Vitrine');
    rerender(<Page title="Wallet" />);
    expect(document.title).toBe('Wallet · Vitrine');
    unmount();
    expect(document.title).toBe('Vitrine');
  });
});
