import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { BrowserContext, Locator } from 'playwright-core';
import { collectPageErrors, screenshot } from './browser';
import { amountIn, checkoutQuote, expectedDeliveryFees, expectNoHorizontalScroll, readyToPayWithWallet, trustedDocuments } from './flows';
import { useVitrineAndChromium } from './suite';
import { formatMoney } from '../src/lib/money';

const ORDER_FLOW = ['PENDING', 'CONFIRMED', 'PREPARING', 'READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY', 'DELIVERED'];

/** A local time as the storefront writes it: "14:35", or "5 Dec, 00:10" on another day. */
const CLOCK = String.raw`(?:\d{1,2} \w{3}, )?\d{2}:\d{2}`;
/** A wait or delay in minutes: "32 min", "1 h", "1 h 5 min". */
const MINUTES = String.raw`(?:\d+ min|\d+ h(?: \d+ min)?)`;

const suite = useVitrineAndChromium();

/**
 * Whether the router already knows the trusted documents: a hash-only request for one that
 * no client has sent yet is answered with data, not `PersistedQueryNotFound`.
 */
async function routerKnowsTrustedDocuments(url: string, documents: Record<string, string>): Promise<boolean> {
  const [sha256Hash] = Object.entries(documents).find(([, text]) => text.startsWith('query Categories ')) ?? [];
  expect(sha256Hash).toBeDefined();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ operationName: 'Categories', extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string }> };
  if (body.errors?.some((e) => e.message === 'PersistedQueryNotFound')) return false;
  expect(body.data).toBeTruthy();
  return true;
}

interface GraphQLPost {
  hash: string | undefined;
  version: unknown;
  query: string | undefined;
  answer: Promise<{ data?: unknown; errors?: Array<{ message: string }> } | null>;
}

/** Every GraphQL POST the pages of `context` make, with the JSON it was answered with. */
function recordGraphQLPosts(context: BrowserContext): GraphQLPost[] {
  const posts: GraphQLPost[] = [];
  context.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
    const body = request.postDataJSON() as {
      query?: string;
      extensions?: { persistedQuery?: { version?: unknown; sha256Hash?: string } };
    };
    posts.push({
      hash: body.extensions?.persistedQuery?.sha256Hash,
      version: body.extensions?.persistedQuery?.version,
      query: body.query,
      answer: request
        .response()
        .then((response) => response?.json() ?? null)
        .catch(() => null),
    });
  });
  return posts;
}

