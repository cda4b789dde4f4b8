import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors } from './browser';
import { expectNoHorizontalScroll, screenshotFromTop as screenshot, orderRefShown, signIn, signUpAndBuy, STAFF } from './flows';
import { useVitrineAndChromium } from './suite';

// The courier app (issue #18), phone first: the demo courier goes on duty on a phone that
// shares its position, is given a shopper's delivery, picks it up and hands it over; the
// customer's order page shows DELIVERED live. The demo fleet is not simulated
// (simulateCouriers: false), so only this courier can take the delivery. A desktop browser
// that may not read the position shows the same route and takes a location typed by hand.

const PRODUCT = 'Baseus USB-C to USB-C Cable 2 m';
/** Abay Ave, near the Vitrine Kitchen: where the phone says it is. */
const PHONE_AT = { latitude: 43.2401, longitude: 76.9312 };

const suite = useVitrineAndChromium({ simulateCouriers: false });

/** A new customer buys `product`; returns the order's id. */
const buy = (page: Page, search: string, product: string) =>
  signUpAndBuy(page, suite.vitrine.url, { name: 'Timur Waiting', email: `waiting-${Date.now()}@example.kz` }, { search, product });

async function signInAsCourier(page: Page) {
  await signIn(page, suite.vitrine.url, STAFF.courier);
  // Couriers land on their app; the demo courier's profile exists already.
  await page.waitForURL(/\/courier$/);
  await page.getByRole('heading', { level: 1, name: 'Courier' }).waitFor();
  await page.getByTestId('courier-profile').getByText('Kairat Courier').waitFor();
}

describe('courier app in a real browser', () => {
  it('goes on duty, is given a delivery, picks it up and hands it over; the customer sees it delivered', async () => {
    // The courier's phone, allowed to share its position.
    const phoneContext = await suite.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      geolocation: PHONE_AT,
      permissions: ['geolocation'],
    });
    const phone = await phoneContext.newPage();
    const phoneErrors = collectPageErrors(phone);
    await signInAsCourier(phone);
    const duty = phone.getByRole('switch', { name: 'On duty' });
    await expect(duty.isChecked()).resolves.toBe(false);
    await phone.getByTestId('route-empty').getByText('Go on duty to get deliveries.').waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'courier-phone-off-duty');

    // A shopper, in another browser context, buys a cable: nothing to cook, so it goes
    // straight to delivery, and waits there for a courier.
    const shopperContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shopper = await shopperContext.newPage();
    const shopperErrors = collectPageErrors(shopper);
    const orderId = await buy(shopper, 'baseus', PRODUCT);
    await shopper.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const orderStatus = shopper.getByTestId('order-status');
    await expect.poll(() => orderStatus.getAttribute('data-status'), { timeout: 15_000 }).toBe('READY_FOR_DELIVERY');
    await shopper.getByTestId('delivery-status').getByText('Waiting for a courier').waitFor();

    // On duty: the phone's position goes to dispatch, and the delivery comes to this courier.
    await duty.click();
    await expect.poll(() => duty.isChecked()).toBe(true);
    await phone.getByTestId('duty-status').getByText('Dispatch may give you deliveries.').waitFor();
    await expect.poll(() => phone.getByTestId('location-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('watching');
    await phone.getByTestId('location-sent').getByText(/Dispatch has you at 43\.24010, 76\.93120\. Last sent .* from this phone\./).waitFor({ timeout: 10_000 });

    const ref = await orderRefShown(shopper);
    const pickup = phone.locator(`[data-testid="route-stop"][data-kind="PICKUP"][data-order-id="${orderId}"]`);
    const drop = phone.locator(`[data-testid="route-stop"][data-kind="DROP"][data-order-id="${orderId}"]`);
    await pickup.waitFor({ timeout: 20_000 });
    await drop.waitFor();
    // In order: first the shop, then the door.
    const kinds = await phone.getByTestId('route-stop').evaluateAll((stops) => stops.map((s) => s.getAttribute('data-kind')));
    expect(kinds).toEqual(['PICKUP', 'DROP']);
    await pickup.getByTestId('stop-place').getByText('Technodom Dostyk Plaza').waitFor();
    await pickup.getByText(`1 × ${PRODUCT}`).waitFor();
    await drop.getByTestId('stop-place').getByText('Home').waitFor();
    await drop.getByText('Pick it up first.').waitFor();
    await phone.getByTestId('courier-announcement').getByText(`New delivery ${ref} to pick up.`).waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'courier-phone-route');
    await shopper.getByTestId('delivery-status').getByText('Courier on the way to the pickup').waitFor({ timeout: 15_000 });

    // Picked up at the shop: the customer's order is out for delivery.
    await pickup.getByRole('button', { name: `Picked up ${ref}` }).click();
    await pickup.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => drop.getAttribute('data-status'), { timeout: 10_000 }).toBe('PICKED_UP');
    await expect.poll(() => orderStatus.getAttribute('data-status'), { timeout: 15_000 }).toBe('OUT_FOR_DELIVERY');

    // A desktop browser that may not read the position: the same route, and a location typed in.
    const desktopContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const desktop = await desktopContext.newPage();
    const desktopErrors = collectPageErrors(desktop);
    await signInAsCourier(desktop);
    const desktopDrop = desktop.locator(`[data-testid="route-stop"][data-kind="DROP"][data-order-id="${orderId}"]`);
    await desktopDrop.getByRole('button', { name: `Handed over ${ref}` }).waitFor();
    await expect.poll(() => desktop.getByTestId('location-status').getAttribute('data-status'), { timeout: 10_000 }).toMatch(/denied|unavailable/);
    const manual = desktop.getByRole('form', { name: 'Set location by hand' });
    await manual.getByLabel('Latitude').fill('95');
    await manual.getByRole('button', { name: 'Use this location' }).click();
    await manual.getByText('Latitude is between -90 and 90 degrees.').waitFor();
    await manual.getByLabel('Latitude').fill('43.2384');
    await manual.getByLabel('Longitude').fill('76.9447');
    await manual.getByRole('button', { name: 'Use this location' }).click();
    await desktop.getByTestId('location-sent').getByText(/Dispatch has you at 43\.23840, 76\.94470\. Last sent .* by hand\./).waitFor();
    await screenshot(desktop, 'courier-desktop-route');

    // Handed over at the door, on the phone.
    await drop.getByRole('button', { name: `Handed over ${ref}` }).click();
    await drop.waitFor({ state: 'detached', timeout: 10_000 });
    const finished = phone.locator(`[data-testid="finished-delivery"][data-order-id="${orderId}"]`);
    await expect.poll(() => finished.getAttribute('data-status'), { timeout: 10_000 }).toBe('DELIVERED');
    await phone.getByTestId('route-empty').getByText('No deliveries yet.').waitFor();
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'courier-phone-delivered');

    // The customer's page, never reloaded, shows it delivered; the desktop's route empties too.
    await expect.poll(() => orderStatus.getAttribute('data-status'), { timeout: 15_000 }).toBe('DELIVERED');
    await expect(shopper.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    await screenshot(shopper, 'courier-customer-delivered');
    await desktop.locator(`[data-testid="finished-delivery"][data-order-id="${orderId}"]`).waitFor({ timeout: 15_000 });
    await screenshot(desktop, 'courier-desktop-delivered');

    expect(phoneErrors).toEqual([]);
    expect(desktopErrors).toEqual([]);
    expect(shopperErrors).toEqual([]);
    await Promise.all([phoneContext.close(), desktopContext.close(), shopperContext.close()]);
  });
});
