import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { collectPageErrors } from './browser';
import { expectNoHorizontalScroll, screenshotFromTop as shot, signIn, signUpAndBuy, STAFF } from './flows';
import { useVitrineAndChromium } from './suite';
import { formatMoney } from '../src/lib/money';

/** Tiyn as the storefront shows them. */
const tenge = (amount: number) => formatMoney({ amount, currency: 'KZT' });

// The seller console (issue #18): the demo seller adds an offer of a product they create, a
// shopper buys it in another browser context, and the console shows the count go down live.

const SHOP = 'Sulpak Mega Alma-Ata';

const suite = useVitrineAndChromium();

async function signInAsSeller(page: Page) {
  await signIn(page, suite.vitrine.url, STAFF.seller);
  // Staff land on their console: the seller's opens on their shops.
  await page.waitForURL(/\/seller\/shops$/);
  await page.getByRole('heading', { name: 'My shops' }).waitFor();
}

/** A section tab of the console. */
const tab = (page: Page, name: string) => page.getByRole('list', { name: 'Seller sections' }).getByRole('link', { name, exact: true });

const stockOf = (row: Locator) => async () => Number(await row.getByTestId('offer-stock').getAttribute('data-stock'));

describe('seller console in a real browser', () => {
  it('adds an offer of a new product; a shopper buys it; the console shows the count go down live', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const stamp = Date.now();
    const productName = `E2E desk lamp ${stamp}`;

    // Sign in: the demo seller runs the three demo shops.
    await signInAsSeller(page);
    const shops = page.getByTestId('seller-shop');
    await expect.poll(() => shops.count()).toBe(3);
    await expect(shops.allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining(SHOP), expect.stringContaining('Technodom Dostyk Plaza'), expect.stringContaining('Vitrine Kitchen')]),
    );
    await shot(page, 'seller-desktop-shops');

    // Create a product: the form refuses an empty submit in plain words, then creates it.
    await tab(page, 'Products').click();
    await page.getByRole('heading', { name: 'My products' }).waitFor();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('Enter a name.').waitFor();
    await page.getByText('Choose a category.').waitFor();
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).resolves.toBe('true');
    await page.getByLabel('Name', { exact: true }).fill(productName);
    await expect(page.getByLabel('Web name').inputValue()).resolves.toBe(`e2e-desk-lamp-${stamp}`);
    await page.getByLabel('Category').selectOption({ label: 'Electronics › Accessories' });
    await page.getByLabel('List price (₸)').fill('12 990,5');
    await page.getByLabel('Description').fill('A warm desk lamp, made for the browser test.');
    await page.getByLabel('Tags (optional)').fill('lamp, E2E, lamp');
    await shot(page, 'seller-desktop-new-product');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByTestId('products-notice').getByText(`Created “${productName}”`).waitFor();
    const productRow = page.getByTestId('seller-product').filter({ hasText: productName });
    await expect(productRow.textContent()).resolves.toContain(tenge(1299050));
    await expect(productRow.textContent()).resolves.toContain('e2e');
    await shot(page, 'seller-desktop-products');

    // Offer it in a shop: find it in the catalog, price in tenge, units on hand.
    await tab(page, 'Shops').click();
    await page.getByRole('link', { name: `Offers and stock of ${SHOP}` }).click();
    await page.getByRole('heading', { name: SHOP, level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Add an offer' }).click();
    const form = page.getByRole('form', { name: 'Add an offer' });
    await form.getByRole('button', { name: 'Add offer' }).click();
    await form.getByText('Choose a product to sell').waitFor();
    await form.getByLabel('Find in the catalog').fill(`desk lamp ${stamp}`);
    await form.getByRole('button', { name: 'Search' }).click();
    await form.getByRole('radio', { name: new RegExp(productName) }).check();
    await expect(form.getByTestId('chosen-product').textContent()).resolves.toContain(productName);
    // The list price is offered as a start; this shop sells it for less.
    await expect(form.getByLabel('Price (₸)').inputValue()).resolves.toBe('12990.50');
    await form.getByLabel('Price (₸)').fill('2 500.50');
    await form.getByLabel('Units on hand').fill('3');
    await form.getByRole('button', { name: 'Add offer' }).click();
    await page.getByTestId('offers-notice').getByText(`Now selling “${productName}” at ${tenge(250050)}, 3 units on hand.`).waitFor();
    const row = page.getByTestId('seller-offer').filter({ hasText: productName });
    await expect(row.textContent()).resolves.toContain(tenge(250050));
    await expect.poll(stockOf(row), { timeout: 15_000 }).toBe(3);
    await expect(row.getByTestId('offer-stock').getAttribute('aria-live')).resolves.toBe('polite');
    await shot(page, 'seller-desktop-offers');

    // A new shopper, in another browser context, finds the product and buys it with the wallet.
    const shopperContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shopper = await shopperContext.newPage();
    const shopperErrors = collectPageErrors(shopper);
    await signUpAndBuy(
      shopper,
      suite.vitrine.url,
      { name: 'Dana Shopper', email: `shopper-${stamp}@example.kz` },
      { search: `desk lamp ${stamp}`, product: productName, shop: SHOP },
    );
    expect(shopperErrors).toEqual([]);
    await shopperContext.close();

    // The seller's page, never reloaded, shows one unit fewer: pushed by stockChanged.
    await expect.poll(stockOf(row), { timeout: 15_000 }).toBe(2);
    await expect(row.getByTestId('offer-stock').textContent()).resolves.toContain('(live)');
    await shot(page, 'seller-desktop-offers-after-sale');

    // The restocking list has it; restock with a reason; the history tells the whole story.
    await tab(page, 'Low stock').click();
    const low = page.getByTestId('low-stock-offer').filter({ hasText: productName });
    await expect(low.getByTestId('low-stock-count').textContent()).resolves.toBe('2 left');
    await shot(page, 'seller-desktop-low-stock');
    await low.getByRole('link', { name: `Restock ${productName}` }).click();
    await page.getByRole('heading', { name: productName, level: 2 }).waitFor();
    const stock = page.getByTestId('offer-stock');
    await expect.poll(async () => Number(await stock.getAttribute('data-stock'))).toBe(2);
    await page.getByLabel('Change (units)').fill('-5');
    await page.getByLabel('Reason').fill('Stocktake correction');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    // Only 2 are there: the API refuses, in plain words, and nothing changes.
    await page.getByTestId('problem').getByText(/cannot remove units that are reserved or not there/i).waitFor();
    await page.getByLabel('Change (units)').fill('5');
    await page.getByLabel('Reason').fill('Delivery from the supplier');
    await page.getByRole('button', { name: 'Adjust stock' }).click();
    await page.getByTestId('stock-notice').getByText('Added 5 units.').waitFor();
    await expect.poll(async () => Number(await stock.getAttribute('data-stock')), { timeout: 15_000 }).toBe(7);
    const movements = page.getByTestId('stock-movement');
    await expect.poll(() => movements.evaluateAll((items) => items.map((i) => i.getAttribute('data-delta')))).toEqual(['5', '-1', '3']);
    await expect(movements.first().textContent()).resolves.toContain('Delivery from the supplier');
    await expect(movements.nth(1).textContent()).resolves.toMatch(/sold: order/);
    await shot(page, 'seller-desktop-stock');

    // Back on the shop: change the price, pause and resume selling.
    await page.getByRole('link', { name: SHOP }).click();
    await row.getByRole('button', { name: `Change price or count of ${productName}` }).click();
    const edit = page.getByRole('form', { name: `Change the offer of ${productName}` });
    await edit.getByLabel('Price (₸)').fill('2 400');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.textContent()).toContain(tenge(240000));
    await row.getByRole('button', { name: `Pause selling ${productName}` }).click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('false');
    await row.getByRole('button', { name: `Resume selling ${productName}` }).click();
    await expect.poll(() => row.getAttribute('data-active')).toBe('true');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('is not part of a shopper’s first load, and opens by its own URL', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const consoleChunk = (path: string) => /^\/assets\/SellerConsole-[\w-]+\.js$/.test(path);

    // The home page, as a guest: products, and no console code downloaded.
    await page.goto(suite.vitrine.url);
    await page.getByTestId('product-card').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.filter(consoleChunk)).toEqual([]);

    // A seller opens a console page by its address (a fresh document, not a client-side
    // navigation): the console's chunk is fetched then, and the page works.
    await signInAsSeller(page);
    scripts.length = 0;
    await page.goto(`${suite.vitrine.url}/seller/products`);
    await page.getByRole('heading', { name: 'My products' }).waitFor();
    await expect(tab(page, 'Products').getAttribute('aria-current')).resolves.toBe('page');
    expect(scripts.filter(consoleChunk)).toHaveLength(1);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a phone: every console page without sideways scrolling', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signInAsSeller(page);
    await expectNoHorizontalScroll(page);
    await shot(page, 'seller-phone-shops');

    await page.getByRole('link', { name: `Offers and stock of ${SHOP}` }).click();
    await page.getByTestId('seller-offer').first().waitFor();
    await expect.poll(async () => Number(await page.getByTestId('seller-offer').first().getByTestId('offer-stock').getAttribute('data-stock'))).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Add an offer' }).click();
    await expectNoHorizontalScroll(page);
    await shot(page, 'seller-phone-offers');

    await page.getByRole('link', { name: /^Stock and history of / }).first().click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.getByTestId('stock-movement').first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'seller-phone-stock');

    await tab(page, 'Products').click();
    await page.getByRole('heading', { name: 'My products' }).waitFor();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('List price (₸)').fill('12.345');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByText('Use digits only, with at most two decimals').waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'seller-phone-product-form');

    await tab(page, 'Low stock').click();
    await page.getByRole('heading', { name: 'Low stock' }).waitFor();
    await page.getByLabel('At most (units)').fill('100');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('low-stock-offer').first().waitFor();
    await expectNoHorizontalScroll(page);
    await shot(page, 'seller-phone-low-stock');

    expect(errors).toEqual([]);
    await context.close();
  });
});