describe('storefront in a real browser', () => {
  it('signs up, searches, adds to cart, pays with the wallet and watches the order arrive live', async () => {
    const documents = trustedDocuments();
    const preloaded = await routerKnowsTrustedDocuments(suite.vitrine.url, documents);
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const posts = recordGraphQLPosts(context);
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const email = `shopper-${Date.now()}@example.kz`;

    // Sign up.
    await page.goto(suite.vitrine.url);
    await page.getByRole('link', { name: 'Sign up' }).click();
    await page.getByLabel('Name').fill('Aigerim Test');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Phone (optional)').fill('+77011234567');
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery 42');
    await page.getByLabel('Repeat password').fill('correct horse battery 42');
    await screenshot(page, '01-sign-up');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).waitFor();

    // Search and open the product.
    await page.getByRole('combobox', { name: 'Search products' }).fill('margherita');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { name: 'Results for “margherita”' }).waitFor();
    // Sold in three sizes, from its cheapest.
    const card = page.getByTestId('product-card').filter({ hasText: 'Pizza Margherita' });
    await card.waitFor();
    await screenshot(page, '02-search');
    await expect(card.getByTestId('variants-hint').textContent()).resolves.toBe('3 sizes');
    await card.getByRole('link', { name: 'Pizza Margherita' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pizza Margherita' }).waitFor();
    // The first size is chosen; what follows is about it.
    await page.getByRole('group', { name: 'Size' }).getByRole('button', { name: '30 cm', pressed: true }).waitFor();
    await expect(page.getByTestId('live-stock').textContent()).resolves.toMatch(/\d+ units? available/);

    // A second tab stays on the product page to watch its stock change live.
    const productUrl = page.url();
    const watcher = await context.newPage();
    await watcher.goto(productUrl);
    const stockOf = async () => Number(/(\d+) units? available/.exec((await watcher.getByTestId('live-stock').textContent()) ?? '')?.[1]);
    await expect.poll(stockOf).toBeGreaterThan(0);
    const stockBefore = await stockOf();

    // Add to cart from the first shop that sells it.
    await page.getByRole('button', { name: /^Add to cart from / }).first().click();
    await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();
    await screenshot(page, '03-product');

    // Cart, with a promo code.
    await page.getByRole('link', { name: 'Cart, 1 item' }).click();
    await page.getByRole('textbox', { name: 'Promo code' }).fill('WELCOME10');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('applied-promo').textContent()).resolves.toBe('WELCOME10');
    // What the goods cost after the discount; checkout adds the delivery.
    const goods = await amountIn(page.getByTestId('cart-total'));
    await screenshot(page, '04-cart');
    await page.getByRole('button', { name: 'Go to checkout' }).click();

    // Checkout: a new address, a top-up for the shortfall, then pay with the wallet.
    const pay = await readyToPayWithWallet(page);
    // Before paying: the delivery fee (by `vitrine serve`'s default rules: goods under ₸20 000
    // pay for it, by the route's length), the route and the promised time; the total is the
    // goods and the delivery.
    const quote = await checkoutQuote(page);
    expect(quote.fee).toBeGreaterThan(0);
    expect(expectedDeliveryFees(goods, quote.meters)).toContain(quote.fee);
    await expect(page.getByTestId('quote-fee').textContent()).resolves.toBe(`Delivery ${formatMoney({ amount: quote.fee, currency: 'KZT' })}`);
    await expect(amountIn(page.getByTestId('delivery-fee-line'))).resolves.toBe(quote.fee);
    expect(quote.total).toBe(goods + quote.fee);
    expect(quote.promise).toMatch(new RegExp(`^Arrives by ${CLOCK}(?: · in about ${MINUTES})?$`));
    await screenshot(page, '05-checkout');
    await pay.click();

    // The order page follows the order to DELIVERED by subscription, with no reload.
    await page.waitForURL(/\/orders\/[^/]+$/);
    // The order charged what checkout showed, and promises a time at the door.
    await page.getByTestId('delivery-fee-line').waitFor();
    await expect(amountIn(page.getByTestId('delivery-fee-line'))).resolves.toBe(quote.fee);
    await expect(amountIn(page.getByTestId('order-total'))).resolves.toBe(quote.total);
    const promise = page.getByTestId('delivery-promise');
    await expect(promise.textContent()).resolves.toMatch(new RegExp(`^Promised by ${CLOCK}$`));
    // The other tab's stock went down with the order, pushed by subscription.
    await expect.poll(stockOf, { timeout: 15_000 }).toBe(stockBefore - 1);
    await page.getByRole('link', { name: 'Cart, 0 items' }).waitFor();
    // Marks this document (gone on a reload) and notes what the delivery panel ever showed.
    await page.evaluate(() => {
      const w = window as unknown as { __sameDocument: boolean; __shown: string[]; __promises: string[] };
      w.__sameDocument = true;
      w.__shown = [];
      w.__promises = [];
      setInterval(() => {
        for (const id of ['courier-marker', 'route-line', 'eta']) {
          if (!w.__shown.includes(id) && document.querySelector(`[data-testid="${id}"]`)) w.__shown.push(id);
        }
        const promise = document.querySelector('[data-testid="delivery-promise"]')?.textContent ?? '';
        if (promise && w.__promises.at(-1) !== promise) w.__promises.push(promise);
      }, 20);
    });
    const status = page.getByTestId('order-status');
    await status.waitFor();
    await page.getByTestId('kitchen-progress').waitFor({ timeout: 60_000 });
    await screenshot(page, '06-order-live');
    await expect
      .poll(() => status.getAttribute('data-status'), { timeout: 120_000, interval: 250 })
      .toBe('DELIVERED');
    // The payment is captured after delivery: the page catches up, still without a reload.
    const payment = page.getByTestId('payment-status');
    await expect.poll(() => payment.getAttribute('data-status'), { timeout: 15_000 }).toBe('CAPTURED');
    await expect(payment.textContent()).resolves.toBe('Paid');
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    // On the way, the courier, the drawn way to the door and the ETA were on the page.
    const shown = await page.evaluate(() => (window as unknown as { __shown: string[] }).__shown);
    expect(shown.sort()).toEqual(['courier-marker', 'eta', 'route-line']);
    // The promise stood until the delivery, then the page said whether it was kept, live.
    await expect.poll(() => promise.getAttribute('data-kept'), { timeout: 15_000 }).toMatch(/^(true|false)$/);
    const kept = (await promise.getAttribute('data-kept')) === 'true';
    await expect(promise.textContent()).resolves.toMatch(new RegExp(`^Delivered ${CLOCK} — ${kept ? 'on time' : `${MINUTES} late`}$`));
    const promises = await page.evaluate(() => (window as unknown as { __promises: string[] }).__promises);
    expect(promises[0]).toMatch(/^Promised by /);
    expect(promises.at(-1)).toBe(await promise.textContent());
    expect(await page.getByText('Live updates stopped').count()).toBe(0);
    // Each status this page saw live came in lifecycle order and the last is DELIVERED.
    const seen = await page.getByTestId('live-log').locator('li').evaluateAll((items) => items.map((i) => i.getAttribute('data-status')));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe('DELIVERED');
    const positions = seen.map((s) => ORDER_FLOW.indexOf(s ?? ''));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    await screenshot(page, '07-order-delivered');

    // The history lists the order; the wallet's ledger has the top-up and the payment; the bell counts updates.
    await page.getByRole('link', { name: 'Orders', exact: true }).first().click();
    await page.getByText('Delivered').first().waitFor();
    await page.getByRole('link', { name: 'Wallet' }).first().click();
    await page.getByRole('heading', { name: /Wallet/ }).first().waitFor();
    const kinds = () => page.getByTestId('ledger-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    await expect.poll(kinds, { timeout: 10_000 }).toContain('CREDIT');
    expect((await kinds()).some((k) => k === 'CAPTURE' || k === 'DEBIT')).toBe(true);
    await screenshot(page, '08-wallet');
    const bell = page.getByTestId('notification-bell');
    await expect.poll(async () => Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0), { timeout: 10_000 }).toBeGreaterThan(0);

    // Every GraphQL POST was a persisted query for a trusted document: the hash first, alone;
    // the text (the manifest's, byte for byte) only in a retry after PersistedQueryNotFound,
    // which a router that loaded the manifest never answers.
    expect(posts.length).toBeGreaterThan(10);
    const answers = await Promise.all(posts.map((p) => p.answer));
    const notFound = answers.map((a) => !!a?.errors?.some((e) => e.message === 'PersistedQueryNotFound'));
    for (const [i, post] of posts.entries()) {
      expect(post.version, `POST ${i}`).toBe(1);
      expect(Object.keys(documents), `POST ${i}`).toContain(post.hash);
      if (post.query !== undefined) {
        expect(post.query).toBe(documents[post.hash!]);
        expect(createHash('sha256').update(post.query).digest('hex')).toBe(post.hash);
        // A retry follows a miss for the same hash, and is not missed itself.
        expect(posts.slice(0, i).some((p, j) => p.hash === post.hash && p.query === undefined && notFound[j])).toBe(true);
        expect(notFound[i]).toBe(false);
      }
    }
    const answeredHashOnly = posts.filter((p, i) => p.query === undefined && !notFound[i] && answers[i]?.data);
    expect(answeredHashOnly.length).toBeGreaterThan(0);
    if (preloaded) {
      expect(posts.filter((p) => p.query !== undefined).map((p) => p.hash)).toEqual([]);
      expect(notFound.filter(Boolean)).toEqual([]);
    }

    expect(errors).toEqual([]);
    await context.close();
  });

  it('says beside every filter how many products it would find, and choosing it finds that many', async () => {
    const documents = trustedDocuments();
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The catalog's searches (hash only: an APQ retry with the text would be the same one again).
    const searches: Array<Record<string, unknown>> = [];
    context.on('request', (request) => {
      if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
      const body = request.postDataJSON() as { query?: string; variables?: Record<string, unknown>; extensions?: { persistedQuery?: { sha256Hash?: string } } };
      const text = documents[body.extensions?.persistedQuery?.sha256Hash ?? ''];
      if (body.query === undefined && /^query SearchProducts\b/.test(text ?? '')) searches.push(body.variables ?? {});
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const products = (n: number) => `${n} product${n === 1 ? '' : 's'}`;
    const countIn = async (control: Locator) => Number(await control.getByTestId('facet-count').getAttribute('data-count'));
    const resultCount = page.getByTestId('result-count');

    await page.goto(`${suite.vitrine.url}/?q=pizza`);
    const nav = page.getByRole('navigation', { name: 'Categories' });
    const pizza = nav.getByRole('button', { name: /^Pizza \(\d+\)$/ });
    await pizza.waitFor();
    await resultCount.waitFor();
    // The counts come with the first page of results: one request for both.
    expect(searches).toHaveLength(1);
    expect(searches[0]).toMatchObject({ query: 'pizza', withFacets: true, after: null });
    // "All categories" is every match; the kitchen holds its pizzas and more.
    const total = await countIn(nav.getByRole('button', { name: /^All categories/ }));
    await expect(resultCount.textContent()).resolves.toBe(products(total));
    const pizzas = await countIn(pizza);
    expect(pizzas).toBeGreaterThan(0);
    expect(await countIn(nav.getByRole('button', { name: /^Kitchen \(/ }))).toBeGreaterThanOrEqual(pizzas);
    await screenshot(page, '11-catalog-counts');

    // A category: finds what it said, and still says it (counted as if none were chosen).
    await pizza.click();
    await page.waitForURL(/category=/);
    await expect.poll(() => resultCount.textContent()).toBe(products(pizzas));
    expect(await countIn(pizza)).toBe(pizzas);

    // In stock only: what some shop can sell of those.
    const inStock = page.getByRole('checkbox', { name: /^In stock only \(\d+\)$/ });
    const stocked = await countIn(page.locator('label[for="in-stock-only"]'));
    await inStock.check();
    await page.waitForURL(/inStock=1/);
    await expect.poll(() => resultCount.textContent()).toBe(products(stocked));

    // A tag of those, the commonest first: finds as many as it said.
    const tag = page.getByRole('group', { name: 'Tags' }).locator('label').first();
    await tag.waitFor();
    const tagged = await countIn(tag);
    expect(tagged).toBeGreaterThan(0);
    await tag.click();
    await page.waitForURL(/tags=/);
    await expect.poll(() => resultCount.textContent()).toBe(products(tagged));
    // Every search above asked for its facets with its first page, once.
    expect(searches).toHaveLength(4);
    expect(searches.every((v) => v.withFacets === true)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();

    // On a phone the counts are in the filters behind the button, and nothing sticks out.
    const phone = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const mobile = await phone.newPage();
    const phoneErrors = collectPageErrors(mobile);
    await mobile.goto(`${suite.vitrine.url}/?q=pizza`);
    await mobile.getByTestId('product-card').first().waitFor();
    await mobile.getByRole('button', { name: 'Filters' }).click();
    const select = mobile.getByLabel('Category');
    await expect.poll(() => select.locator('option', { hasText: /^Pizza \(\d+\)$/ }).count()).toBe(1);
    await mobile.getByRole('checkbox', { name: /^In stock only \(\d+\)$/ }).waitFor();
    await expectNoHorizontalScroll(mobile);
    await screenshot(mobile, '12-phone-catalog-counts');
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });

  it('fits a phone screen', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(suite.vitrine.url);
    await page.getByTestId('product-card').first().waitFor();
    await expectNoHorizontalScroll(page);
    // The menu collapses behind a labelled toggle.
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await screenshot(page, '09-phone-catalog');
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail').waitFor();
    await expectNoHorizontalScroll(page);
    await screenshot(page, '10-phone-sign-in');
    expect(errors).toEqual([]);
    await context.close();
  });
});
