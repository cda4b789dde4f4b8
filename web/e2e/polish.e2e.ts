import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors } from './browser';
import { expectNoHorizontalScroll, screenshotFromTop, signUpAndBuy } from './flows';
import { useVitrineAndChromium } from './suite';

// The storefront's polish (#19): the guest's cart badge, the header search, titles, the
// order page's payment after delivery, the wallet's signed ledger, and a 390 px phone.

const suite = useVitrineAndChromium();

/** What the phone pages need: a product, and the shopper's order. */
export interface PhoneContext {
  productId: string;
  orderId: string;
}

export interface PhonePage {
  name: string;
  path: (c: PhoneContext) => string;
  /** Waits until the page has its content. */
  ready: (page: Page) => Promise<unknown>;
}

/**
 * The storefront pages that must fit a 390 px phone (signed in, with an order and a cart
 * that is not empty). Add a page here to hold it to the same checks.
 */
export const PHONE_PAGES: PhonePage[] = [
  { name: 'catalog', path: () => '/', ready: (p) => p.getByTestId('product-card').first().waitFor() },
  { name: 'product', path: (c) => `/products/${c.productId}`, ready: (p) => p.getByRole('heading', { level: 1 }).waitFor() },
  // The cart and checkout with the delivery quote for the shopper's address.
  { name: 'cart', path: () => '/cart', ready: (p) => p.getByTestId('cart-delivery-quote').getByTestId('quote-promise').waitFor() },
  { name: 'checkout', path: () => '/checkout', ready: (p) => p.getByTestId('delivery-quote').getByTestId('quote-promise').waitFor() },
  { name: 'order', path: (c) => `/orders/${encodeURIComponent(c.orderId)}`, ready: (p) => p.getByTestId('delivery-promise').waitFor() },
  { name: 'wallet', path: () => '/wallet', ready: (p) => p.getByTestId('ledger-entry').first().waitFor() },
  { name: 'account', path: () => '/account', ready: (p) => p.getByRole('heading', { level: 1, name: 'Your account' }).waitFor() },
];

const PHONE = { width: 390, height: 844 };

/** The one cart link in the header, whatever it counts. */
const cartLink = (page: Page) => page.getByRole('link', { name: /^Cart, \d+ items?$/ });

