import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { collectPageErrors } from './browser';
import { expectNoHorizontalScroll, screenshotFromTop as shot, signIn, STAFF } from './flows';
import { useVitrineAndChromium } from './suite';

// Product pictures (issue #19): the demo illustrations on the storefront, a seller's upload
// (the GraphQL multipart request spec) shown on the product page, the catalog's tags on a phone.

const suite = useVitrineAndChromium();

/** Where the router serves a stored picture: its content's SHA-256, then its type. */
const MEDIA = /^\/media\/[0-9a-f]{64}\.(?:webp|svg|png|jpe?g)$/;
const MEDIA_WEBP = /^\/media\/[0-9a-f]{64}\.webp$/;

/** Once `img` has loaded (or failed): its address and its size as decoded. */
async function loaded(img: Locator): Promise<{ src: string | null; naturalWidth: number }> {
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete), { timeout: 15_000 }).toBe(true);
  return img.evaluate((el: HTMLImageElement) => ({ src: el.getAttribute('src'), naturalWidth: el.naturalWidth }));
}

/** A 640 × 480 PNG drawn in the page (a lamp on a light background): real bytes to decode. */
async function drawPng(page: Page): Promise<Buffer> {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d canvas');
    g.fillStyle = '#f4efe6';
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#e0a526';
    g.beginPath();
    g.moveTo(230, 110);
    g.lineTo(410, 110);
    g.lineTo(470, 250);
    g.lineTo(170, 250);
    g.closePath();
    g.fill();
    g.fillStyle = '#3b3b3b';
    g.fillRect(310, 250, 20, 160);
    g.fillRect(220, 405, 200, 22);
    return canvas.toDataURL('image/png');
  });
  const png = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return png;
}

