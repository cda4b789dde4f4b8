import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectPageErrors } from './browser';
import { expectNoHorizontalScroll, screenshotFromTop as screenshot, orderRefShown, signIn, signUpAndBuy, STAFF } from './flows';
import { useVitrineAndChromium } from './suite';

// The kitchen display (issue #18): a shopper buys a pizza; the kitchen screen shows the ticket
// live, a cook bumps it, waits for the oven to start it and presses Done; the customer's order
// page moves on to READY_FOR_DELIVERY without a reload. The clock runs at real time
// (timeScale 1), so the 10-minute pizza does not finish on its own during the test.

const PRODUCT = 'Pizza Margherita';
/** The size the shopper chooses: the kitchen must see which to make. */
const SIZE = '35 cm';
const OTHER_PRODUCT = 'Pizza Pepperoni';
const AFTER_READY = ['READY_FOR_DELIVERY', 'OUT_FOR_DELIVERY', 'DELIVERED'];

const suite = useVitrineAndChromium({ timeScale: 1 });

/**
 * A hungry new customer buys `product` (in `size`, else the default one), with `note` for the
 * kitchen if given; returns the order's id.
 */
const buy = (page: Page, search: string, product: string, note?: string, size?: string) =>
  signUpAndBuy(
    page,
    suite.vitrine.url,
    { name: 'Aruzhan Hungry', email: `hungry-${Date.now()}@example.kz` },
    { search, product, note, variant: size ? { Size: size } : undefined },
  );

const NOTE = 'No basil, please';

async function signInToKitchen(page: Page) {
  await signIn(page, suite.vitrine.url, STAFF.kitchen);
  // Kitchen staff land on the kitchen display.
  await page.waitForURL(/\/kitchen$/);
  await page.getByRole('heading', { level: 1, name: 'Kitchen' }).waitFor();
  await page.getByTestId('kitchen-station').first().waitFor();
  await page.getByTestId('kitchen-live').getByText('live').waitFor();
}

