import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './browser';
import { buy, expectNoHorizontalScroll, PASSWORD, signIn, STAFF } from './flows';
import { graphql } from './server';
import { useVitrineAndChromium } from './suite';
import { formatMoney } from '../src/lib/money';

// The ADMIN console's finance page (issue #18): a shopper pays with the wallet, the order is
// delivered (which captures the payment), the admin finds the payment and refunds a quarter
// of it through the page; the shopper's wallet gets it back, the day's totals show it and the
// wallet reconciles.

const ADMIN = STAFF.admin;
const PRODUCT = 'Baseus USB-C to USB-C Cable 2 m'; // sold by a shop, no kitchen: straight to READY_FOR_DELIVERY

// Couriers are left alone: the admin moves the order to DELIVERED by hand.
const suite = useVitrineAndChromium({ simulateCouriers: false });

/** The integer minor units a `<Money>` inside `locator` shows. */
async function amountIn(page: Page, selector: string): Promise<number> {
  const text = await page.locator(selector).locator('[data-amount]').first().getAttribute('data-amount');
  return Number(text);
}

/** 99750 tiyn → "997.50" (what a person types in tenge). */
function tenge(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
}

describe('admin finance console in a real browser', () => {
  it('refunds a quarter of a wallet payment: the shopper gets it back, the totals show it, the wallet reconciles', async () => {
    const url = suite.vitrine.url;

    // ---- set-up through the API: a shopper with money and an address; the admin's token.
    const email = `finance-${Date.now()}@example.kz`;
    const { register } = await graphql<{ register: { accessToken: string; customer: { id: string } } }>(
      url,
      'mutation ($input: RegisterInput!) { register(input: $input) { accessToken customer { id } } }',
      { input: { email, name: 'Dana Finance', password: PASSWORD } },
    );
    const shopperToken = register.accessToken;
    const customerId = register.customer.id;
    await graphql(
      url,
      'mutation ($amount: Int!, $key: String!) { topUpWallet(amount: $amount, idempotencyKey: $key) { entry { id } } }',
      { amount: 2_000_000, key: randomUUID() },
      shopperToken,
    );
    await graphql(
      url,
      'mutation ($input: AddressInput!) { addAddress(input: $input) { id } }',
      { input: { label: 'Home', line1: 'Abay Ave 10', city: 'Almaty', postalCode: '050000', latitude: 43.238, longitude: 76.945, isDefault: true } },
      shopperToken,
    );
    const { login } = await graphql<{ login: { accessToken: string } }>(
      url,
      'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      ADMIN,
    );
    const adminToken = login.accessToken;

    // ---- the shopper buys with the wallet, in their own browser.
    const shopperContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shopper = await shopperContext.newPage();
    const shopperErrors = collectPageErrors(shopper);
    await signIn(shopper, url, { email, password: PASSWORD });
    // The address and the money are there already (set up above).
    const orderId = await buy(shopper, { search: 'usb-c cable', product: PRODUCT, newAddress: false });

    // ---- set-up: the admin delivers the order, which captures the payment.
    const orderState = () =>
      graphql<{ order: { status: string; payment: { id: string; status: string; amount: { amount: number } } | null } }>(
        url,
        'query ($id: ID!) { order(id: $id) { status payment { id status amount { amount } } } }',
        { id: orderId },
        adminToken,
      ).then((d) => d.order);
    await waitFor('order ready for delivery', orderState, (o) => o.status === 'READY_FOR_DELIVERY');
    for (const status of ['OUT_FOR_DELIVERY', 'DELIVERED']) {
      await graphql(
        url,
        'mutation ($id: ID!, $status: OrderStatus!) { updateOrderStatus(orderId: $id, status: $status, reason: "finance e2e") { status } }',
        { id: orderId, status },
        adminToken,
      );
    }
    const delivered = await waitFor('payment captured', orderState, (o) => o.payment?.status === 'CAPTURED');
    const paymentId = delivered.payment!.id;
    const paid = delivered.payment!.amount.amount;
    const quarter = Math.floor(paid / 4);
    expect(quarter).toBeGreaterThan(0);

    // The shopper's wallet before the refund.
    await shopper.goto(`${url}/wallet`);
    await shopper.getByTestId('wallet-balance').waitFor();
    const balanceBefore = await amountIn(shopper, '[data-testid="wallet-balance"]');
    expect(balanceBefore).toBe(2_000_000 - paid);

    // ---- the admin signs in and opens the finance page.
    const adminContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const admin = await adminContext.newPage();
    const adminErrors = collectPageErrors(admin);
    await signIn(admin, url, ADMIN);
    await admin.getByRole('link', { name: 'Finance', exact: true }).click();
    await admin.waitForURL(/\/admin\/finance/);
    await admin.getByRole('heading', { name: 'Finance', exact: true }).waitFor();

    // The day's totals before the refund.
    const today = new Date().toISOString().slice(0, 10);
    const todayWallet = `[data-testid="totals-row"][data-day="${today}"][data-method="WALLET"]`;
    await admin.locator(todayWallet).waitFor();
    const refundedTodayBefore = await amountIn(admin, `${todayWallet} [data-col="refunded"]`);
    const netTodayBefore = await amountIn(admin, `${todayWallet} [data-col="net"]`);

    // Finds the payment: the customer's payments only.
    await admin.getByLabel('Customer ID', { exact: true }).fill(customerId);
    await admin.getByRole('button', { name: 'Apply filters' }).click();
    await admin.waitForURL((u) => u.searchParams.get('customer') === customerId);
    const row = admin.locator(`[data-testid="payment-row"][data-order-id="${orderId}"]`);
    await row.waitFor();
    // The unfiltered page may still be on screen for a moment: wait for the filtered one.
    await expect.poll(() => admin.getByTestId('payment-row').count()).toBe(1);
    await row.locator('[data-status="CAPTURED"]').waitFor();
    expect(await row.getByTestId('payment-customer').getAttribute('data-customer-id')).toBe(customerId);
    await expect(row.textContent()).resolves.toContain('Wallet');
    await row.getByRole('button', { name: /^Open the payment of order / }).click();

    // Its detail, with the history, and the refund form.
    const detail = admin.getByTestId('payment-detail');
    await detail.getByRole('list', { name: 'Payment history' }).locator('[data-kind="CAPTURED"]').waitFor();
    await screenshot(admin, 'finance-desktop-payment');

    // Refunds a quarter through the page. The first answer is lost on the way back (the
    // server did refund): the page cannot know, offers "Retry", and the retry carries the same
    // idempotency key, so the money goes back once.
    const refundKeys: string[] = [];
    let dropped = false;
    await admin.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { variables?: { idempotencyKey?: string; reason?: string } } | null;
      const key = body?.variables?.reason !== undefined ? body.variables.idempotencyKey : undefined;
      if (!key) return route.continue();
      refundKeys.push(key);
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch(); // reaches the server…
      return route.abort('connectionreset'); // …but the answer never reaches the page
    });
    await detail.getByLabel('Amount to refund (₸)').fill(tenge(quarter));
    await detail.getByLabel('Reason').fill('Damaged box');
    await detail.getByRole('button', { name: 'Refund', exact: true }).click();
    await detail.getByText('The server could not be reached.').waitFor({ timeout: 15_000 });
    await detail.getByRole('button', { name: 'Retry' }).click();
    const result = detail.getByTestId('refund-status');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.getAttribute('data-status')).toBe('PARTIALLY_REFUNDED');
    await expect(detail.getByTestId('refund-total').textContent()).resolves.toBe(formatMoney({ amount: quarter, currency: 'KZT' }));
    expect(refundKeys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(refundKeys).size).toBe(1);
    await admin.unroute('**/graphql');
    await expect.poll(() => amountIn(admin, '[data-testid="detail-refunded"]'), { timeout: 10_000 }).toBe(quarter);
    await detail.locator('[data-testid="payment-history"] [data-kind="REFUNDED"]').waitFor();
    await expect.poll(() => amountIn(admin, `[data-testid="payment-row"][data-order-id="${orderId}"] [data-testid="payment-refunded"]`), { timeout: 10_000 }).toBe(quarter);
    await row.locator('[data-status="PARTIALLY_REFUNDED"]').waitFor();

    // Today's totals show the refunded amount.
    await expect.poll(() => amountIn(admin, `${todayWallet} [data-col="refunded"]`), { timeout: 10_000 }).toBe(refundedTodayBefore + quarter);
    expect(await amountIn(admin, `${todayWallet} [data-col="net"]`)).toBe(netTodayBefore - quarter);

    // The customer's wallet reconciles.
    await detail.getByRole('button', { name: 'Check wallet' }).click();
    const report = admin.getByTestId('reconciliation');
    await report.waitFor();
    expect(await report.getAttribute('data-consistent')).toBe('true');
    await expect(admin.getByTestId('reconciliation-verdict').textContent()).resolves.toContain('Consistent');
    expect(await amountIn(admin, '[data-testid="rec-balance"]')).toBe(balanceBefore + quarter);
    expect(await amountIn(admin, '[data-testid="rec-ledger-balance"]')).toBe(balanceBefore + quarter);
    await screenshot(admin, 'finance-desktop');

    // ---- the shopper's wallet shows the money back, with a refund entry.
    await shopper.goto(`${url}/wallet`);
    await shopper.getByTestId('wallet-balance').waitFor();
    expect(await amountIn(shopper, '[data-testid="wallet-balance"]')).toBe(balanceBefore + quarter);
    const refundEntry = shopper.getByTestId('ledger-entry').filter({ hasText: 'Refund for order' }).and(shopper.locator(`[data-order-id="${orderId}"]`));
    await refundEntry.waitFor();
    expect(await refundEntry.getAttribute('data-kind')).toBe('CREDIT');
    expect(Number(await refundEntry.locator('[data-amount]').getAttribute('data-amount'))).toBe(quarter);
    // Money back is signed as money in.
    await expect(refundEntry.getByTestId('ledger-amount').textContent()).resolves.toBe(formatMoney({ amount: quarter, currency: 'KZT' }, { sign: 'always' }));
    await screenshot(shopper, 'finance-shopper-wallet');

    // ---- the same page on a phone: nothing wider than the screen (tables scroll in place).
    const phoneContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    const phoneErrors = collectPageErrors(phone);
    const view = `/admin/finance?customer=${encodeURIComponent(customerId)}&payment=${encodeURIComponent(paymentId)}&wallet=${encodeURIComponent(customerId)}`;
    await signIn(phone, url, ADMIN, view);
    await phone.locator(`[data-testid="payment-row"][data-order-id="${orderId}"]`).waitFor();
    await phone.getByTestId('payment-detail').getByTestId('refund-result').waitFor({ state: 'attached' });
    await phone.locator('[data-testid="payment-history"] [data-kind="REFUNDED"]').waitFor();
    await phone.getByTestId('reconciliation').waitFor();
    await phone.locator(todayWallet).waitFor();
    await expectNoHorizontalScroll(phone);
    // The payments table is wider than a phone: it scrolls inside its own container.
    const table = await phone.getByTestId('payments-table').evaluate((t) => ({
      inResponsive: !!t.parentElement?.classList.contains('table-responsive'),
      wider: t.scrollWidth > window.innerWidth,
    }));
    expect(table).toEqual({ inResponsive: true, wider: true });
    await screenshot(phone, 'finance-phone');

    expect(shopperErrors).toEqual([]);
    expect(adminErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    await Promise.all([shopperContext.close(), adminContext.close(), phoneContext.close()]);
  });
});
