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

/** The parsed file and its text, for finding where items sit in it (`jsonPositions`). */
export async function readJsonWithText(reader: FolderReader, path: string): Promise<{ value: unknown; text: string }> {
  const text = await reader.readText(path);
  return { value: parseJson(text, displayPath(reader, path)), text };
}

/** Where the values of a JSON text sit: what `jsonPositions` gives. */
export interface JsonPositions {
  /** JSON pointer of every value → the 1-based line it starts on */
  lines: Map<string, number>;
  /** `qInfo.qId` → the JSON pointer of the object holding that `qInfo` (a saved item's properties); the first when an id repeats */
  owners: Map<string, string>;
}

const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The line of every value of a JSON text, by JSON pointer, in one pass. The text must be valid
 * JSON (the readers parse it first): this walk trusts its structure and only counts lines. JSON
 * strings hold no raw line break, so lines are counted in the whitespace between tokens.
 */
export function jsonPositions(text: string): JsonPositions {
  const lines = new Map<string, number>();
  const owners = new Map<string, string>();
  let i = 0;
  let line = 1;
  const skipSpace = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\uFEFF') return;
    }
  };
  const readString = (): string => {
    const start = i++;
    let escaped = false;
    for (; text[i] !== '"'; i++) {
      if (text[i] !== '\\') continue;
      escaped = true;
      i++;
    }
    i++;
    return escaped ? (JSON.parse(text.slice(start, i)) as string) : text.slice(start + 1, i - 1);
  };
  const value = (pointer: string): string | undefined => {
    skipSpace();
    lines.set(pointer, line);
    const c = text[i];
    if (c === '"') return readString();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skipSpace();
      for (let n = 0; text[i] !== close; n++) {
        if (text[i] === ',') i++;
        skipSpace();
        let key = String(n);
        if (c === '{') {
          key = readString();
          skipSpace();
          i++; // ':'
        }
        const inner = value(`${pointer}/${pointerKey(key)}`);
        if (key === 'qId' && inner !== undefined && pointer.endsWith('/qInfo') && !owners.has(inner)) owners.set(inner, pointer.slice(0, -'/qInfo'.length));
        skipSpace();
      }
      i++;
      return undefined;
    }
    while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++;
    return undefined;
  };
  value('');
  return { lines, owners };
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
