import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gql } from '@urql/core';
import { print, visit, type DocumentNode } from 'graphql';
import * as generated from '../src/gql/graphql';
import manifest from '../src/gql/persisted-documents.json';
import { DOCUMENT_PREFIX, documentLiterals, documentModule, documentNames, replaceGraphqlCalls } from './documentModules';

/** A document printed with its selections and definitions in one order (the manifest sorts them). */
function canonical(document: DocumentNode): string {
  const byText = <T extends Parameters<typeof print>[0]>(nodes: readonly T[] | undefined) =>
    nodes && [...nodes].sort((a, b) => print(a).localeCompare(print(b)));
  const sorted = visit(document, {
    SelectionSet: { leave: (node) => ({ ...node, selections: byText(node.selections)! }) },
    OperationDefinition: { leave: (node) => ({ ...node, variableDefinitions: byText(node.variableDefinitions) }) },
    Field: { leave: (node) => ({ ...node, arguments: byText(node.arguments) }) },
  });
  return sorted.definitions.map((d) => print(d)).sort().join('\n');
}

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const names = documentNames(read('../src/gql/gql.ts'));
const literals = documentLiterals(read('../src/gql/graphql.ts'));

describe('document modules (the build splits the generated documents)', () => {
  it('finds a module for every graphql() text, the same document codegen made, carrying its trusted hash', () => {
    expect(names.size).toBeGreaterThan(80);
    const documents = generated as unknown as Record<string, unknown>;
    for (const name of new Set(names.values())) {
      const literal = literals.get(name);
      expect(literal, name).toBeDefined();
      expect(JSON.parse(literal!), name).toEqual(documents[name]);
      const hash = (JSON.parse(literal!) as { __meta__?: { hash?: string } }).__meta__?.hash;
      // Fragments alone are never sent; every operation is in the manifest by its hash.
      if (!name.endsWith('FragmentDoc')) expect(Object.keys(manifest), name).toContain(hash);
    }
  });

  it('loads an operation from its trusted text: the same document, the same hash; a fragment as codegen wrote it', () => {
    const documents = generated as unknown as Record<string, DocumentNode & { __meta__?: { hash: string } }>;
    let operations = 0;
    for (const name of new Set(names.values())) {
      const code = documentModule(literals.get(name)!, manifest);
      const hash = documents[name].__meta__?.hash;
      if (name.endsWith('FragmentDoc')) {
        expect(code, name).toBe(`export default ${literals.get(name)};`);
        continue;
      }
      operations += 1;
      const text = (manifest as Record<string, string>)[hash!];
      expect(code, name).toContain(`const text = ${JSON.stringify(text)};`);
      expect(code, name).toContain(`trusted[${JSON.stringify(hash)}] = text;`);
      expect(code, name).toContain(`document.__meta__ = { hash: ${JSON.stringify(hash)} };`);
      // What the module parses is what codegen generated, in the manifest's order: the text
      // the router runs for that hash anyway.
      expect(canonical(gql(text)), name).toBe(canonical(documents[name]));
    }
    expect(operations).toBe(Object.keys(manifest).length);
  });

  it('replaces each call in an operations file with an import of its own document', () => {
    const source = read('../src/consoles/kitchen/operations.ts');
    const calls = source.match(/\bgraphql\(`/g)!.length;
    const code = replaceGraphqlCalls(source, names)!;

    expect(code).not.toMatch(/\bgraphql\(/);
    const imports = [...code.matchAll(new RegExp(`^import (\\w+) from '${DOCUMENT_PREFIX}(\\w+)';$`, 'gm'))];
    expect(imports).toHaveLength(calls);
    expect(imports.map(([, , name]) => name)).toContain('KitchenBoardDocument');
    for (const [, local] of imports) expect(code).toContain(`= ${local}`);
  });

  it('leaves a file without calls alone, and refuses a text codegen has not seen', () => {
    expect(replaceGraphqlCalls("export const x = 'graphql';", names)).toBeNull();
    expect(() => replaceGraphqlCalls('const Q = graphql(`\n  query NotGenerated { me { id } }\n`);', names)).toThrow(
      /no generated document for graphql\(`query NotGenerated/,
    );
    expect(() => replaceGraphqlCalls('const Q = graphql(text);', names)).toThrow(/not a plain template literal/);
  });
});
