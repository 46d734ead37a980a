// How the format readers see a folder: a few file operations on paths relative to it, injected so
// the parsing stays pure (lib/cli/folder.ts reads the disk with node:fs; tests can use a Map).
// Plus the two text formats app folders use, parsed with messages that name the file and the place.

export interface FolderReader {
  /** the folder as the user named it, for messages */
  readonly root: string;
  /** names of the entries (files and folders) directly in `dir` ('' = the folder itself); [] when it does not exist */
  list(dir: string): Promise<string[]>;
  exists(path: string): Promise<boolean>;
  /** UTF-8 text; rejects with a message naming the file when it is missing or unreadable */
  readText(path: string): Promise<string>;
}

/** `root/rel` for messages, with forward slashes. */
export function displayPath(reader: Pick<FolderReader, 'root'>, rel: string): string {
  return rel ? `${reader.root.replace(/[\\/]+$/, '')}/${rel}` : reader.root;
}

/** Joins relative path parts with '/', dropping empty ones and a leading './'. */
export function joinRel(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/^\.\/+/, '').replace(/\/+$/, ''))
    .filter((p) => p !== '' && p !== '.')
    .join('/');
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

export async function readJson(reader: FolderReader, path: string): Promise<unknown> {
  return (await readJsonWithText(reader, path)).value;
}

/** The parsed file and its text, for finding where items sit in it (`qIdLines`). */
export async function readJsonWithText(reader: FolderReader, path: string): Promise<{ value: unknown; text: string }> {
  const text = await reader.readText(path);
  return { value: parseJson(text, displayPath(reader, path)), text };
}

/**
 * The 1-based line of each `"qId": "…"` in a JSON text (the first one when an id repeats): where
 * a saved item starts, found in one pass without a positional parser.
 */
export function qIdLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let line = 1;
  let counted = 0;
  for (const match of text.matchAll(/"qId"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++;
    counted = match.index;
    const id = decodeJsonString(match[1]);
    if (id !== undefined && !lines.has(id)) lines.set(id, line);
  }
  return lines;
}

/** The 1-based line of the first `"key":` in a JSON text (`key`: a plain word). */
export function keyLine(text: string, key: string): number | undefined {
  const at = text.search(new RegExp(`"${key}"\\s*:`));
  return at === -1 ? undefined : text.slice(0, at).split('\n').length;
}

function decodeJsonString(inner: string): string | undefined {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return undefined;
  }
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
