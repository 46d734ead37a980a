// A Vite plugin for the background's build: it removes from every rule the texts that only people
// read (why, sources, howToFix, severityReason, examples and the options' descriptions), which the
// service worker never reads. The views take rule texts from the generated catalogue
// (lib/report/rule-catalogue.ts), the docs and the CLI run in Node from the rules themselves; the
// worker runs the checks and reads the code, name, category, severity, summary, options, needs,
// reads, runSummary, rollUp and defaultEnabled (lib/analyze, lib/extension/pipeline.ts).
// The texts are blanked in place (same length, same lines), so the source maps stay true.
import ts from 'typescript';
import type { Plugin, ResolvedConfig } from 'vite';

/** The properties of the object given to `defineRule` that the worker never reads. */
export const WORKER_UNUSED_RULE_TEXTS = ['why', 'howToFix', 'severityReason', 'examples'] as const;

const RULE_FILE = /[\\/]lib[\\/]rules[\\/].+\.ts$/;

/**
 * The rule module's source without the texts: the listed properties of the object literal passed
 * to `defineRule(…)` and every `.check(z.describe(…))` (an option's description) replaced by blanks.
 * `undefined` when there is nothing to remove.
 */
export function stripRuleTexts(source: string, fileName = 'rule.ts'): string | undefined {
  if (!source.includes('defineRule(') && !source.includes('z.describe(')) return undefined;
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ranges: Array<[start: number, end: number]> = [];
  const unused = new Set<string>(WORKER_UNUSED_RULE_TEXTS);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineRule') {
      const [meta] = node.arguments;
      if (meta && ts.isObjectLiteralExpression(meta)) {
        for (const property of meta.properties) {
          const name = property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined;
          if (name && unused.has(name)) ranges.push([property.getStart(file), endWithComma(property, file)]);
        }
      }
    }
    if (isDescribeCheck(node)) {
      // `schema.check(z.describe('…'))` → `schema`: from the dot to the closing parenthesis
      ranges.push([node.expression.expression.end, node.end]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (ranges.length === 0) return undefined;
  let out = '';
  let at = 0;
  for (const [start, end] of ranges.sort((a, b) => a[0] - b[0])) {
    out += source.slice(at, start) + source.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + source.slice(at);
}

/** `x.check(z.describe(…))` with the description as its only check. */
function isDescribeCheck(node: ts.Node): node is ts.CallExpression & { expression: ts.PropertyAccessExpression } {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== 'check') return false;
  if (node.arguments.length !== 1) return false;
  const [check] = node.arguments;
  return (
    ts.isCallExpression(check) &&
    ts.isPropertyAccessExpression(check.expression) &&
    check.expression.name.text === 'describe' &&
    ts.isIdentifier(check.expression.expression) &&
    check.expression.expression.text === 'z'
  );
}

/** The end of an object literal's property, with the comma after it when there is one. */
function endWithComma(property: ts.ObjectLiteralElementLike, file: ts.SourceFile): number {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, file.text, undefined, property.end);
  return scanner.scan() === ts.SyntaxKind.CommaToken ? scanner.getTextPos() : property.end;
}

/** Whether a Vite build is WXT's build of the background entrypoint (service worker or event page). */
export function isBackgroundBuild(config: Pick<ResolvedConfig, 'build'>): boolean {
  const entries = [config.build.lib ? config.build.lib.entry : undefined, config.build.rollupOptions?.input];
  const names = entries.flatMap((entry) => (entry === undefined ? [] : typeof entry === 'string' ? [entry] : Object.values(entry)));
  return names.some((name) => name.startsWith('virtual:wxt-background-entrypoint'));
}

/**
 * The plugin: active in the background's build only (the pages' builds keep the rules whole), or
 * in every build with `{ always: true }` (tests).
 */
export function stripRuleTextsPlugin(options: { always?: boolean } = {}): Plugin {
  let active = options.always ?? false;
  return {
    name: 'qlarity:strip-rule-texts',
    // before the TypeScript transform: the source is parsed as written
    enforce: 'pre',
    configResolved(config) {
      active ||= isBackgroundBuild(config);
    },
    transform(code, id) {
      if (!active || !RULE_FILE.test(id.split('?')[0])) return undefined;
      const stripped = stripRuleTexts(code, id);
      // same length and lines: the code does not move, so no source map is needed
      return stripped === undefined ? undefined : { code: stripped, map: null };
    },
  };
}
