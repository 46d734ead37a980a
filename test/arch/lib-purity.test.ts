// Architecture law: lib/ (except lib/extension/, the browser glue, and lib/cli/, the Node entry)
// runs in a service worker, a page and Node alike. So it imports nothing from WXT, Node or the
// browser, and does not touch the browser's globals. This test reads the source and names the file.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ALLOWED_IMPURE = ['lib/extension/', 'lib/cli/'];
const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));
const BROWSER_GLOBALS = new Set(['browser', 'chrome', 'document', 'window', 'navigator', 'localStorage', 'sessionStorage']);

/** Why an import specifier is forbidden in pure lib/, or null when it is fine. */
function forbiddenImport(specifier: string): string | null {
  if (specifier === 'wxt' || specifier.startsWith('wxt/') || specifier.startsWith('@wxt-dev/')) return 'imports WXT';
  if (specifier === '#imports') return 'imports WXT auto-imports (#imports)';
  if (specifier.startsWith('node:')) return 'imports a Node builtin';
  const bare = specifier.split('/')[0];
  if (NODE_BUILTINS.has(bare)) return 'imports a Node builtin';
  if (specifier === 'ws') return 'imports the Node WebSocket library ws';
  const relativeToExtension = specifier.startsWith('.') && /(^|\/)extension\//.test(specifier);
  if (specifier.startsWith('@/lib/extension') || relativeToExtension)
    return 'imports browser glue (lib/extension)';
  return null;
}

/** Every problem in one source file: forbidden imports and uses of browser globals. */
function purityProblems(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const problems: string[] = [];
  const declared = new Set<string>();
  const at = (node: ts.Node) => `${fileName}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  const visitDeclarations = (node: ts.Node) => {
    // A local variable, parameter or import named `window` etc. is not the global.
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isFunctionDeclaration(node)) && node.name && ts.isIdentifier(node.name))
      declared.add(node.name.text);
    if (ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node))
      if (node.name) declared.add(node.name.text);
    ts.forEachChild(node, visitDeclarations);
  };
  visitDeclarations(sf);

  const visit = (node: ts.Node) => {
    let specifier: string | undefined;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier))
      specifier = node.moduleSpecifier.text;
    if (ts.isCallExpression(node) && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require'))
        specifier = node.arguments[0].text;
    }
    if (specifier !== undefined) {
      // `import type` is erased at build time: a type from wxt/browser costs nothing at run time.
      const typeOnly = ts.isImportDeclaration(node) && node.importClause?.isTypeOnly;
      const why = forbiddenImport(specifier);
      if (why && !typeOnly) problems.push(`${at(node)} ${why}: '${specifier}'`);
    }
    if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text) && !declared.has(node.text) && isValueReference(node))
      problems.push(`${at(node)} uses the browser global '${node.text}'`);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

/** True for `window.x`, `window`, `typeof document`; false for `obj.window`, `{ window: 1 }`, types. */
function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isQualifiedName(parent)) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent)) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  return true;
}

function pureLibFiles(): string[] {
  const libDir = path.join(root, 'lib');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (entry.isDirectory()) {
        if (!ALLOWED_IMPURE.some((prefix) => `${rel}/`.startsWith(prefix))) walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  walk(libDir);
  return out.sort();
}

describe('lib/ purity (outside lib/extension and lib/cli)', () => {
  const files = pureLibFiles();

  it('finds the lib/ sources to check', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => f.startsWith('lib/protocol/'))).toBe(true);
    expect(files.every((f) => !f.startsWith('lib/extension/') && !f.startsWith('lib/cli/'))).toBe(true);
  });

  it('imports no WXT, Node or browser API and uses no browser global', () => {
    const problems = files.flatMap((file) => purityProblems(file, readFileSync(path.join(root, file), 'utf8')));
    expect(problems, `pure lib/ files must not use platform APIs:\n${problems.join('\n')}`).toEqual([]);
  });
});

describe('the purity check itself', () => {
  it('flags WXT, #imports, node: and bare Node builtins, ws and lib/extension', () => {
    const source = [
      "import { browser } from 'wxt/browser';",
      "import { storage } from '#imports';",
      "import { readFileSync } from 'node:fs';",
      "import path from 'path';",
      "import { WebSocket } from 'ws';",
      "import { sendMessage } from '../extension/messaging';",
      "const fs = await import('fs/promises');",
    ].join('\n');
    const problems = purityProblems('lib/x.ts', source);
    expect(problems).toHaveLength(7);
    expect(problems[0]).toMatch(/^lib\/x\.ts:1 imports WXT/);
    expect(problems[6]).toMatch(/^lib\/x\.ts:7 imports a Node builtin: 'fs\/promises'/);
  });

  it('flags browser globals but not properties, locals or types with the same name', () => {
    const bad = "chrome.runtime.id; const w = window.location; document.title = 'x'; browser.tabs.query({});";
    expect(purityProblems('lib/y.ts', bad).map((p) => p.replace(/^.*'(\w+)'$/, '$1'))).toEqual(['chrome', 'window', 'document', 'browser']);
    const fine = [
      "import type { Browser } from 'wxt/browser';",
      'const o = { window: 1, document: 2 };',
      'o.window + o.document;',
      'function f(window: number) { return window; }',
      'type T = { navigator: string };',
    ].join('\n');
    expect(purityProblems('lib/z.ts', fine)).toEqual([]);
  });
});
