import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { WEB_DIR } from './server';

// Steps the browser tests share: signing in and up, a shopper buying with the wallet, and
// checks on the page as a whole. Each takes the page (and, where it navigates, the base URL).

export interface Account {
  email: string;
  password: string;
}

/** The demo staff accounts the server seeds. */
export const STAFF = {
  admin: { email: 'admin@vitrine.kz', password: 'admin-demo-2026' },
  seller: { email: 'seller@vitrine.kz', password: 'seller-demo-2026' },
  kitchen: { email: 'kitchen@vitrine.kz', password: 'kitchen-demo-2026' },
  courier: { email: 'courier@vitrine.kz', password: 'courier-demo-2026' },
} satisfies Record<string, Account>;

/** The password every customer the tests sign up uses. */
export const PASSWORD = 'correct horse battery 42';

/** Fails if the document is wider than the viewport (sideways scrolling on a phone). */
export async function expectNoHorizontalScroll(page: Page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(width);
}

/** A full-page screenshot from the top (else the sticky navigation bar lands mid-page). */
export async function screenshotFromTop(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The trusted documents the build put beside the storefront (and the router loads), by hash. */
export function trustedDocuments(): Record<string, string> {
  return JSON.parse(readFileSync(join(WEB_DIR, 'dist', 'persisted-documents.json'), 'utf8')) as Record<string, string>;
}

/** Signs in on `/signin` (then to `next`, if given) and waits to leave the sign-in page. */
export async function signIn(page: Page, url: string, account: Account, next?: string) {
  await page.goto(`${url}/signin${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password', { exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/signin'));
}

/** A new customer signs up on `/signup` (with `PASSWORD`) and is signed in. */
export async function signUp(page: Page, url: string, customer: { name: string; email: string }) {
  await page.goto(`${url}/signup`);
  await page.getByLabel('Name').fill(customer.name);
  await page.getByLabel('E-mail').fill(customer.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Repeat password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).waitFor();
}

/**
 * In an address form: types the street (and the flat) and places the pin with a click on the
 * map, up and left of its centre (clear of the pin, the zoom buttons and the credits); returns
 * what the form then says about the pin ("Pin at 43.23… N, 76.94… E").
 */
export async function fillAddress(form: Locator, { street, flat }: { street: string; flat?: string }): Promise<string> {
  await form.getByLabel('Street and house').fill(street);
  if (flat) await form.getByLabel('Flat, entrance, floor (optional)').fill(flat);
  const map = form.getByRole('application', { name: 'Map for placing the pin' });
  const box = await map.boundingBox();
  if (!box) throw new Error('the map is not on the page');
  await map.click({ position: { x: Math.round(box.width * 0.35), y: Math.round(box.height * 0.4) } });
  const position = form.getByTestId('pin-position');
  await position.filter({ hasText: /^Pin at / }).waitFor();
  return (await position.textContent()) ?? '';
}

/**
 * On checkout: saves a new address (typed, pinned on the map), tops the wallet up if it falls
 * short (`topUp`, by default with a new address); returns "Pay with wallet", once enabled.
 */
export async function readyToPayWithWallet(
  page: Page,
  { newAddress = true, topUp = newAddress }: { newAddress?: boolean; topUp?: boolean } = {},
): Promise<Locator> {
  await page.getByRole('heading', { name: 'Checkout' }).waitFor();
  if (newAddress) {
    const form = page.getByRole('form', { name: 'New address' });
    await fillAddress(form, { street: 'Gogol St 1' });
    await form.getByRole('button', { name: 'Save address' }).click();
    await page.getByRole('radio', { name: /Home/ }).waitFor();
  }
  if (topUp) {
    await page.getByTestId('wallet-shortfall').waitFor();
    await page.getByRole('button', { name: 'Top up', exact: true }).click();
    await page.getByTestId('wallet-shortfall').waitFor({ state: 'detached' });
  }
  const pay = page.getByRole('button', { name: 'Pay with wallet' });
  await expect.poll(() => pay.isEnabled(), { timeout: 15_000 }).toBe(true);
  return pay;
}

/** `vitrine serve`'s default delivery fee rules (VITRINE_DELIVERY_*), in tiyn and metres. */
export const DELIVERY_TERMS = { baseFee: 59_000, includedMeters: 3_000, feePerKm: 12_000, freeFrom: 2_000_000 };

/**
 * The fee those rules charge for goods worth `goods` over a route of about `meters` (the API
 * rounds the route to whole metres, so a metre either side counts too).
 */
export function expectedDeliveryFees(goods: number, meters: number): number[] {
  if (goods >= DELIVERY_TERMS.freeFrom) return [0];
  return [meters - 1, meters, meters + 1].map(
    (m) => DELIVERY_TERMS.baseFee + Math.max(0, Math.ceil((m - DELIVERY_TERMS.includedMeters) / 1000)) * DELIVERY_TERMS.feePerKm,
  );
}

/** The amount (tiyn) of the first money inside `locator` (its `data-amount`). */
export async function amountIn(locator: Locator): Promise<number> {
  const amount = await locator.locator('[data-amount]').first().getAttribute('data-amount');
  if (amount === null) throw new Error('no amount shown');
  return Number(amount);
}

export interface CheckoutQuote {
  /** Tiyn. */
  fee: number;
  meters: number;
  /** What paying takes, goods and delivery (tiyn). */
  total: number;
  /** "Arrives by 14:35 · in about 32 min". */
  promise: string;
}

/** On checkout: waits for the chosen address's delivery quote and reads it and the total. */
export async function checkoutQuote(page: Page): Promise<CheckoutQuote> {
  const quote = page.getByTestId('delivery-quote');
  const promise = quote.getByTestId('quote-promise');
  await promise.waitFor({ timeout: 15_000 });
  return {
    fee: Number(await quote.getByTestId('quote-fee').getAttribute('data-amount')),
    meters: Number(await quote.getByTestId('quote-distance').getAttribute('data-meters')),
    total: await amountIn(page.getByTestId('checkout-total')),
    promise: (await promise.textContent()) ?? '',
  };
}

/** What a shopper chooses of a product with variants: option name → value ("Size" → "35 cm"). */
export type VariantChoice = Record<string, string>;

/** On a product page: chooses each option's value in the option picker, in order. */
export async function chooseVariant(page: Page, choice: VariantChoice) {
  for (const [option, value] of Object.entries(choice)) {
    const group = page.getByRole('group', { name: option, exact: true });
    await group.getByRole('button', { name: value, exact: true }).click();
    await group.getByRole('button', { name: value, exact: true, pressed: true }).waitFor();
  }
}

/**
 * A customer finds `product`, adds it to an empty cart (from `shop`, else the first shop that
 * sells it; of a product with variants, the one `variant` chooses, else the first) and goes on
 * to checkout.
 */
export async function addToCartAndCheckOut(
  page: Page,
  { search, product, shop, variant }: { search: string; product: string; shop?: string; variant?: VariantChoice },
) {
  await page.getByRole('combobox', { name: 'Search products' }).fill(search);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const card = page.getByTestId('product-card').filter({ hasText: product });
  await card.getByRole('link', { name: product }).click();
  await page.getByRole('heading', { level: 1, name: product }).waitFor();
  if (variant) await chooseVariant(page, variant);
  const addToCart = shop ? page.getByRole('button', { name: `Add to cart from ${shop}` }) : page.getByRole('button', { name: /^Add to cart from / }).first();
  await addToCart.click();
  await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();
  await page.getByRole('link', { name: 'Cart, 1 item' }).click();
  await page.getByRole('button', { name: 'Go to checkout' }).click();
}

/**
 * A signed-in customer finds `product`, adds it to the cart (from `shop`, else the first shop
 * that sells it; `variant`, else the first of a product with variants) and pays with the wallet, leaving `note` for the kitchen and the courier if
 * given; returns the order's id once its page shows.
 * With `newAddress` false the customer has an address and enough money already.
 */
export async function buy(
  page: Page,
  {
    search,
    product,
    shop,
    variant,
    newAddress = true,
    note,
  }: { search: string; product: string; shop?: string; variant?: VariantChoice; newAddress?: boolean; note?: string },
): Promise<string> {
  await addToCartAndCheckOut(page, { search, product, shop, variant });
  const pay = await readyToPayWithWallet(page, { newAddress });
  if (note) await page.getByLabel('Note for the kitchen and the courier').fill(note);
  await pay.click();
  await page.waitForURL(/\/orders\/[^/]+$/);
  await page.getByTestId('order-status').waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
}

/** The number an order page names its order by ("Order #1042" → "#1042"). */
export async function orderRefShown(page: Page): Promise<string> {
  const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  const ref = /^Order (#\d+)/.exec(heading.trim())?.[1];
  if (!ref) throw new Error(`the order page's heading names no order number: ${JSON.stringify(heading)}`);
  return ref;
}

/** A new customer signs up and buys `product` with the wallet; returns the order's id. */
export async function signUpAndBuy(page: Page, url: string, customer: { name: string; email: string }, purchase: Parameters<typeof buy>[1]) {
  await signUp(page, url, customer);
  return buy(page, purchase);
}
