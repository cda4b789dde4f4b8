import { defineConfig } from 'vitest/config';

// Browser end-to-end test: starts `vitrine serve` (or uses VITRINE_URL) and drives Debian's
// Chromium through playwright-core. Run with `npm run e2e` (which builds web/dist first).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['verbose'],
  },
});