/** Whether the element lies wholly inside the window (not scrolled away, not cut off). */
async function inFirstViewport(page: Page, selector: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await selector.boundingBox();
  const { width, height } = await page.evaluate(() => ({ width: window.innerWidth, height: window.innerHeight }));
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

describe('storefront polish in a real browser', () => {
  it('counts a guest’s first item in the header at once, and the header search opens a suggested product', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    // A guest (never signed in) finds a product through the catalog page.
    await page.goto(`${suite.vitrine.url}/?q=${encodeURIComponent('Sony WH-1000XM5')}`);
    await expect(page.title()).resolves.toBe('Results for “Sony WH-1000XM5” · Vitrine');
    await page.getByTestId('product-card').first().getByRole('link').first().click();
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    const productUrl = page.url();
    await expect(page.title()).resolves.toBe(`${await heading.textContent()} · Vitrine`);
    await cartLink(page).filter({ hasText: '0' }).waitFor();
    expect(await cartLink(page).getAttribute('aria-label')).toBe('Cart, 0 items');

    await page.getByRole('button', { name: /^Add to cart from / }).first().click();
    await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();
    // The badge follows without leaving the page (it stayed 0 until the next page before).
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor({ timeout: 5_000 });
    await expect(page.getByTestId('cart-count').textContent()).resolves.toBe('1');
    expect(page.url()).toBe(productUrl);

    // The header's search, on this product page: type, see suggestions, pick one by keyboard.
    const search = page.getByRole('combobox', { name: 'Search products' });
    await search.fill('margherita');
    const suggestion = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option', { name: /Margherita/ }).first();
    await suggestion.waitFor();
    await expect(search.getAttribute('aria-expanded')).resolves.toBe('true');
    await screenshotFromTop(page, 'polish-header-suggestions');
    const picked = (await suggestion.locator('span').first().textContent())!;
    await search.press('ArrowDown');
    await expect(search.getAttribute('aria-activedescendant')).resolves.toBe(await suggestion.getAttribute('id'));
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: picked }).waitFor();
    expect(page.url()).toMatch(/\/products\/[^/]+$/);
    expect(page.url()).not.toBe(productUrl);
    await expect(page.title()).resolves.toBe(`${picked} · Vitrine`);
    // The guest's cart is still counted on the new page.
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();

    // Enter without a pick searches the catalog for the words.
    await search.fill('pizza');
    await search.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Results for “pizza”' }).waitFor();
    expect(new URL(page.url()).search).toBe('?q=pizza');
    await page.getByTestId('product-card').first().waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the payment taken after delivery, a ledger without double charges, and fits a 390 px phone', async () => {
    const desktop = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await desktop.newPage();
    const errors = collectPageErrors(page);
    const orderId = await signUpAndBuy(
      page,
      suite.vitrine.url,
      { name: 'Dana Phone', email: `phone-${Date.now()}@example.kz` },
      { search: 'margherita', product: 'Pizza Margherita' },
    );
    await expect(page.title()).resolves.toMatch(/^Order #\d+ · Vitrine$/);

    // Delivered (fast clock): the page shows the payment as taken, not "authorized".
    const status = page.getByTestId('order-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 120_000, interval: 250 }).toBe('DELIVERED');
    const payment = page.getByTestId('payment-status');
    await expect.poll(() => payment.getAttribute('data-status'), { timeout: 15_000 }).toBe('CAPTURED');
    await expect(payment.textContent()).resolves.toBe('Paid');

    // The wallet: the top-up is money in; the order's reservation is unsigned and its
    // capture is the one charge.
    await page.goto(`${suite.vitrine.url}/wallet`);
    // The wallet page's code, which sets the title, arrives just after the document.
    await expect.poll(() => page.title()).toBe('Wallet · Vitrine');
    const rows = page.locator(`[data-testid="ledger-entry"][data-order-id="${orderId}"]`);
    await expect.poll(() => rows.evaluateAll((r) => r.map((e) => e.getAttribute('data-kind')).sort()), { timeout: 10_000 }).toEqual(['CAPTURE', 'HOLD']);
    const amountOf = (kind: string) => rows.and(page.locator(`[data-kind="${kind}"]`)).getByTestId('ledger-amount').textContent();
    const hold = rows.and(page.locator('[data-kind="HOLD"]'));
    const capture = rows.and(page.locator('[data-kind="CAPTURE"]'));
    await expect(hold.textContent()).resolves.toContain('Reserved for order');
    await expect(hold.textContent()).resolves.toContain('not charged yet');
    await expect(capture.textContent()).resolves.toContain('Paid for order');
    // The entry links its order by the order's number, not by a piece of its id.
    await expect.poll(() => capture.getByRole('link').textContent(), { timeout: 10_000 }).toMatch(/^#\d+$/);
    const held = (await amountOf('HOLD'))!;
    const paid = (await amountOf('CAPTURE'))!;
    expect(held).toMatch(/^₸/);
    expect(paid).toBe(`−${held}`);
    const topUp = page.locator('[data-testid="ledger-entry"][data-kind="CREDIT"]').filter({ hasText: 'Top-up' }).first();
    await expect(topUp.getByTestId('ledger-amount').textContent()).resolves.toMatch(/^\+₸/);

    // Something in the cart, for the cart and checkout pages.
    await page.goto(`${suite.vitrine.url}/?q=margherita`);
    await page.getByTestId('product-card').first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const productId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    await page.getByRole('button', { name: /^Add to cart from / }).first().click();
    await page.getByRole('link', { name: 'Cart, 1 item' }).waitFor();
    const storage = await desktop.storageState();
    expect(errors).toEqual([]);
    await desktop.close();

    // The same shopper on a phone.
    const phone = await suite.browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, storageState: storage });
    const mobile = await phone.newPage();
    const phoneErrors = collectPageErrors(mobile);
    const ctx: PhoneContext = { productId, orderId };
    for (const entry of PHONE_PAGES) {
      await mobile.goto(`${suite.vitrine.url}${entry.path(ctx)}`);
      await entry.ready(mobile);
      await expectNoHorizontalScroll(mobile);
      // The cart is in the header, not behind the menu.
      expect(await cartLink(mobile).isVisible(), `cart link on ${entry.name}`).toBe(true);
      expect(await inFirstViewport(mobile, cartLink(mobile)), `cart link on ${entry.name}`).toBe(true);
      expect(await mobile.getByRole('button', { name: 'Toggle navigation' }).getAttribute('aria-expanded')).toBe('false');
      await screenshotFromTop(mobile, `polish-phone-${entry.name}`);
    }

    // The catalog: the first product shows in the first screen; the filters wait behind a button.
    await mobile.goto(suite.vitrine.url);
    const firstCard = mobile.getByTestId('product-card').first();
    await firstCard.waitFor();
    expect(await inFirstViewport(mobile, firstCard.getByRole('link').last())).toBe(true);
    expect(await mobile.getByLabel('Sort by').isVisible()).toBe(false);
    const filters = mobile.getByRole('button', { name: 'Filters' });
    await filters.click();
    await mobile.getByLabel('Sort by').waitFor();
    await expect(filters.getAttribute('aria-expanded')).resolves.toBe('true');
    await expectNoHorizontalScroll(mobile);

    // The notification panel stays on the screen.
    await mobile.getByTestId('notification-bell').click();
    const panel = mobile.getByRole('region', { name: 'Notifications' });
    await panel.waitFor();
    expect(await inFirstViewport(mobile, panel)).toBe(true);
    await expectNoHorizontalScroll(mobile);
    await screenshotFromTop(mobile, 'polish-phone-notifications');

    expect(phoneErrors).toEqual([]);
    await phone.close();
  });
});
