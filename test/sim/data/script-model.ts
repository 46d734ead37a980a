// The tables and fields a load script creates, read from its text (no reload): what the corpus
// fixtures' data models are derived from (scripts/corpus-models.ts). An over-approximation on
// purpose: every statement is read in text order whatever the control flow (IF branches, loops,
// SUBs and the code after `EXIT SCRIPT` all count), so a field the script can create is in the model.
// What it follows (help.qlik.com, Scripting/ScriptRegularStatements and ScriptPrefixes):
// - `Label: [prefixes] LOAD <fields> FROM|RESIDENT|INLINE|AUTOGENERATE …` and `SQL SELECT …`;
//   a LOAD without a source is a preceding load on the next statement (its `*` = the fields below);
// - `expr AS name`, bare and quoted names (`[..]`, `".."`, `` `..` ``), `*` (from RESIDENT, INLINE
//   headers, SQL columns; from a file it is unknown and reported);
// - MAPPING loads are not part of the model; JOIN/KEEP/CONCATENATE add to the target table;
//   CROSSTABLE(attribute, data[, n]); DROP TABLE(S), DROP FIELD(S) … [FROM t], RENAME FIELD/TABLE;
// - names containing `$(` are only known after expansion: reported, not guessed.

export interface ScriptModel {
  /** table name → its fields, in load order */
  tables: Map<string, string[]>;
  /** what the reading could not resolve (LOAD * from a file, `$(…)` names), for the generator's report */
  unresolved: string[];
}

const CONTROL_LINE = /^\s*(if\b.*\bthen\b.*|elseif\b.*|else\b|end\s*if\b|endif\b|for\b.*|next\b.*|sub\b.*|end\s*sub\b|endsub\b|do\b.*|loop\b.*|switch\b.*|case\b.*|default\b|end\s*switch\b|exit\s+(for|do|sub)\b.*)\s*$/i;

/** Where a quoted string or bracketed name opening at `i` ends (just past its close, or the end of the text); undefined when none opens there. */
function quotedEnd(text: string, i: number): number | undefined {
  const c = text[i];
  if (c !== "'" && c !== '"' && c !== '[' && c !== '`') return undefined;
  const end = text.indexOf(c === '[' ? ']' : c, i + 1);
  return end < 0 ? text.length : end + 1;
}

/** Comments removed (`//`, `/* … *\/`, `REM …;`), strings and bracketed names kept. */
export function stripComments(script: string): string {
  let out = '';
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 2;
      continue;
    }
    if (c === '/' && script[i + 1] === '/' && script[i - 1] !== ':') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
      continue;
    }
    const stop = quotedEnd(script, i);
    if (stop !== undefined) {
      out += script.slice(i, stop);
      i = stop;
      continue;
    }
    out += c;
    i++;
  }
  return out.replace(/^\s*rem\b[^;]*;/gim, '');
}

/** Statements split on `;` outside quotes, brackets and parentheses; leading control-statement lines dropped. */
export function splitStatements(text: string): string[] {
  // a stray `)` must not stop the split: statements are read on whatever follows it
  return splitOutside(text, ';', { clampDepth: true })
    .map((s) => s.split('\n').filter((line) => !CONTROL_LINE.test(line) && !/^\s*\/\/\/\$tab/.test(line)).join('\n').trim())
    .filter((s) => s !== '');
}

/** Top-level items of a comma list (parentheses, quotes and brackets respected). */
export function splitTopLevel(text: string, separator = ','): string[] {
  return splitOutside(text, separator).map((s) => s.trim()).filter((s) => s !== '');
}

function splitOutside(text: string, separator: string, options: { clampDepth?: boolean } = {}): string[] {
  const pieces: string[] = [];
  let start = 0;
  walkTopLevel(
    text,
    0,
    (i) => {
      if (text[i] !== separator) return false;
      pieces.push(text.slice(start, i));
      start = i + 1;
      return false;
    },
    options,
  );
  pieces.push(text.slice(start));
  return pieces;
}

