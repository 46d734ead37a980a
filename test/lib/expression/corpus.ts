// Reads every expression of the real apps in ../shared/corpus (never copied into the project).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VariableDefinition } from '../../../lib/expression/index';

export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
export const APPS = ['consumer-sales', 'reload-analyzer', 'app-h'] as const;

export interface CorpusExpression {
  app: string;
  file: string;
  /** JSON path of the property */
  path: string;
  text: string;
}

export function corpusAvailable(): boolean {
  return existsSync(CORPUS_DIR);
}

/** Properties that always hold an expression (a leading '=' is allowed but not needed). */
const EXPRESSION_KEYS = new Set(['qDef', 'qExpression', 'qLabelExpression', 'qCond', 'qCalcCond', 'qCalcCondition', 'qSortByExpression']);
/** Properties of value-expression objects ({ qv } / { qExpr }) that hold an expression. */
const VALUE_PARENTS = new Set(['qCond', 'qCalcCond', 'qCalcCondition', 'qExpression', 'qValueExpression', 'qStringExpression', 'qSortByExpression', 'qAttributeExpressions']);

function classify(path: string[], text: string): boolean {
  const key = path[path.length - 1];
  const parent = path[path.length - 2] ?? '';
  if (text.trim() === '') return false;
  if (parent === 'qFieldDefs' || parent === 'qFieldLabels') return text.startsWith('='); // a field name otherwise
  if (key === 'qDefinition') return text.trimStart().startsWith('='); // variables: text unless '='
  if (EXPRESSION_KEYS.has(key)) return true;
  if ((key === 'qv' || key === 'qExpr') && VALUE_PARENTS.has(parent)) return true;
  return text.startsWith('=');
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return jsonFiles(full);
    return name.endsWith('.json') ? [full] : [];
  });
}

export function corpusExpressions(): CorpusExpression[] {
  const out: CorpusExpression[] = [];
  for (const app of APPS) {
    const dir = join(CORPUS_DIR, app);
    if (!existsSync(dir)) continue;
    for (const file of jsonFiles(dir)) {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      const visit = (v: unknown, path: string[]): void => {
        if (typeof v === 'string') {
          if (classify(path, v)) out.push({ app, file: relative(CORPUS_DIR, file), path: path.join('.'), text: v });
        } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, [...path, String(i)]));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, [...path, k]);
      };
      visit(data, []);
    }
  }
  return out;
}

/**
 * The app's variables as the expansion pass wants them: variables.json, plus the one-line SET/LET
 * statements of script.qvs (script-created variables are not all in variables.json). SET text loses
 * its enclosing quotes; a LET value is computed by the script, so it is marked as a calculated
 * variable whose value is unknown.
 */
export function corpusVariables(app: string): Map<string, VariableDefinition> {
  const map = new Map<string, VariableDefinition>();
  const script = join(CORPUS_DIR, app, 'script.qvs');
  if (existsSync(script)) {
    for (const m of readFileSync(script, 'utf8').matchAll(/^[ \t]*(SET|LET)[ \t]+([\w.]+)[ \t]*=[ \t]*(.*?);[ \t]*$/gim)) {
      const value = m[3].trim();
      if (m[1].toUpperCase() === 'LET') map.set(m[2], { definition: `=${value}` });
      else map.set(m[2], { definition: value.length >= 2 && value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1) : value });
    }
  }
  const file = join(CORPUS_DIR, app, 'variables.json');
  if (!existsSync(file)) return map;
  const list = JSON.parse(readFileSync(file, 'utf8')) as Array<{ qName?: string; qDefinition?: string }>;
  for (const v of list) if (v.qName) map.set(v.qName, { definition: v.qDefinition ?? '' });
  return map;
}
