import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { Money } from './Money';

describe('Money', () => {
  it('shows tiyn as tenge and keeps the raw amount in data attributes', () => {
    const { container } = render(<Money value={{ amount: 1299050, currency: 'KZT' }} className="fw-bold" />);
    const span = container.querySelector('span')!;
    expect(span).toHaveTextContent('₸12 990.50');
    expect(span).toHaveAttribute('data-amount', '1299050');
    expect(span).toHaveAttribute('data-currency', 'KZT');
    expect(span).toHaveClass('fw-bold');
  });

  it('shows zero and negative amounts', () => {
    const { container, rerender } = render(<Money value={{ amount: 0, currency: 'KZT' }} />);
    expect(container).toHaveTextContent('₸0');
    rerender(<Money value={{ amount: -45000, currency: 'KZT' }} />);
    expect(container).toHaveTextContent('−₸450');
  });

  it('shows a dash without a value', () => {
    const { container } = render(<Money value={null} />);
    const span = container.querySelector('span')!;
    expect(span).toHaveTextContent('—');
    expect(span).not.toHaveAttribute('data-amount');
  });
});