/**
 * Calls `visit` with each index outside quotes and brackets at parenthesis depth 0 (parentheses
 * themselves are not visited) until it returns true. Without `clampDepth` a stray `)` takes the
 * depth below 0, so nothing is visited until a `(` balances it.
 */
function walkTopLevel(text: string, from: number, visit: (i: number) => boolean, { clampDepth = false }: { clampDepth?: boolean } = {}): void {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const skipTo = quotedEnd(text, i);
    if (skipTo !== undefined) {
      i = skipTo;
      continue;
    }
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = clampDepth ? Math.max(0, depth - 1) : depth - 1;
    else if (depth === 0 && visit(i)) return;
    i++;
  }
}

/** `[a b]`, `"a b"`, `` `a b` `` or a bare name → the name; anything else → undefined. */
export function nameOf(text: string): string | undefined {
  const t = text.trim();
  const quoted = /^(?:\[([^\]]*)\]|"([^"]*)"|`([^`]*)`)$/.exec(t);
  if (quoted) return quoted[1] ?? quoted[2] ?? quoted[3];
  if (/^[\p{L}_$%@#][\p{L}\p{N}_$%@#.]*$/u.test(t)) return t;
  return undefined;
}

/** Index of a keyword at the top level (outside quotes, brackets, parentheses), or -1. */
function findTopLevel(text: string, keyword: RegExp, from = 0): { index: number; length: number } {
  let found = { index: -1, length: 0 };
  walkTopLevel(text, from, (i) => {
    if (!/[A-Za-z]/.test(text[i]) || /[\p{L}\p{N}_.$]/u.test(text[i - 1] ?? ' ')) return false;
    const m = keyword.exec(text.slice(i));
    if (!m || m.index !== 0) return false;
    found = { index: i, length: m[0].length };
    return true;
  });
  return found;
}

/** The field a LOAD item creates: `expr AS name` → name, a bare name → itself, `*` → '*'. */
function loadItemName(item: string): string | undefined {
  if (item === '*') return '*';
  const as = findLastTopLevelAs(item);
  if (as) return nameOf(as) ?? as.trim();
  return nameOf(item) ?? item.trim();
}

function findLastTopLevelAs(item: string): string | undefined {
  let found = -1;
  let from = 0;
  for (;;) {
    const at = findTopLevel(item, /^as\b/i, from);
    if (at.index < 0) break;
    found = at.index;
    from = at.index + 2;
  }
  return found < 0 ? undefined : item.slice(found + 2).trim();
}

interface Source {
  fields: string[] | undefined;
  /** a name for an unlabeled table */
  name: string;
}

/** Column names of a SQL SELECT (nested REST-connector SELECTs flattened), `*` when it selects all. */
function sqlColumns(sql: string): string[] {
  const names: string[] = [];
  const tokens = [...sql.matchAll(/"([^"]*)"|\[([^\]]*)\]|`([^`]*)`|([\p{L}_][\p{L}\p{N}_.$]*)|(\*)|(,|\(|\))/gu)];
  let previous = '';
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const word = t[4]?.toUpperCase();
    const quoted = t[1] ?? t[2] ?? t[3];
    if (word) {
      previous = word;
      continue;
    }
    if (t[5] && (previous === 'SELECT' || previous === ',')) {
      names.push('*');
      previous = '*';
      continue;
    }
    if (quoted !== undefined) {
      if (['FROM', 'PK', 'FK', 'JOIN', 'ON', 'URL', 'TABLE', 'QUERY', 'HTTPHEADER', 'WHERE'].includes(previous)) {
        previous = 'NAME';
        continue;
      }
      const next = tokens[k + 1]?.[4]?.toUpperCase();
      if (next === 'AS') {
        previous = 'NAME';
        continue; // the alias that follows is the column's name
      }
      if (previous === 'AS' || previous === 'SELECT' || previous === ',' || previous === '(') names.push(quoted);
      previous = 'NAME';
      continue;
    }
    previous = t[6] ?? previous;
  }
  // unquoted plain columns of a simple SELECT: `SELECT a, b AS c, t.d FROM x`
  const simple = /^\s*select\s+(?:distinct\s+)?([\s\S]*?)\s+from\s/i.exec(sql);
  if (simple && !simple[1].includes('"') && !/\(\s*select/i.test(simple[1])) {
    return splitTopLevel(simple[1]).map((item) => {
      const as = /\bas\s+(.+)$/i.exec(item);
      const name = as ? as[1] : item;
      return (nameOf(name) ?? name.trim()).replace(/^.*\./, '');
    });
  }
  return names;
}

function inlineHeader(statement: string): string[] | undefined {
  const body = /\binline\s*(?:\[([\s\S]*?)\]|"([\s\S]*?)"|'([\s\S]*?)')/i.exec(statement);
  if (!body) return undefined;
  const text = (body[1] ?? body[2] ?? body[3]).replace(/^\s*\n/, '');
  const delimiter = /delimiter\s+is\s+'(.)'/i.exec(statement)?.[1] ?? ',';
  const header = text.split('\n')[0] ?? '';
  return header.split(delimiter).map((h) => nameOf(h.trim()) ?? h.trim()).filter((h) => h !== '');
}

/** `Label:` (the last top-level colon before LOAD/SELECT, on its own line part) and the prefixes around it. */
function labelAndPrefix(before: string): { label?: string; prefix: string } {
  let colon = -1;
  let i = 0;
  while (i < before.length) {
    const skipTo = quotedEnd(before, i);
    if (skipTo !== undefined) {
      i = skipTo;
      continue;
    }
    const c = before[i];
    if (c === ':' && before[i + 1] !== ':' && before[i - 1] !== ':') colon = i;
    i++;
  }
  if (colon < 0) return { prefix: before.trim() };
  const raw = before.slice(0, colon).split('\n').pop()?.trim() ?? '';
  const name = nameOf(raw) ?? (raw === '' ? undefined : raw);
  return { label: name, prefix: before.slice(colon + 1).trim() };
}

export function readScriptModel(script: string): ScriptModel {
  const tables = new Map<string, string[]>();
  const unresolved: string[] = [];
  const pending: { label?: string; items: string[]; prefix: string }[] = [];
  let lastTable: string | undefined;
  let unnamed = 0;

  const addTable = (name: string, fields: string[], mode: 'new' | 'add') => {
    const existing = tables.get(name);
    if (existing && mode === 'add') {
      for (const f of fields) if (!existing.includes(f)) existing.push(f);
    } else {
      tables.set(name, [...new Set(fields)]);
    }
    lastTable = name;
  };

  const resolveItems = (items: string[], below: string[] | undefined, where: string): string[] => {
    const out: string[] = [];
    for (const item of items) {
      const name = loadItemName(item);
      if (name === undefined) continue;
      if (name === '*') {
        if (below) out.push(...below);
        else unresolved.push(`${where}: LOAD * from a source whose fields the script does not name`);
        continue;
      }
      if (name.includes('$(')) {
        unresolved.push(`${where}: field name "${name}" is known only after dollar expansion`);
        continue;
      }
      out.push(name);
    }
    return out;
  };

  for (const statement of splitStatements(stripComments(script))) {
    const head = statement.slice(0, 200);
    if (/^(trace|let|set|call|lib|connect|store|sleep|exit|execute|binary|tag|untag|comment|sub|unqualify|qualify|section)\b/i.test(statement)) continue;
    const drop = /^drop\s+(tables?|fields?)\s+([\s\S]*)$/i.exec(statement);
    if (drop) {
      const fromAt = findTopLevel(drop[2], /^from\b/i);
      const list = fromAt.index >= 0 ? drop[2].slice(0, fromAt.index) : drop[2];
      const onlyIn = fromAt.index >= 0 ? splitTopLevel(drop[2].slice(fromAt.index + 4)).map((t) => nameOf(t) ?? t) : undefined;
      for (const raw of splitTopLevel(list)) {
        const name = nameOf(raw) ?? raw;
        if (/^tables?$/i.test(drop[1])) tables.delete(name);
        else for (const [t, fields] of tables) if (!onlyIn || onlyIn.includes(t)) tables.set(t, fields.filter((f) => f !== name));
      }
      continue;
    }
    const rename = /^rename\s+(tables?|fields?)\s+([\s\S]*)$/i.exec(statement);
    if (rename) {
      if (/\busing\b/i.test(rename[2])) {
        unresolved.push(`RENAME … USING a mapping table: names not followed`);
        continue;
      }
      for (const pair of splitTopLevel(rename[2])) {
        const m = /^([\s\S]+?)\s+to\s+([\s\S]+)$/i.exec(pair);
        if (!m) continue;
        const from = nameOf(m[1]) ?? m[1].trim();
        const to = nameOf(m[2]) ?? m[2].trim();
        if (/^tables?$/i.test(rename[1])) {
          const fields = tables.get(from);
          if (fields) {
            tables.delete(from);
            tables.set(to, fields);
          }
        } else for (const [t, fields] of tables) tables.set(t, fields.map((f) => (f === from ? to : f)));
      }
      continue;
    }

    const loadAt = findTopLevel(statement, /^load\b/i);
    const selectAt = findTopLevel(statement, /^(sql\s+)?select\b/i);
    const isLoad = loadAt.index >= 0 && (selectAt.index < 0 || loadAt.index < selectAt.index);
    const isSelect = !isLoad && selectAt.index >= 0;
    if (!isLoad && !isSelect) continue;
    const start = isLoad ? loadAt.index : selectAt.index;
    const before = statement.slice(0, start);
    const { label, prefix } = labelAndPrefix(before);
    const where = `${label ?? 'unlabeled'} (${head.replace(/\s+/g, ' ').slice(0, 60)}…)`;

    if (/\bmapping\b/i.test(prefix)) {
      pending.length = 0;
      continue;
    }

    let source: Source;
    let items: string[];
    if (isLoad) {
      const body = statement.slice(start + loadAt.length).replace(/^\s*distinct\b/i, '');
      const end = findTopLevel(body, /^(from|resident|inline|autogenerate|extension|from_field)\b/i);
      const fieldText = end.index >= 0 ? body.slice(0, end.index) : body.replace(/\s(where|while|group\s+by|order\s+by)\b[\s\S]*$/i, '');
      items = splitTopLevel(fieldText);
      if (end.index < 0) {
        pending.push({ label, items, prefix }); // a preceding load
        continue;
      }
      const clause = body.slice(end.index);
      const resident = /^resident\s+(\[[^\]]+\]|"[^"]+"|[\p{L}\p{N}_.$-]+)/iu.exec(clause);
      if (resident) {
        const name = nameOf(resident[1]) ?? resident[1];
        source = { fields: tables.get(name), name };
      } else if (/^inline\b/i.test(clause)) source = { fields: inlineHeader(clause), name: 'INLINE' };
      else if (/^autogenerate\b/i.test(clause)) source = { fields: [], name: 'AUTOGENERATE' };
      else {
        const file = /^from\s+(\[[^\]]+\]|'[^']+'|"[^"]+"|\S+)/i.exec(clause)?.[1] ?? '';
        const base = (nameOf(file) ?? file.replace(/^'|'$/g, '')).replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
        source = { fields: undefined, name: base || `Table${++unnamed}` };
      }
    } else {
      const columns = sqlColumns(statement.slice(start));
      source = { fields: columns.includes('*') ? undefined : columns, name: `SQL${++unnamed}` };
      items = ['*'];
    }

    let fields = resolveItems(items, source.fields, where);
    let tableLabel = label;
    let tablePrefix = prefix;
    while (pending.length > 0) {
      const outer = pending.pop() as (typeof pending)[number];
      fields = resolveItems(outer.items, fields, where);
      tableLabel = outer.label ?? tableLabel;
      tablePrefix = outer.prefix || tablePrefix;
    }

    const crosstable = /\bcrosstable\s*\(([^)]*)\)/i.exec(tablePrefix);
    if (crosstable) {
      const args = splitTopLevel(crosstable[1]).map((a) => nameOf(a) ?? a);
      const qualifiers = Number(args[2] ?? 1) || 1;
      fields = [...fields.slice(0, qualifiers), args[0], args[1]].filter((f): f is string => Boolean(f));
    }
    // JOIN and CONCATENATE put the fields into the target table; KEEP keeps the tables apart
    const target = /\b(join|concatenate)\s*(?:\(\s*([^)]*?)\s*\))?/i.exec(tablePrefix);
    if (target) {
      const into = target[2] ? (nameOf(target[2]) ?? target[2]) : lastTable;
      if (into) {
        addTable(into, fields, 'add');
        continue;
      }
    }
    if (!tableLabel && !/\bnoconcatenate\b/i.test(tablePrefix)) {
      const same = [...tables].find(([, f]) => f.length === fields.length && f.every((x) => fields.includes(x)));
      if (same) {
        lastTable = same[0]; // identical field sets concatenate automatically
        continue;
      }
    }
    const name = tableLabel ?? source.name;
    addTable(name, fields, tableLabel && tables.has(name) ? 'add' : 'new');
  }
  for (const [name, fields] of tables) if (fields.length === 0) tables.delete(name);
  return { tables, unresolved: [...new Set(unresolved)] };
}

