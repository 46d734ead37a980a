// File reading with messages that name the file and the problem (bad JSON with line and column).
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `line ${line}, column ${column} (position ${position})`;
}

/** JSON.parse with the error naming the file and the line/column of the problem. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineAndColumn(text, Number(position[1]))}` : text.trim() === '' ? ' (the file is empty)' : '';
    throw new Error(`${file}: invalid JSON${where}: ${message}`, { cause: error });
  }
}

export async function readJson(path: string): Promise<unknown> {
  return parseJson(await readText(path), path);
}

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${path}: file not found (${basename(dirname(path))} needs it)`, { cause: error });
    throw new Error(`${path}: cannot read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export async function readOptionalJson(dir: string, name: string): Promise<unknown> {
  const path = join(dir, name);
  return (await exists(path)) ? readJson(path) : undefined;
}

/**
 * The YAML that qlik-cli writes for `config.yml` / `connections.yml`: nested mappings of
 * plain or quoted scalars. Anything fancier is reported, not guessed.
 */
export function parseSimpleYaml(text: string, file: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const stack: { indent: number; node: Record<string, unknown> }[] = [{ indent: -1, node: root }];
  text.split(/\r?\n/).forEach((rawLine, i) => {
    if (/^\s*(#.*)?$/.test(rawLine)) return;
    const match = /^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^:]+?)\s*:(?:\s+(.*))?\s*$/.exec(rawLine);
    if (!match) throw new Error(`${file}: line ${i + 1}: expected "key: value", found ${JSON.stringify(rawLine.trim())}`);
    const indent = match[1].length;
    const key = unquote(match[2]);
    while (stack.length > 1 && stack[stack.length - 1].indent >= indent) stack.pop();
    const parent = stack[stack.length - 1].node;
    if (match[3] === undefined || match[3] === '') {
      const child: Record<string, unknown> = {};
      parent[key] = child;
      stack.push({ indent, node: child });
    } else {
      parent[key] = unquote(match[3]);
    }
  });
  return root;
}

function unquote(value: string): string {
  const v = value.trim();
  if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) return v.slice(1, -1).replace(/\\"/g, '"');
  if (v.startsWith("'") && v.endsWith("'") && v.length >= 2) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}
