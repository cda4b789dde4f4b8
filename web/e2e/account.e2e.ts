import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { collectPageErrors } from './browser';
import { addToCartAndCheckOut, expectNoHorizontalScroll, fillAddress, readyToPayWithWallet, screenshotFromTop as screenshot, signUp } from './flows';
import { useVitrineAndChromium } from './suite';

// The account page (issue #19): profile and an address book whose addresses are typed as text
// and placed with a pin on a map, the default one preselected at checkout. The browser is
// offline (see launchChromium): the map shows its grid and says so, and the pin works on it.

const PRODUCT = 'Baseus USB-C to USB-C Cable 2 m'; // sold by a shop, no kitchen

const suite = useVitrineAndChromium();

const pinText = (form: Locator) => form.getByTestId('pin-position').textContent();

describe('account page in a real browser', () => {
  it('a shopper adds addresses with the map, makes one the default, and checkout delivers there', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signUp(page, suite.vitrine.url, { name: 'Dana Pinned', email: `pinned-${Date.now()}@example.kz` });

    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('No saved addresses yet').waitFor();
    const book = page.getByRole('list', { name: 'Saved addresses' });
    const card = (label: string) => book.getByRole('listitem', { name: label });

    // The first address (Office) is typed and pinned with a click; the first becomes the default.
    await page.getByRole('button', { name: 'Add an address' }).click();
    let form = page.getByRole('form', { name: 'New address' });
    await form.getByLabel('Address name').fill('Office');
    await fillAddress(form, { street: 'Al-Farabi Ave 77' });
    // No tile server answers here: the map says it is offline, and the pin worked all the same.
    await expect(form.getByTestId('map-offline').textContent()).resolves.toContain('The map is offline (the map tiles could not load)');
    expect(await page.getByLabel(/latitude|longitude/i).count()).toBe(0);
    await form.getByRole('button', { name: 'Save address' }).click();
    await card('Office').waitFor();
    await expect(card('Office').textContent()).resolves.toContain('Default');

    // The second (Home): a click, then the pin dragged, then nudged with the keyboard.
    await page.getByRole('button', { name: 'Add an address' }).click();
    form = page.getByRole('form', { name: 'New address' });
    const clicked = await fillAddress(form, { street: 'Abay Ave 10', flat: 'Flat 12' });
    const pin = form.getByRole('button', { name: /^Pin at / });
    const box = (await pin.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 30, { steps: 6 });
    await page.mouse.up();
    await expect.poll(() => pinText(form)).not.toBe(clicked);
    const dragged = await pinText(form);
    await pin.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => pinText(form)).not.toBe(dragged);
    const placed = await pinText(form);
    await screenshot(page, 'account-01-new-address');
    await form.getByRole('button', { name: 'Save address' }).click();
    await card('Home').waitFor();
    await expect(card('Home').textContent()).resolves.toContain('Abay Ave 10, Flat 12, Almaty');

    await card('Home').getByRole('button', { name: 'Make Home the default' }).click();
    await expect.poll(() => card('Home').textContent()).toContain('Default');
    await expect(card('Office').textContent()).resolves.not.toContain('Default');

    // What was saved is where the pin was put: the edit form opens with the pin there.
    await card('Home').getByRole('button', { name: 'Edit Home' }).click();
    const edit = page.getByRole('form', { name: 'Edit address Home' });
    await expect.poll(() => pinText(edit)).toBe(placed);
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await screenshot(page, 'account-02-address-book');

    // Checkout offers the book with the default preselected, and no coordinates to type.
    await page.getByRole('link', { name: 'Catalog', exact: true }).click();
    await addToCartAndCheckOut(page, { search: 'usb-c cable', product: PRODUCT });
    await page.getByRole('heading', { name: 'Checkout' }).waitFor();
    const home = page.getByRole('radio', { name: /^Home: Abay Ave 10/ });
    await expect.poll(() => home.isChecked()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Office: / }).isChecked()).toBe(false);
    expect(await page.getByLabel(/latitude|longitude/i).count()).toBe(0);
    const pay = await readyToPayWithWallet(page, { newAddress: false, topUp: true });
    await pay.click();

    await page.waitForURL(/\/orders\/[^/]+$/);
    const delivered = page.getByRole('region', { name: 'Delivery address' });
    await delivered.getByText('Abay Ave 10').waitFor();
    await expect(delivered.textContent()).resolves.toMatch(/Home.*Abay Ave 10, Flat 12/);
    expect(errors).toEqual([]);
    await context.close();
  });

  // The page itself is among polish.e2e.ts's PHONE_PAGES; this is the address form's map.
  it('on a 390 px phone the address form and its map fit, and the pin can be placed', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await signUp(page, suite.vitrine.url, { name: 'Dana Phone', email: `phone-pin-${Date.now()}@example.kz` });
    await page.goto(`${suite.vitrine.url}/account`);
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByRole('button', { name: 'Add an address' }).click();
    const form = page.getByRole('form', { name: 'New address' });
    await fillAddress(form, { street: 'Tole Bi St 101' });
    await expectNoHorizontalScroll(page);
    await screenshot(page, 'account-03-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
