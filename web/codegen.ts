import { createHash } from 'node:crypto';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';

const config: CodegenConfig = {
  schema: '../schema/supergraph.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // Trusted documents: src/gql/persisted-documents.json maps the SHA-256 (hex) of each
        // operation's text to that text, and every document carries it as `__meta__.hash`.
        // `vite build` copies the file to dist/, where the router loads it. A function, not
        // 'sha256': for that name the preset writes "sha256:<hex>", and Apollo's APQ protocol
        // (what the client sends) carries the bare hex.
        persistedDocuments: {
          hashAlgorithm: (text: string) => createHash('sha256').update(text).digest('hex'),
        },
      },
      // The server runs the manifest's text, not urql's; urql's document cache needs
      // `__typename` in results to know what a mutation invalidates, so the text selects it.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: false,
      },
    },
  },
};

export default config;
