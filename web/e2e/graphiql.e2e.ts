import { describe, expect, it } from 'vitest';
import { collectPageErrors, screenshot } from './browser';
import { graphql } from './server';
import { useVitrineAndChromium } from './suite';

// A slower clock than the storefront test: the order must still be on its way when
// GraphiQL subscribes, so the page sees statuses arrive rather than only the last one.
const suite = useVitrineAndChromium({ timeScale: 60 });

/** A signed-up customer with a paid order for one pizza; returns the token and the order id. */
async function placeOrder(url: string): Promise<{ token: string; orderId: string }> {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const { register } = await graphql<{ register: { accessToken: string } }>(
    url,
    'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email: `graphiql-${unique}@example.kz`, name: 'GraphiQL User', password: 'correct horse battery 42' } },
  );
  const token = register.accessToken;
  await graphql(url, 'mutation($key: String!) { topUpWallet(amount: 2000000, idempotencyKey: $key) { entry { id } } }', { key: `top-up-${unique}` }, token);
  const { addAddress } = await graphql<{ addAddress: { id: string } }>(
    url,
    'mutation($input: AddressInput!) { addAddress(input: $input) { id } }',
    { input: { label: 'Home', line1: 'Abay Ave 10', city: 'Almaty', latitude: 43.2389, longitude: 76.8897 } },
    token,
  );
  // The pizza's first (default) size.
  const { searchProducts } = await graphql<{ searchProducts: { edges: Array<{ node: { variants: Array<{ offers: Array<{ id: string }> }> } }> } }>(
    url,
    '{ searchProducts(query: "margherita", first: 1) { edges { node { variants { offers { id } } } } } }',
  );
  const offerId = searchProducts.edges[0].node.variants[0].offers[0].id;
  await graphql(url, 'mutation($o: ID!) { addToCart(offerId: $o, quantity: 1) { id } }', { o: offerId }, token);
  const { checkout } = await graphql<{ checkout: { id: string } }>(
    url,
    'mutation($input: CheckoutInput!) { checkout(input: $input) { id } }',
    { input: { idempotencyKey: `checkout-${unique}`, deliveryAddressId: addAddress.id, paymentMethod: 'WALLET' } },
    token,
  );
  return { token, orderId: checkout.id };
}

describe('GraphiQL served by the router', () => {
  it('runs a subscription in the browser with the token from its header editor', async () => {
    const { token, orderId } = await placeOrder(suite.vitrine.url);
    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors = collectPageErrors(page);
    // Every request the page makes stays on the router: no CDN, so it works offline.
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(suite.vitrine.url) && !r.url().startsWith(suite.vitrine.url.replace('http', 'ws'))) foreign.push(r.url());
    });

    const query = `subscription { orderStatusChanged(orderId: "${orderId}") { status lines { product { name } variant { name } } } }`;
    const headers = JSON.stringify({ Authorization: `Bearer ${token}` });
    await page.goto(`${suite.vitrine.url}/graphql?${new URLSearchParams({ query, headers })}`, { waitUntil: 'networkidle' });

    // Record every result GraphiQL shows, as it shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
      setInterval(() => {
        const text = document.querySelector('.result-window')?.textContent ?? '';
        const status = /"status":\s*"([A-Z_]+)"/.exec(text)?.[1];
        if (status && seen[seen.length - 1] !== status) seen.push(status);
      }, 20);
    });
    await page.locator('.graphiql-execute-button').click();

    const seen = () => page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
    await expect.poll(async () => (await seen()).at(-1), { timeout: 120_000, interval: 250 }).toBe('DELIVERED');
    const statuses = await seen();
    expect(statuses.length).toBeGreaterThan(1);
    // Enriched through the query plan: the product's and the variant's names come from the
    // catalog subgraph.
    const result = (await page.locator('.result-window').textContent()) ?? '';
    expect(result).toMatch(/"name":\s*"Pizza Margherita"/);
    expect(result).toMatch(/"name":\s*"30 cm"/);
    await screenshot(page, 'graphiql-subscription');

    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('refuses another customer subscribing to that order', async () => {
    const { orderId } = await placeOrder(suite.vitrine.url);
    const { token: stranger } = await placeOrder(suite.vitrine.url);
    const page = await (await suite.browser.newContext()).newPage();
    const query = `subscription { orderStatusChanged(orderId: "${orderId}") { status } }`;
    const headers = JSON.stringify({ Authorization: `Bearer ${stranger}` });
    await page.goto(`${suite.vitrine.url}/graphql?${new URLSearchParams({ query, headers })}`, { waitUntil: 'networkidle' });
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(async () => (await page.locator('.result-window').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/"code":\s*"(NOT_FOUND|FORBIDDEN)"/);
    await expect(page.locator('.result-window').textContent()).resolves.not.toContain('"status"');
  });
});
