import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors } from './browser';
import {
  amountIn,
  chooseVariant,
  expectNoHorizontalScroll,
  readyToPayWithWallet,
  screenshotFromTop as screenshot,
  signIn,
  signUp,
  STAFF,
} from './flows';
import { graphql } from './server';
import { useVitrineAndChromium } from './suite';
import { formatMoney } from '../src/lib/money';

// Product variants (a pizza's size, a phone's storage and colour): a shopper picks them on the
// product page, the cart, checkout and the order name them with their own prices; a
// combination that does not exist cannot be picked; a seller adds variants to a product and
// offers one of them.

/** Tiyn as the storefront shows them. */
const tenge = (amount: number) => formatMoney({ amount, currency: 'KZT' });

const suite = useVitrineAndChromium();

interface Facts {
  id: string;
  name: string;
  price: number;
  /** The cheapest offer of any variant (tiyn). */
  from: number;
  variants: Array<{ id: string; name: string; price: number; offers: Array<{ id: string; price: number; shop: string }> }>;
}

/** What the API says of the product called `name` that `search` finds: its variants and their offers. */
async function productFacts(search: string, name: string): Promise<Facts> {
  type Money = { amount: number };
  type Node = {
    id: string;
    name: string;
    price: Money;
    cheapestOffer: { price: Money };
    variants: Array<{ id: string; name: string; price: Money; offers: Array<{ id: string; price: Money; shop: { name: string } }> }>;
  };
  const { searchProducts } = await graphql<{ searchProducts: { edges: Array<{ node: Node }> } }>(
    suite.vitrine.url,
    `query($q: String!) { searchProducts(query: $q, first: 5) { edges { node {
      id name price { amount } cheapestOffer { price { amount } }
      variants { id name price { amount } offers { id price { amount } shop { name } } }
    } } } }`,
    { q: search },
  );
  const node = searchProducts.edges.map((e) => e.node).find((n) => n.name === name);
  if (!node) throw new Error(`no product ${name} for “${search}”`);
  return {
    id: node.id,
    name: node.name,
    price: node.price.amount,
    from: node.cheapestOffer.price.amount,
    variants: node.variants.map((v) => ({
      id: v.id,
      name: v.name,
      price: v.price.amount,
      offers: v.offers.map((o) => ({ id: o.id, price: o.price.amount, shop: o.shop.name })),
    })),
  };
}

const variantNamed = (facts: Facts, name: string) => {
  const variant = facts.variants.find((v) => v.name === name);
  if (!variant) throw new Error(`${facts.name} has no variant ${name}`);
  return variant;
};

/** An option's value button in the product page's picker. */
const valueButton = (page: Page, option: string, value: string) =>
  page.getByRole('group', { name: option, exact: true }).getByRole('button', { name: value, exact: true });

/** The values of an option that are pressed (chosen). */
const pressedIn = (page: Page, option: string) =>
  page
    .getByRole('group', { name: option, exact: true })
    .getByRole('button', { pressed: true })
    .allTextContents();

/**
 * Searches with the header's box and opens the product called `name`; returns what its card
 * in the results said: the hint of its variants ("3 sizes") and the price it starts from.
 */
async function openProduct(page: Page, search: string, name: string): Promise<{ hint: string; price: number }> {
  await page.getByRole('combobox', { name: 'Search products' }).fill(search);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const card = page.getByTestId('product-card').filter({ has: page.getByRole('link', { name, exact: true }) });
  await card.waitFor();
  const hint = (await card.getByTestId('variants-hint').textContent()) ?? '';
  const price = await amountIn(card);
  await expect(card.textContent()).resolves.toContain(`from ${tenge(price)}`);
  await card.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  return { hint, price };
}