describe('product pictures in a real browser', () => {
  it('shows the demo illustrations on the home page cards and in the header suggestions', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(suite.vitrine.url);
    const card = page.getByTestId('product-card').first();
    await card.waitFor();
    // A picture, not the lettered tile: the card size of a stored picture, loaded.
    const img = card.locator('img');
    await img.waitFor();
    expect(await card.getByTestId('product-placeholder').count()).toBe(0);
    const { src } = await loaded(img);
    expect(src).toMatch(MEDIA);
    // Still a picture once loaded (a failed one turns into the tile), described by its alt text.
    expect(await card.locator('img').count()).toBe(1);
    expect(await img.getAttribute('alt')).toBeTruthy();
    // Every card of the page has its picture.
    const cards = await page.getByTestId('product-card').count();
    const sources = await page.getByTestId('product-card').locator('img').evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src') ?? ''));
    expect(sources).toHaveLength(cards);
    for (const s of sources) expect(s).toMatch(MEDIA);

    // The header's suggestions carry thumbnails too.
    await page.getByRole('combobox', { name: 'Search products' }).fill('margherita');
    const option = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first();
    await option.waitFor();
    expect(await option.locator('img').getAttribute('src')).toMatch(MEDIA);

    expect(errors).toEqual([]);
    await context.close();
  });

  it('a seller adds a picture to a product they created; the product page shows it', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const stamp = Date.now();
    const productName = `E2E reading lamp ${stamp}`;
    const alt = 'A yellow reading lamp on a light background';

    // The demo seller creates a product.
    await signIn(page, suite.vitrine.url, STAFF.seller);
    await page.waitForURL(/\/seller\/shops$/);
    await page.getByRole('list', { name: 'Seller sections' }).getByRole('link', { name: 'Products', exact: true }).click();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByLabel('Name', { exact: true }).fill(productName);
    await page.getByLabel('Category').selectOption({ label: 'Electronics › Accessories' });
    await page.getByLabel('List price (₸)').fill('7 490');
    await page.getByLabel('Description').fill('A lamp for the pictures test.');
    await page.getByRole('button', { name: 'Create product' }).click();
    await page.getByTestId('products-notice').getByText(`Created “${productName}”`).waitFor();

    // Its editor has no pictures yet.
    await page.getByRole('link', { name: `Change ${productName}` }).click();
    await page.getByRole('heading', { name: 'Change a product' }).waitFor();
    const pictures = page.getByRole('region', { name: 'Pictures' });
    await pictures.getByText('No pictures yet').waitFor();
    const productId = decodeURIComponent(/\/seller\/products\/([^/]+)\/edit$/.exec(new URL(page.url()).pathname)![1]);
    const form = page.getByRole('form', { name: 'Add a picture' });
    const file = form.getByLabel('Picture file');
    await expect(file.getAttribute('accept')).resolves.toBe('image/png,image/jpeg,image/webp');

    // Bytes that are no picture, named as one: the router looks at the bytes and refuses, in
    // plain words.
    await file.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are not the bytes of a picture') });
    await form.getByLabel('What the picture shows').fill(alt);
    await form.getByRole('button', { name: 'Add picture' }).click();
    await form.getByTestId('problem').getByText('This file is not a PNG, JPEG or WebP picture.', { exact: false }).waitFor();
    await pictures.getByText('No pictures yet').waitFor();

    // A real PNG: one multipart POST with the preflight header and the token.
    const png = await drawPng(page);
    await file.setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: png });
    const uploadRequest = page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname === '/graphql' && (r.headers()['content-type'] ?? '').startsWith('multipart/form-data'),
    );
    await form.getByRole('button', { name: 'Add picture' }).click();
    const request = await uploadRequest;
    const headers = await request.allHeaders();
    expect(headers['apollo-require-preflight']).toBe('true');
    expect(headers.authorization).toMatch(/^Bearer \S+$/);
    const response = await request.response();
    expect(response?.status()).toBe(200);

    // The thumbnail shows with what it shows.
    await pictures.getByTestId('pictures-notice').getByText('Added the picture.').waitFor();
    const thumb = pictures.getByTestId('seller-picture').getByRole('img', { name: alt });
    const small = await loaded(thumb);
    expect(small.src).toMatch(MEDIA_WEBP);
    expect(small.naturalWidth).toBeGreaterThan(0);
    expect(small.naturalWidth).toBeLessThanOrEqual(160);
    await expect(pictures.getByTestId('seller-picture').textContent()).resolves.toContain(alt);
    await shot(page, 'pictures-seller-upload');

    // The storefront's product page shows it, in the large size.
    await page.goto(`${suite.vitrine.url}/products/${encodeURIComponent(productId)}`);
    await page.getByRole('heading', { level: 1, name: productName }).waitFor();
    const main = page.getByRole('img', { name: alt });
    const large = await loaded(main);
    expect(large.src).toMatch(MEDIA_WEBP);
    expect(large.src).not.toBe(small.src);
    expect(large.naturalWidth).toBeGreaterThan(160);
    expect(await page.getByTestId('product-placeholder').count()).toBe(0);
    await shot(page, 'pictures-product-page');

    // The one refusal above is the only failed request.
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^HTTP 400: POST .*\/graphql$/);
    await context.close();
  });

  it('fits a phone: twelve tags and "More tags", the product page with its picture', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    await page.goto(suite.vitrine.url);
    await page.getByTestId('product-card').first().waitFor();
    await page.getByRole('button', { name: 'Filters' }).click();
    const tags = page.getByRole('group', { name: 'Tags' });
    const more = tags.getByRole('button', { name: /^More tags \(\d+\)$/ });
    await more.waitFor();
    await expect(tags.getByRole('checkbox').count()).resolves.toBe(12);
    const hidden = Number(/\((\d+)\)/.exec((await more.textContent()) ?? '')![1]);
    expect(hidden).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page);
    await more.click();
    await tags.getByRole('button', { name: 'Fewer tags' }).waitFor();
    await expect(tags.getByRole('checkbox').count()).resolves.toBe(12 + hidden);
    await expectNoHorizontalScroll(page);
    await shot(page, 'pictures-phone-catalog-tags');

    // A product page, picture first.
    await page.getByTestId('product-card').first().getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const picture = page.locator('article img').first();
    const { src } = await loaded(picture);
    expect(src).toMatch(MEDIA);
    await expectNoHorizontalScroll(page);
    await shot(page, 'pictures-phone-product');

    expect(errors).toEqual([]);
    await context.close();
  });
});
