// Architecture law: the layers, top to bottom. A file imports from its own layer or a lower one,
// never upward, so each layer can be read (and tested) without the ones above it. Type-only
// imports count too: they couple the code as much as values do. This test reads the real imports.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Top to bottom; folders in one row are one layer. The entry points (the browser extension's
 * glue and the Node CLI) sit above what they wire together; exports render reports; rules read what
 * the analysis provides; collectors fill the snapshot.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['entrypoints'],
  ['components'],
  ['lib/extension', 'lib/cli'],
  ['lib/protocol'],
  ['lib/export'],
  ['lib/report'],
  ['lib/rules'],
  ['lib/analyze', 'lib/collect', 'lib/offline'],
  ['lib/expression', 'lib/qlik', 'lib/snapshot', 'lib/format'],
  ['lib/schema'],
];

/** The layer folder a repository path belongs to, or undefined outside the layered code. */
function folderOf(relativePath: string): string | undefined {
  const parts = relativePath.split('/');
  const folder = parts[0] === 'lib' ? `lib/${parts[1]}` : parts[0];
  return LAYERS.some((row) => row.includes(folder)) ? folder : undefined;
}

const layerOf = (folder: string): number => LAYERS.findIndex((row) => row.includes(folder));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = `${dir}/${name}`;
    if (statSync(path.join(root, relative)).isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(name) ? [relative] : [];
  });
}

/** Every module specifier a file imports or re-exports (static, dynamic, type-only). */
function specifiers(fileName: string, source: string): Array<{ specifier: string; line: number }> {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Array<{ specifier: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    let literal: ts.Node | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) literal = node.moduleSpecifier;
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) literal = node.arguments[0];
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal = node.argument.literal;
    if (literal && ts.isStringLiteral(literal)) out.push({ specifier: literal.text, line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The repository path an import resolves to (relative or the `@/` alias), or undefined for packages. */
function resolved(fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith('@/')) return specifier.slice(2);
  if (specifier.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  return undefined;
}

/** `file:line imports <folder> (layer n) from <folder> (layer m)` for every upward import. */
function upwardImports(): string[] {
  const files = ['entrypoints', 'components', 'lib'].flatMap(sourceFiles);
  const problems: string[] = [];
  for (const file of files) {
    const from = folderOf(file);
    if (!from) continue;
    for (const { specifier, line } of specifiers(file, readFileSync(path.join(root, file), 'utf8'))) {
      const target = resolved(file, specifier);
      const to = target && folderOf(target);
      if (to && layerOf(to) < layerOf(from)) problems.push(`${file}:${line} (${from}) imports upward from ${to}: '${specifier}'`);
    }
  }
  return problems;
}

describe('layer order', () => {
  it('every folder of lib/ has a layer', () => {
    const folders = readdirSync(path.join(root, 'lib')).filter((name) => statSync(path.join(root, 'lib', name)).isDirectory());
    expect(folders.filter((name) => !folderOf(`lib/${name}/x.ts`))).toEqual([]);
  });

  it('nothing imports upward', () => {
    expect(upwardImports()).toEqual([]);
  });

  it('the check sees an upward import', () => {
    // the law is only as good as its reading of imports: a known upward import must be caught
    expect(resolved('lib/snapshot/schema.ts', '../rules/index')).toBe('lib/rules/index');
    expect(layerOf(folderOf('lib/rules/index.ts')!)).toBeLessThan(layerOf(folderOf('lib/snapshot/schema.ts')!));
    expect(specifiers('x.ts', "import type { A } from '../rules/index';\nexport * from './b';\nconst c = import('@/lib/d');")).toEqual([
      { specifier: '../rules/index', line: 1 },
      { specifier: './b', line: 2 },
      { specifier: '@/lib/d', line: 3 },
    ]);
  });
});