describe('product variants in a real browser', () => {
  it('a shopper picks a pizza size and a phone’s storage, pays, and sees them on the cart, checkout and order', async () => {
    const pizza = await productFacts('margherita', 'Pizza Margherita');
    const phone = await productFacts('iphone 15', 'Apple iPhone 15');
    const big = variantNamed(pizza, '35 cm');
    const storage = variantNamed(phone, '256 GB · Black');
    // The 35 cm pizza's list price is 130 % of the pizza's (₸3 490 → ₸4 537).
    expect(pizza.price).toBe(349_000);
    expect(big.price).toBe(Math.round(pizza.price * 1.3));
    expect(big.offers.map((o) => [o.shop, o.price])).toEqual([['Vitrine Kitchen', 453_700]]);
    expect(storage.offers.length).toBeGreaterThan(0);
    const phoneOffer = storage.offers[0];

    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signUp(page, suite.vitrine.url, { name: 'Saule Sizes', email: `variants-${Date.now()}@example.kz` });

    // The pizza's card starts at its cheapest size and says how many there are.
    const pizzaCard = await openProduct(page, 'margherita', 'Pizza Margherita');
    expect(pizzaCard.hint).toBe('3 sizes');
    expect(pizzaCard.price).toBe(pizza.from);
    expect(pizza.from).toBeLessThan(pizza.price);

    // The first size is chosen; choosing 35 cm shows its price and offers, and puts it in the address.
    await expect(page.getByRole('group', { name: 'Size', exact: true }).getByRole('button').allTextContents()).resolves.toEqual(['30 cm', '25 cm', '35 cm']);
    await expect(pressedIn(page, 'Size')).resolves.toEqual(['30 cm']);
    await expect(amountIn(page.getByTestId('product-price'))).resolves.toBe(pizza.price);
    await chooseVariant(page, { Size: '35 cm' });
    await page.waitForURL((u) => u.searchParams.get('variant') === big.id);
    await expect(amountIn(page.getByTestId('product-price'))).resolves.toBe(big.price);
    const pizzaOffers = page.getByRole('list', { name: 'Offers of 35 cm from shops' }).getByTestId('offer');
    await expect(pizzaOffers.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-offer-id')))).resolves.toEqual([big.offers[0].id]);
    await expect(amountIn(pizzaOffers.first())).resolves.toBe(453_700);
    // A reload (or a shared link) keeps the size.
    await page.reload();
    await page.getByRole('group', { name: 'Size', exact: true }).getByRole('button', { name: '35 cm', exact: true, pressed: true }).waitFor();
    await screenshot(page, 'variants-pizza-35');
    await page.getByRole('button', { name: 'Add to cart from Vitrine Kitchen' }).click();
    await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();

    // The phone: storage and colour; 256 GB and 512 GB come in Black only.
    const phoneCard = await openProduct(page, 'iphone 15', 'Apple iPhone 15');
    expect(phoneCard.hint).toBe('4 options');
    await expect(pressedIn(page, 'Storage')).resolves.toEqual(['128 GB']);
    await expect(pressedIn(page, 'Colour')).resolves.toEqual(['Black']);
    // 512 GB in Blue does not exist: with 512 GB chosen, Blue cannot be.
    await chooseVariant(page, { Storage: '512 GB' });
    await expect(valueButton(page, 'Colour', 'Blue').isDisabled()).resolves.toBe(true);
    await expect(valueButton(page, 'Colour', 'Blue').getAttribute('title')).resolves.toBe('Not available in 512 GB');
    await valueButton(page, 'Colour', 'Blue').click({ force: true });
    // The picker settles after the click re-renders: wait for it rather than read it once.
    await expect.poll(() => pressedIn(page, 'Colour')).toEqual(['Black']);
    await page.waitForURL((u) => u.searchParams.get('variant') === variantNamed(phone, '512 GB · Black').id);
    // From Blue, choosing 512 GB brings Black with it: the missing combination is never chosen.
    await chooseVariant(page, { Storage: '128 GB', Colour: 'Blue' });
    await page.waitForURL((u) => u.searchParams.get('variant') === variantNamed(phone, '128 GB · Blue').id);
    await valueButton(page, 'Storage', '512 GB').click();
    await expect.poll(() => pressedIn(page, 'Colour')).toEqual(['Black']);
    await page.waitForURL((u) => u.searchParams.get('variant') === variantNamed(phone, '512 GB · Black').id);
    await screenshot(page, 'variants-phone-512');
    // 256 GB in Black.
    await chooseVariant(page, { Storage: '256 GB' });
    await expect.poll(() => pressedIn(page, 'Colour')).toEqual(['Black']);
    await page.waitForURL((u) => u.searchParams.get('variant') === storage.id);
    await expect(amountIn(page.getByTestId('product-price'))).resolves.toBe(storage.price);
    await page.getByRole('button', { name: `Add to cart from ${phoneOffer.shop}` }).click();
    await page.getByRole('status').filter({ hasText: 'Added.' }).waitFor();

    // The cart names both lines by their variants, each at its own price.
    await page.getByRole('link', { name: 'Cart, 2 items' }).click();
    const lines = page.getByTestId('cart-line');
    await expect.poll(() => lines.count()).toBe(2);
    const line = (name: string) => lines.filter({ has: page.getByRole('link', { name, exact: true }) });
    await expect(amountIn(line('Pizza Margherita · 35 cm'))).resolves.toBe(453_700);
    await expect(amountIn(line('Apple iPhone 15 · 256 GB · Black'))).resolves.toBe(phoneOffer.price);
    await expect(line('Pizza Margherita · 35 cm').textContent()).resolves.toContain(`${tenge(453_700)} each`);
    await expect(amountIn(page.getByTestId('cart-subtotal'))).resolves.toBe(453_700 + phoneOffer.price);
    await screenshot(page, 'variants-cart');

    // Checkout lists them so too, and the wallet pays.
    await page.getByRole('button', { name: 'Go to checkout' }).click();
    const pay = await readyToPayWithWallet(page);
    const summary = page.getByRole('complementary', { name: 'Order summary' });
    await expect(summary.textContent()).resolves.toContain('1 × Pizza Margherita · 35 cm');
    await expect(summary.textContent()).resolves.toContain('1 × Apple iPhone 15 · 256 GB · Black');
    await pay.click();
    await page.waitForURL(/\/orders\/[^/]+$/);

    // The order: both variants, at their prices; the kitchen makes the 35 cm pizza.
    const items = page.getByRole('region', { name: 'Items' });
    await items.waitFor();
    const itemRows = await items.getByRole('listitem').allTextContents();
    expect(itemRows).toContain(`1 × Pizza Margherita · 35 cm${tenge(453_700)}`);
    expect(itemRows).toContain(`1 × Apple iPhone 15 · 256 GB · Black${tenge(phoneOffer.price)}`);
    await page.getByRole('progressbar', { name: 'Pizza Margherita · 35 cm progress' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'variants-order');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the option picker on a 390 px phone', async () => {
    const phone = await productFacts('iphone 15', 'Apple iPhone 15');
    const pizza = await productFacts('margherita', 'Pizza Margherita');
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    for (const [facts, option, label] of [
      [phone, 'Colour', 'iphone'],
      [pizza, 'Size', 'pizza'],
    ] as const) {
      await page.goto(`${suite.vitrine.url}/products/${facts.id}?variant=${facts.variants[1].id}`);
      await page.getByRole('group', { name: option, exact: true }).waitFor();
      await page.getByTestId('offer').first().waitFor();
      await expectNoHorizontalScroll(page);
      // Every value can be reached without scrolling sideways.
      for (const button of await page.getByTestId('option-picker').getByRole('button').all()) {
        const box = await button.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
      }
      await screenshot(page, `variants-phone-${label}`);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a seller adds variants to a product and offers one; the storefront picks it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const stamp = Date.now();
    const name = `E2E mug ${stamp}`;
    const shop = 'Sulpak Mega Alma-Ata';

    // The product, created through the API (the console's product form has its own test).
    await signIn(page, suite.vitrine.url, STAFF.seller);
    await page.waitForURL(/\/seller\/shops$/);
    const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('vitrine.session') ?? '{}') as { accessToken?: string }).accessToken);
    const { categories } = await graphql<{ categories: Array<{ id: string; name: string }> }>(suite.vitrine.url, '{ categories { id name } }');
    const categoryId = categories.find((c) => c.name === 'Accessories')?.id ?? categories[0].id;
    const { createProduct } = await graphql<{ createProduct: { id: string } }>(
      suite.vitrine.url,
      'mutation($input: ProductInput!) { createProduct(input: $input) { id } }',
      { input: { name, slug: `e2e-mug-${stamp}`, price: 250_000, description: 'A mug in two colours.', categoryId } },
      token,
    );

    // Two variants in the product's editor: the first names the option.
    await page.goto(`${suite.vitrine.url}/seller/products/${createProduct.id}/edit`);
    const variants = page.getByRole('region', { name: 'Variants' });
    await variants.getByText('Sold as one thing.').waitFor();
    await variants.getByLabel('Option 1', { exact: true }).fill('Colour');
    await variants.getByLabel('Value of option 1', { exact: true }).fill('Red');
    await variants.getByRole('button', { name: 'Add variant' }).click();
    await variants.getByTestId('variants-notice').getByText('Added “Red”.').waitFor();
    // Now only a value of Colour is asked for.
    await variants.getByLabel('Colour', { exact: true }).fill('Blue');
    await variants.getByLabel('Price (₸, optional)', { exact: true }).fill('2 750');
    await variants.getByRole('button', { name: 'Add variant' }).click();
    await variants.getByTestId('variants-notice').getByText('Added “Blue”.').waitFor();
    await expect.poll(() => variants.getByTestId('seller-variant').allTextContents()).toEqual([`Red${tenge(250_000)}`, `Blue${tenge(275_000)}`]);
    await screenshot(page, 'variants-seller-editor');

    // Offering it in a shop needs a variant.
    await page.goto(`${suite.vitrine.url}/seller/shops`);
    await page.getByRole('link', { name: `Offers and stock of ${shop}` }).click();
    await page.getByRole('button', { name: 'Add an offer' }).click();
    const form = page.getByRole('form', { name: 'Add an offer' });
    await form.getByLabel('Find in the catalog').fill(name);
    await form.getByRole('button', { name: 'Search' }).click();
    await form.getByRole('radio', { name: new RegExp(name) }).check();
    await form.getByLabel('Units on hand').fill('5');
    await form.getByRole('button', { name: 'Add offer' }).click();
    await form.getByText('comes in 2 variants: choose the one this offer sells').waitFor();
    await form.getByLabel('Variant', { exact: true }).selectOption({ index: 2 });
    await expect(form.getByLabel('Price (₸)').inputValue()).resolves.toBe('2750.00');
    // The shops learn of a new variant a moment after the catalog: a refusal meanwhile
    // (NOT_FOUND, in plain words) is tried again.
    const notice = page.getByTestId('offers-notice').getByText(`Now selling “${name} · Blue” at ${tenge(275_000)}, 5 units on hand.`);
    for (let attempt = 1; ; attempt++) {
      await form.getByRole('button', { name: 'Add offer' }).click();
      const outcome = await Promise.race([
        notice.waitFor({ timeout: 15_000 }).then(() => 'added'),
        form.getByRole('alert').waitFor({ timeout: 15_000 }).then(() => 'refused'),
      ]).catch(() => 'nothing');
      if (outcome === 'added') break;
      expect(attempt, `attempt ${attempt}: ${outcome}`).toBeLessThan(10);
      await page.waitForTimeout(1000);
    }
    const row = page.getByTestId('seller-offer').filter({ hasText: `${name} · Blue` });
    await expect(row.getAttribute('data-variant-id')).resolves.toBeTruthy();
    await screenshot(page, 'variants-seller-offer');
    expect(errors).toEqual([]);
    await context.close();

    // A guest sees the colours: Red (first) is sold nowhere yet, Blue from the shop.
    const guest = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shopper = await guest.newPage();
    const shopperErrors = collectPageErrors(shopper);
    await shopper.goto(`${suite.vitrine.url}/products/${createProduct.id}`);
    await expect.poll(() => pressedIn(shopper, 'Colour')).toEqual(['Red']);
    await shopper.getByText('No shop sells Red right now').waitFor();
    await chooseVariant(shopper, { Colour: 'Blue' });
    await expect(amountIn(shopper.getByRole('list', { name: 'Offers of Blue from shops' }).getByTestId('offer'))).resolves.toBe(275_000);
    await shopper.getByRole('button', { name: `Add to cart from ${shop}` }).waitFor();
    expect(shopperErrors).toEqual([]);
    await guest.close();
  });
});