describe('kitchen display in a real browser', () => {
  it('shows a new ticket live; a cook bumps it and marks it done; the customer sees it ready', async () => {
    // The kitchen screen is up before the order comes in.
    const kitchenContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const kitchen = await kitchenContext.newPage();
    const kitchenErrors = collectPageErrors(kitchen);
    await signInToKitchen(kitchen);
    await expect(kitchen.getByTestId('kitchen-station').evaluateAll((lanes) => lanes.map((l) => l.getAttribute('data-station')))).resolves.toEqual(
      expect.arrayContaining(['OVEN', 'GRILL', 'COLD', 'PASTRY', 'BAR']),
    );
    await kitchen.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    // Someone else's pepperoni comes in first.
    const otherContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await otherContext.newPage();
    const otherErrors = collectPageErrors(other);
    const otherOrderId = await buy(other, 'pepperoni', OTHER_PRODUCT);
    expect(otherErrors).toEqual([]);
    await otherContext.close();

    // A shopper, in another browser context, buys a pizza and watches the order page.
    const shopperContext = await suite.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const shopper = await shopperContext.newPage();
    const shopperErrors = collectPageErrors(shopper);
    const orderId = await buy(shopper, 'margherita', PRODUCT, NOTE, SIZE);
    await shopper.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const orderStatus = shopper.getByTestId('order-status');

    // The ticket appears on the kitchen screen by subscription, in the OVEN lane, named, with
    // the size to make; the other pizza is the default size.
    const oven = kitchen.getByRole('region', { name: /^OVEN/ });
    const ticket = oven.locator(`[data-testid="kitchen-ticket"][data-order-id="${orderId}"]`);
    await ticket.waitFor({ timeout: 20_000 });
    await expect.poll(() => ticket.textContent(), { timeout: 10_000 }).toContain(`1× ${PRODUCT} · ${SIZE}`);
    await expect(ticket.getByTestId('item-variant').textContent()).resolves.toBe(SIZE);
    await expect(ticket.getByTestId('ticket-timer').textContent()).resolves.toMatch(/^\d+:\d\d left$/);
    await expect(ticket.getAttribute('data-late')).resolves.toBe('false');
    // The customer's note came with the ticket (its order, through federation), not by a
    // request of the card's own; the pepperoni has none.
    await expect(ticket.getByTestId('ticket-note').textContent()).resolves.toBe(`Customer's note: “${NOTE}”`);
    const otherTicket = oven.locator(`[data-testid="kitchen-ticket"][data-order-id="${otherOrderId}"]`);
    expect(await otherTicket.getByTestId('ticket-note').count()).toBe(0);
    await expect(otherTicket.textContent()).resolves.toContain(`1× ${OTHER_PRODUCT} · 30 cm`);
    const ref = await orderRefShown(shopper);
    await kitchen.getByTestId('kitchen-log').getByText(new RegExp(`Ticket ${ref} (is new|started)`)).first().waitFor();
    await expect(kitchen.getByTestId('kitchen-log').getAttribute('aria-live')).resolves.toBe('polite');

    // Second in the oven's queue, behind the older pepperoni; bumped, it goes first.
    const ovenOrder = () => oven.getByTestId('kitchen-ticket').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-order-id')));
    await expect.poll(ovenOrder, { timeout: 10_000 }).toEqual([otherOrderId, orderId]);
    await expect(ticket.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(`2. ${ref}`);
    await ticket.getByRole('button', { name: `Bump ticket ${ref}` }).click();
    await ticket.getByText('bumped 1 time').waitFor();
    await expect.poll(ovenOrder).toEqual([orderId, otherOrderId]);
    await expect(ticket.getByRole('heading', { level: 3 }).textContent()).resolves.toBe(`1. ${ref}`);

    // The automated kitchen puts it in the oven on its next tick: PREPARING.
    await expect.poll(() => ticket.getAttribute('data-status'), { timeout: 20_000 }).toBe('PREPARING');
    await expect.poll(() => orderStatus.getAttribute('data-status'), { timeout: 15_000 }).toBe('PREPARING');
    await screenshot(kitchen, 'kitchen-desktop-board');

    // The same board on a phone, while the tickets are on it: it fits the screen.
    const phoneContext = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await phoneContext.newPage();
    const phoneErrors = collectPageErrors(phone);
    await signInToKitchen(phone);
    const phoneTicket = phone.locator(`[data-testid="kitchen-ticket"][data-order-id="${orderId}"]`);
    await phoneTicket.waitFor();
    await expect(phoneTicket.getAttribute('data-status')).resolves.toBe('PREPARING');
    // Loaded with the queue this time: the note is there too.
    await expect(phoneTicket.getByTestId('ticket-note').textContent()).resolves.toBe(`Customer's note: “${NOTE}”`);
    await expectNoHorizontalScroll(phone);
    await screenshot(phone, 'kitchen-phone-board');

    // Done: the ticket leaves the lane for "Just finished", on both screens, live.
    await ticket.getByRole('button', { name: `Done ticket ${ref}` }).click();
    await ticket.waitFor({ state: 'detached' });
    const finished = kitchen.locator(`[data-testid="finished-ticket"][data-order-id="${orderId}"]`);
    await expect.poll(() => finished.getAttribute('data-status'), { timeout: 10_000 }).toBe('READY');
    await kitchen.getByTestId('kitchen-log').getByText(`Ticket ${ref} is ready.`).waitFor();
    await phone.locator(`[data-testid="finished-ticket"][data-order-id="${orderId}"]`).waitFor({ timeout: 10_000 });
    await phoneTicket.waitFor({ state: 'detached' });
    await expectNoHorizontalScroll(phone);
    await screenshot(kitchen, 'kitchen-desktop-done');
    await screenshot(phone, 'kitchen-phone-done');

    // The customer's page, never reloaded, moves on to ready for delivery (or further).
    await expect.poll(async () => AFTER_READY.includes((await orderStatus.getAttribute('data-status')) ?? ''), { timeout: 20_000 }).toBe(true);
    await shopper.getByTestId('kitchen-status').getByText('Ready').waitFor();
    await expect(shopper.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    await expect(kitchen.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    await screenshot(shopper, 'kitchen-customer-ready');

    expect(kitchenErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
    expect(shopperErrors).toEqual([]);
    await Promise.all([kitchenContext.close(), phoneContext.close(), shopperContext.close()]);
  });
});
