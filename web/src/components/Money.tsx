import { formatMoney, type MoneyValue } from '../lib/money';

export function Money({ value, className }: { value: MoneyValue | null | undefined; className?: string }) {
  return (
    <span className={className} data-amount={value?.amount} data-currency={value?.currency}>
      {formatMoney(value)}
    </span>
  );
}
