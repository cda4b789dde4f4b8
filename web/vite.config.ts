import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { documentModules } from './codegen/documentModules.ts';

/**
 * Copies the trusted documents (`npm run codegen` writes src/gql/persisted-documents.json: the
 * SHA-256 hex of each operation's text → the text) to dist/persisted-documents.json, which
 * the router loads from VITRINE_WEB_DIR to answer the storefront's hash-only requests.
 */
function trustedDocuments(): Plugin {
  const manifest = fileURLToPath(new URL('./src/gql/persisted-documents.json', import.meta.url));
  return {
    name: 'vitrine-trusted-documents',
    apply: 'build',
    buildStart() {
      this.addWatchFile(manifest);
    },
    generateBundle() {
      const source = readFileSync(manifest, 'utf8');
      const documents: unknown = JSON.parse(source);
      if (
        !documents ||
        typeof documents !== 'object' ||
        Array.isArray(documents) ||
        !Object.entries(documents).every(([hash, text]) => /^[0-9a-f]{64}$/.test(hash) && typeof text === 'string')
      ) {
        this.error(`${manifest} is not { "<sha256 hex>": "<document>" }: run \`npm run codegen\``);
      }
      this.emitFile({ type: 'asset', fileName: 'persisted-documents.json', source });
    },
  };
}

// The Rust binary (`vitrine serve`) serves web/dist at `/` with an SPA fallback, and the
// GraphQL API (HTTP and graphql-transport-ws) at the same origin's `/graphql`.
export default defineConfig({
  base: '/',
  plugins: [
    react(),
    trustedDocuments(),
    documentModules({
      gql: fileURLToPath(new URL('./src/gql/gql.ts', import.meta.url)),
      graphql: fileURLToPath(new URL('./src/gql/graphql.ts', import.meta.url)),
      manifest: fileURLToPath(new URL('./src/gql/persisted-documents.json', import.meta.url)),
      trusted: fileURLToPath(new URL('./src/api/trusted.ts', import.meta.url)),
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/graphql': {
        target: 'http://127.0.0.1:4000',
        ws: true,
        changeOrigin: true,
      },
    },
  },
  preview: {
    proxy: {
      '/graphql': {
        target: 'http://127.0.0.1:4000',
        ws: true,
        changeOrigin: true,
      },
    },
  },
});
