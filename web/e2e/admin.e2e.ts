import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { collectPageErrors, screenshot } from './browser';
import { amountIn, expectedDeliveryFees, expectNoHorizontalScroll, signIn, signUp, STAFF, trustedDocuments } from './flows';
import { graphql } from './server';
import { useVitrineAndChromium } from './suite';
import { formatMoney } from '../src/lib/money';

/** Tiyn as the storefront shows them. */
const tenge = (amount: number) => formatMoney({ amount, currency: 'KZT' });

// Real time in the kitchen: a pizza takes ten minutes in the oven, so the order is still
// being prepared while the admin works on it.
const suite = useVitrineAndChromium({ timeScale: 1 });

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The name of every operation the pages of `context` send, over HTTP and WebSocket. */
function recordOperations(context: BrowserContext): string[] {
  const documents = trustedDocuments();
  const names: string[] = [];
  // A document's text puts its fragments first: the operation's name follows its keyword.
  const nameOf = (text: string | undefined) => /(?:^|[\s}])(?:query|mutation|subscription)\s+(\w+)/.exec(text ?? '')?.[1] ?? '?';
  context.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
    const body = request.postDataJSON() as { query?: string; extensions?: { persistedQuery?: { sha256Hash?: string } } };
    const hash = body.extensions?.persistedQuery?.sha256Hash;
    names.push(nameOf(body.query ?? (hash ? documents[hash] : undefined)));
  });
  context.on('page', (page) =>
    page.on('websocket', (ws) =>
      ws.on('framesent', (frame) => {
        const text = typeof frame.payload === 'string' ? frame.payload : frame.payload.toString();
        const message = JSON.parse(text) as { type?: string; payload?: { query?: string } };
        if (message.type === 'subscribe') names.push(nameOf(message.payload?.query));
      }),
    ),
  );
  return names;
}

const SALES_OPERATION = /^Sales/;

interface Shopper {
  token: string;
  addressId: string;
}

/** Sets up the shopper's wallet and address through the API (not what this test is about). */
async function prepareShopper(token: string): Promise<Shopper> {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await graphql(suite.vitrine.url, 'mutation($key: String!) { topUpWallet(amount: 5000000, idempotencyKey: $key) { entry { id } } }', { key: `top-up-${unique}` }, token);
  const { addAddress } = await graphql<{ addAddress: { id: string } }>(
    suite.vitrine.url,
    'mutation($input: AddressInput!) { addAddress(input: $input) { id } }',
    { input: { label: 'Home', line1: 'Abay Ave 10', city: 'Almaty', latitude: 43.2389, longitude: 76.8897 } },
    token,
  );
  return { token, addressId: addAddress.id };
}

interface Placed {
  id: string;
  /** What checkout charged for delivery (tiyn), as the quote before it said. */
  deliveryFee: number;
  /** Goods and delivery (tiyn). */
  total: number;
  /** The route the quote priced. */
  meters: number;
}

/**
 * The shopper buys one of the first product `search` finds (of a product with variants, the
 * first variant: a pizza's default size), paying with the wallet.
 */
async function placeOrder(shopper: Shopper, search: string): Promise<Placed> {
  type Offers = { offers: Array<{ id: string }> };
  const { searchProducts } = await graphql<{ searchProducts: { edges: Array<{ node: Offers & { variants: Offers[] } }> } }>(
    suite.vitrine.url,
    'query($q: String!) { searchProducts(query: $q, first: 1) { edges { node { offers { id } variants { offers { id } } } } } }',
    { q: search },
  );
  const node = searchProducts.edges[0].node;
  const offerId = (node.variants[0] ?? node).offers[0].id;
  await graphql(suite.vitrine.url, 'mutation($o: ID!) { addToCart(offerId: $o, quantity: 1) { id } }', { o: offerId }, shopper.token);
  const { deliveryQuote } = await graphql<{ deliveryQuote: { deliveryFee: { amount: number }; distanceMeters: number } }>(
    suite.vitrine.url,
    'query($a: ID!) { deliveryQuote(addressId: $a) { deliveryFee { amount } distanceMeters } }',
    { a: shopper.addressId },
    shopper.token,
  );
  const { checkout } = await graphql<{ checkout: { id: string; deliveryFee: { amount: number }; total: { amount: number } } }>(
    suite.vitrine.url,
    'mutation($input: CheckoutInput!) { checkout(input: $input) { id deliveryFee { amount } total { amount } } }',
    { input: { idempotencyKey: `checkout-${Date.now()}-${search}`, deliveryAddressId: shopper.addressId, paymentMethod: 'WALLET' } },
    shopper.token,
  );
  expect(checkout.deliveryFee.amount).toBe(deliveryQuote.deliveryFee.amount);
  return { id: checkout.id, deliveryFee: checkout.deliveryFee.amount, total: checkout.total.amount, meters: deliveryQuote.distanceMeters };
}

