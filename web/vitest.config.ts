import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Times are formatted in the local zone; pin it so assertions on "10:02:03" hold anywhere.
// Set here (before the workers start) so every test process inherits it.
process.env.TZ = 'UTC';

// Unit tests only (jsdom). The browser end-to-end test has its own config: vitest.e2e.config.ts.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'codegen/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});
