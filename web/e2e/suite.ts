import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { startVitrine, type Vitrine } from './server';

/**
 * Starts `vitrine serve` (with `options`) and Chromium before the file's tests and stops both
 * after. Call it at the top level of a spec; read `.vitrine` and `.browser` inside hooks and
 * tests (they throw if read before `beforeAll` has set them).
 */
export function useVitrineAndChromium(options?: Parameters<typeof startVitrine>[0]): {
  readonly vitrine: Vitrine;
  readonly browser: Browser;
} {
  let vitrine: Vitrine | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    vitrine = await startVitrine(options);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await vitrine?.stop();
  });

  // Getters, not values: the hooks have not run when the spec's top level calls this.
  return {
    get vitrine() {
      if (!vitrine) throw new Error('vitrine is not started: read it inside a test or hook, after beforeAll');
      return vitrine;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched: read it inside a test or hook, after beforeAll');
      return browser;
    },
  };
}
