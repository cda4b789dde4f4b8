import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Codegen's client preset turns each `graphql(`…`)` into a lookup in one map (src/gql/gql.ts)
 * of every document in src/gql/graphql.ts, so the shopper's first load would carry the
 * documents of every staff console, each as a large AST object, and the whole trusted
 * documents manifest. At build time this plugin replaces each call with an import of that one
 * document, each document its own module, so it goes into the chunk of the code that uses it.
 *
 * An operation's module holds its trusted text (the manifest's, whose SHA-256 is its hash),
 * parsed on load, with `__meta__.hash` as codegen puts it, and adds the text to the manifest
 * that src/api/trusted.ts reads: in the build that is a registry of the documents loaded so
 * far (one can only send a document that is loaded), not the whole file. A fragment's module
 * (fragments are not sent alone) holds codegen's object as it is.
 */

/** The operation text of each `graphql()` call → the name of its document in graphql.ts. */
export function documentNames(gqlSource: string): Map<string, string> {
  const start = gqlSource.indexOf('const documents: Documents = {');
  if (start < 0) throw new Error('src/gql/gql.ts has no `const documents` map: run `npm run codegen`');
  const block = gqlSource.slice(start, gqlSource.indexOf('\n};', start));
  const names = new Map<string, string>();
  for (const [, key, name] of block.matchAll(/^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)) {
    names.set(JSON.parse(key) as string, name);
  }
  return names;
}

/** Each document of graphql.ts (codegen writes one per line, fragments inlined) → its object. */
export function documentLiterals(graphqlSource: string): Map<string, string> {
  const literals = new Map<string, string>();
  for (const [, name, literal] of graphqlSource.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)) {
    literals.set(name, literal);
  }
  return literals;
}

export const DOCUMENT_PREFIX = 'virtual:vitrine-document/';
const REGISTRY = 'virtual:vitrine-trusted-documents';

/** The module of one document: `literal` is codegen's object, `manifest` hash → trusted text. */
export function documentModule(literal: string, manifest: Readonly<Record<string, string>>): string {
  const hash = (JSON.parse(literal) as { __meta__?: { hash?: string } }).__meta__?.hash;
  const text = hash === undefined ? undefined : manifest[hash];
  if (hash === undefined || text === undefined) return `export default ${literal};`;
  return [
    `import { gql } from '@urql/core';`,
    `import trusted from '${REGISTRY}';`,
    `const text = ${JSON.stringify(text)};`,
    `trusted[${JSON.stringify(hash)}] = text;`,
    `const document = gql(text);`,
    `document.__meta__ = { hash: ${JSON.stringify(hash)} };`,
    `export default document;`,
  ].join('\n');
}

/**
 * `code` with each `graphql(`…`)` replaced by an import of its document, or null when it has
 * none. A call whose text is not in `names` (codegen not rerun) is an error, never left as is.
 */
export function replaceGraphqlCalls(code: string, names: Map<string, string>): string | null {
  const imports = new Map<string, string>();
  const replaced = code.replace(/\bgraphql\(\s*`([^`]*)`\s*\)/g, (_call, text: string) => {
    const name = text.includes('${') || text.includes('\\') ? undefined : names.get(text);
    if (!name) throw new Error(`no generated document for graphql(\`${text.trim().split('\n')[0]} …\`): run \`npm run codegen\``);
    const local = `__vitrineDocument_${name}`;
    imports.set(name, local);
    return local;
  });
  if (/\bgraphql\(\s*[^`\s)]/.test(replaced)) {
    throw new Error('a graphql() call is not a plain template literal; the build cannot split it');
  }
  if (imports.size === 0) return null;
  const header = [...imports].map(([name, local]) => `import ${local} from '${DOCUMENT_PREFIX}${name}';`).join('\n');
  return `${header}\n${replaced}`;
}

export function documentModules(paths: { gql: string; graphql: string; manifest: string; trusted: string }): Plugin {
  let names = new Map<string, string>();
  let literals = new Map<string, string>();
  let manifest: Record<string, string> = {};
  return {
    name: 'vitrine-document-modules',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      for (const path of Object.values(paths)) this.addWatchFile(path);
      names = documentNames(readFileSync(paths.gql, 'utf8'));
      literals = documentLiterals(readFileSync(paths.graphql, 'utf8'));
      manifest = JSON.parse(readFileSync(paths.manifest, 'utf8')) as Record<string, string>;
    },
    resolveId(id, importer) {
      if (id.startsWith(DOCUMENT_PREFIX) || id === REGISTRY) return `\0${id}`;
      // trusted.ts gets the registry the document modules fill instead of the whole manifest.
      if (importer === paths.trusted && id.endsWith('/persisted-documents.json')) return `\0${REGISTRY}`;
      return null;
    },
    load(id) {
      if (id === `\0${REGISTRY}`) return 'export default {};';
      if (!id.startsWith(`\0${DOCUMENT_PREFIX}`)) return null;
      const name = id.slice(DOCUMENT_PREFIX.length + 1);
      const literal = literals.get(name);
      if (!literal) this.error(`src/gql/graphql.ts has no document ${name}: run \`npm run codegen\``);
      return documentModule(literal, manifest);
    },
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.includes('/src/gql/') || !code.includes('graphql(')) return null;
      try {
        const replaced = replaceGraphqlCalls(code, names);
        return replaced === null ? null : { code: replaced, map: null };
      } catch (error) {
        this.error(`${id}: ${(error as Error).message}`);
      }
    },
  };
}