async function signInAsAdmin(page: Page) {
  await signIn(page, suite.vitrine.url, STAFF.admin);
  await page.waitForURL(/\/admin\/orders$/);
  await page.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
}

/** Marks the document: the mark is gone after a reload or a full navigation. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

describe('admin console in a real browser', () => {
  it('refuses customers, and lets the admin follow, filter, move and cancel orders live', async () => {
    // A customer signs up in their own browser and tries the admin console.
    const shopperContext = await suite.browser.newContext({ viewport: DESKTOP });
    const shopperOperations = recordOperations(shopperContext);
    const shopperPage = await shopperContext.newPage();
    const shopperErrors = collectPageErrors(shopperPage);
    await signUp(shopperPage, suite.vitrine.url, { name: 'Aigerim Shopper', email: `admin-e2e-${Date.now()}@example.kz` });
    await shopperPage.goto(`${suite.vitrine.url}/admin`);
    const forbidden = shopperPage.getByTestId('forbidden');
    await forbidden.waitFor();
    expect(await forbidden.getAttribute('role')).toBe('alert');
    await expect(forbidden.textContent()).resolves.toContain('This page is for admin staff.');
    await screenshot(shopperPage, 'admin-forbidden');
    const token = await shopperPage.evaluate(() => (JSON.parse(localStorage.getItem('vitrine.session') ?? '{}') as { accessToken?: string }).accessToken);
    expect(token).toBeTruthy();
    expect(shopperOperations.length).toBeGreaterThan(0);
    expect(shopperOperations.filter((name) => SALES_OPERATION.test(name))).toEqual([]);

    // The admin signs in and lands on the orders board.
    const adminContext = await suite.browser.newContext({ viewport: DESKTOP });
    const adminOperations = recordOperations(adminContext);
    const admin = await adminContext.newPage();
    const adminErrors = collectPageErrors(admin);
    await signInAsAdmin(admin);
    await expect.poll(() => adminOperations.includes('SalesOrderUpdated')).toBe(true);
    expect(adminOperations).toContain('SalesOrders');
    await markDocument(admin);

    // The shopper orders a pizza (the kitchen takes a while) and a phone case (nothing to
    // prepare: ready for a courier at once).
    const shopper = await prepareShopper(token!);
    const pizza = await placeOrder(shopper, 'margherita');
    const pizzaOrder = pizza.id;
    const caseOrder = (await placeOrder(shopper, 'MagSafe silicone case')).id;
    // ₸3 490 of pizza and its delivery, charged by `vitrine serve`'s default rules (goods
    // under ₸20 000 pay by the route's length).
    expect(expectedDeliveryFees(349000, pizza.meters)).toContain(pizza.deliveryFee);
    expect(pizza.total).toBe(349000 + pizza.deliveryFee);

    // Both arrive on the board live, newest first, announced.
    const pizzaRow = admin.locator(`[data-testid="board-row"][data-order-id="${pizzaOrder}"]`);
    const caseRow = admin.locator(`[data-testid="board-row"][data-order-id="${caseOrder}"]`);
    await pizzaRow.waitFor({ timeout: 20_000 });
    await caseRow.waitFor({ timeout: 20_000 });
    const order = await admin.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order-id')));
    expect(order.indexOf(caseOrder)).toBeLessThan(order.indexOf(pizzaOrder));
    await expect(pizzaRow.textContent()).resolves.toContain('Aigerim Shopper');
    await expect(pizzaRow.textContent()).resolves.toContain('Pizza Margherita · 30 cm');
    await expect(pizzaRow.textContent()).resolves.toContain(tenge(pizza.total));
    const pizzaRef = (await pizzaRow.getByRole('link').first().textContent())!.trim();
    expect(pizzaRef).toMatch(/^#\d+$/);
    await expect.poll(() => admin.getByTestId('board-announcement').textContent()).toMatch(/New order #\d+|Order #\d+ is now/);
    // The pizza goes into the oven; the row follows.
    await expect.poll(() => pizzaRow.getAttribute('data-status'), { timeout: 30_000 }).toBe('PREPARING');
    await expect.poll(() => caseRow.getAttribute('data-status'), { timeout: 30_000 }).toBe('READY_FOR_DELIVERY');
    expect(await sameDocument(admin)).toBe(true);

    // The shopper watches the pizza order.
    await shopperPage.goto(`${suite.vitrine.url}/orders/${pizzaOrder}`);
    const shopperStatus = shopperPage.getByTestId('order-status');
    await expect.poll(() => shopperStatus.getAttribute('data-status'), { timeout: 10_000 }).toBe('PREPARING');
    await markDocument(shopperPage);

    // Filter by status: in the URL, and only matching orders shown.
    await admin.getByLabel('Status').selectOption('PREPARING');
    await admin.waitForURL(/\/admin\/orders\?status=PREPARING$/);
    await pizzaRow.waitFor();
    await caseRow.waitFor({ state: 'detached' });
    const statuses = await admin.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['PREPARING']));
    await screenshot(admin, 'admin-board-desktop');

    // The order in full, with its timeline.
    await pizzaRow.getByRole('link', { name: pizzaRef }).click();
    await admin.waitForURL(new RegExp(`/admin/orders/${pizzaOrder}$`));
    const status = admin.getByTestId('order-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('PREPARING');
    const timeline = admin.getByTestId('order-timeline');
    await timeline.waitFor();
    const entries = () => timeline.locator('li').allTextContents();
    await expect.poll(async () => (await entries()).join('\n')).toMatch(/Order placed[\s\S]*Placed → Confirmed[\s\S]*Confirmed → Preparing/);
    expect((await entries()).join('\n')).toContain('Customer (Aigerim Shopper)');
    expect((await entries()).join('\n')).toContain('Payment authorized');
    expect((await entries()).join('\n')).toContain('Kitchen started');
    await admin.getByTestId('kitchen-ticket').waitFor();
    await admin.getByTestId('payment-record').waitFor();
    // The totals add up with the delivery fee checkout charged, and the promise it made shows.
    const items = admin.getByRole('region', { name: 'Items' });
    await expect(amountIn(items.getByTestId('delivery-fee-line'))).resolves.toBe(pizza.deliveryFee);
    await expect(amountIn(items.getByTestId('order-total'))).resolves.toBe(pizza.total);
    await expect(admin.getByTestId('delivery-promise').textContent()).resolves.toMatch(/^Promised by /);
    // Named by its number; the raw id only on its own small line, to copy.
    const orderHeading = admin.getByRole('heading', { level: 2, name: new RegExp(`^Order ${pizzaRef}(?!\\d)`) });
    await expect(orderHeading.textContent()).resolves.not.toContain(pizzaOrder);
    await expect(admin.getByTestId('order-id').textContent()).resolves.toBe(pizzaOrder);
    expect(await admin.locator('main code').count()).toBe(0);
    await screenshot(admin, 'admin-order-desktop');

    // Only the next step the lifecycle allows is offered; moving it shows up for the shopper live.
    const next = admin.getByLabel('Next status');
    expect(await next.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['READY_FOR_DELIVERY']);
    await admin.getByLabel('Reason (optional)').fill('finished early by hand');
    await admin.getByRole('button', { name: 'Move to Ready for delivery' }).click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('READY_FOR_DELIVERY');
    await expect.poll(() => shopperStatus.getAttribute('data-status'), { timeout: 10_000 }).toBe('READY_FOR_DELIVERY');
    await expect.poll(async () => (await entries()).join('\n')).toMatch(/Preparing → Ready for delivery\s*by You\s*Reason: finished early by hand/);

    // Cancelling asks for a reason first.
    await admin.getByRole('button', { name: 'Cancel order…' }).click();
    const reason = admin.getByLabel('Reason for cancelling');
    await reason.waitFor();
    expect(await reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await admin.getByRole('button', { name: 'Cancel the order' }).click();
    await admin.getByText('Say why the order is cancelled; the customer is told.').waitFor();
    expect(await status.getAttribute('data-status')).toBe('READY_FOR_DELIVERY');
    await reason.fill('customer asked by phone');
    await admin.getByRole('button', { name: 'Cancel the order' }).click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('CANCELLED');
    await expect.poll(async () => (await entries()).join('\n')).toMatch(/Ready for delivery → Cancelled\s*by You\s*Reason: customer asked by phone/);
    await admin.getByTestId('no-actions').waitFor();
    await expect.poll(async () => (await entries()).join('\n'), { timeout: 10_000 }).toContain('Payment voided');

    // The shopper's page followed without a reload.
    await expect.poll(() => shopperStatus.getAttribute('data-status'), { timeout: 10_000 }).toBe('CANCELLED');
    expect(await sameDocument(shopperPage)).toBe(true);

    // Back on the board (filters kept), the order left the "Preparing" view; the unfiltered board has it cancelled.
    await admin.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Orders' }).click();
    await admin.waitForURL(/\/admin\/orders\?status=PREPARING$/);
    await admin.getByRole('heading', { name: 'Orders', exact: true }).waitFor();
    await pizzaRow.waitFor({ state: 'detached' });
    await admin.getByRole('button', { name: 'Clear filters' }).click();
    await admin.waitForURL(/\/admin\/orders$/);
    await expect.poll(() => pizzaRow.getAttribute('data-status'), { timeout: 10_000 }).toBe('CANCELLED');
    expect(await sameDocument(admin)).toBe(true);

    // "Go to order #": the number a customer reads out opens the order; an unknown one is said so.
    const goTo = admin.getByLabel('Go to order #');
    await goTo.fill('999999');
    await admin.getByRole('button', { name: 'Go', exact: true }).click();
    await admin.getByText('No order #999999.').waitFor();
    await goTo.fill(pizzaRef);
    await admin.getByRole('button', { name: 'Go', exact: true }).click();
    await admin.waitForURL(new RegExp(`/admin/orders/${pizzaOrder}$`));
    await admin.getByRole('heading', { level: 2, name: new RegExp(`^Order ${pizzaRef}(?!\\d)`) }).waitFor();
    expect(await sameDocument(admin)).toBe(true);

    // Couriers and the delivery record.
    await admin.getByRole('link', { name: 'Couriers', exact: true }).click();
    await admin.getByRole('heading', { name: 'Couriers', exact: true }).waitFor();
    await admin.getByTestId('courier').first().waitFor();
    await expect.poll(() => admin.getByTestId('couriers-summary').textContent()).toMatch(/\d+ of \d+ on duty/);
    await admin.getByTestId('delivery-row').first().waitFor();
    await admin.getByLabel('Status').selectOption('CANCELLED');
    await admin.waitForURL(/dstatus=CANCELLED/);
    await admin.getByRole('link', { name: `Order ${pizzaRef}` }).waitFor();
    await screenshot(admin, 'admin-couriers-desktop');

    // The same pages on a phone: no sideways scrolling.
    const phoneContext = await suite.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    const phoneErrors = collectPageErrors(phone);
    await signInAsAdmin(phone);
    await phone.locator(`[data-testid="board-row"][data-order-id="${pizzaOrder}"]`).waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'admin-board-phone');
    await phone.locator(`[data-testid="board-row"][data-order-id="${pizzaOrder}"]`).getByRole('link', { name: pizzaRef }).click();
    await phone.getByTestId('order-timeline').waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'admin-order-phone');
    await phone.goto(`${suite.vitrine.url}/admin/couriers`);
    await phone.getByTestId('courier').first().waitFor();
    await phone.getByTestId('delivery-row').first().waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'admin-couriers-phone');

    expect(shopperErrors).toEqual([]);
    expect(adminErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    await phoneContext.close();
    await adminContext.close();
    await shopperContext.close();
  });
});
