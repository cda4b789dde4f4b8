import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Rust binary (`vitrine serve`) serves web/dist at `/` with an SPA fallback, and the
// GraphQL API (HTTP and graphql-transport-ws) at the same origin's `/graphql`.
export default defineConfig({
  base: '/',
  plugins: [react()],
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