/** A field the script creates in a way the reading cannot follow, added by a reviewed list (with why). */
export interface ModelAddition {
  table: string;
  field: string;
  why: string;
  /** `[from, to]`: one addition per whole number i in the range, `$(i)` and `$(z)` (= i - 1) expanded in table and field */
  range?: [number, number];
}

/** Additions with a range, expanded to one per loop step. */
export function expandAdditions(additions: readonly ModelAddition[]): ModelAddition[] {
  return additions.flatMap((a) => {
    if (!a.range) return [a];
    const out: ModelAddition[] = [];
    for (let i = a.range[0]; i <= a.range[1]; i++) {
      const expand = (text: string) => text.replaceAll('$(i)', String(i)).replaceAll('$(z)', String(i - 1));
      out.push({ table: expand(a.table), field: expand(a.field), why: a.why });
    }
    return out;
  });
}

const ESTIMATED_ROWS = 1000;
const ESTIMATED_DISTINCT = 100;

/**
 * A GetTablesAndKeys-shaped model of what the script creates (plus reviewed additions): the
 * simulator's `tables-and-keys.json`. Row and value counts are fixed estimates (no reload ran); a
 * field in two or more tables is a key, as the engine links tables on shared field names.
 */
export function tablesAndKeysFromScript(script: string, additions: readonly ModelAddition[] = []): { qtr: unknown[]; qk: unknown[] } {
  const { tables } = readScriptModel(script);
  for (const { table, field } of expandAdditions(additions)) {
    const fields = tables.get(table) ?? [];
    if (!fields.includes(field)) fields.push(field);
    tables.set(table, fields);
  }
  const tablesOf = new Map<string, string[]>();
  for (const [table, fields] of tables) for (const f of fields) tablesOf.set(f, [...(tablesOf.get(f) ?? []), table]);
  const qtr = [...tables].map(([qName, fields]) => ({
    qName,
    qNoOfRows: ESTIMATED_ROWS,
    qFields: fields.map((f) => {
      const isKey = (tablesOf.get(f)?.length ?? 0) > 1;
      return {
        qName: f,
        qPresent: true,
        qHasNull: false,
        qHasDuplicates: true,
        qInformationDensity: 1,
        qnNonNulls: ESTIMATED_ROWS,
        qnRows: ESTIMATED_ROWS,
        qSubsetRatio: 1,
        qnTotalDistinctValues: ESTIMATED_DISTINCT,
        qnPresentDistinctValues: ESTIMATED_DISTINCT,
        qKeyType: isKey ? 'ANY_KEY' : 'NOT_KEY',
        // the value types are unknown without a reload: no $numeric/$text tags
        qTags: isKey ? ['$key'] : [],
      };
    }),
  }));
  const qk = [...tablesOf].filter(([, t]) => t.length > 1).map(([f, t]) => ({ qKeyFields: [f], qTables: t }));
  return { qtr, qk };
}
