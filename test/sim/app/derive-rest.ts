// REST answers derived from the data model and the script when the folder does not give
// them: `/data/metadata` (openapi apps.json `DataModelMetadata`), one reload record, its
// reload metadata and its log.
import { createHash } from 'node:crypto';
import type { DataModel } from '../data/data-model';

const hash = (text: string) => createHash('sha256').update(text).digest('base64').slice(0, 22);

/**
 * `no_of_fields` excludes key fields: Qlik's App Analyzer computes total fields as
 * `no_of_fields + no_of_key_fields` ("Includes key and synthetic key fields"),
 * qlik-oss/qlik-cloud-app-analyzer script.qvs (shared/research/engine.md §6.2).
 */
export function deriveDataMetadata(model: DataModel, opts: { hasSectionAccess: boolean; directQuery: boolean; usage: string }) {
  const fields = model.fields.map((f) => ({
    name: f.name,
    src_tables: f.srcTables,
    is_system: f.isSystem,
    is_hidden: f.isHidden,
    is_semantic: f.isSemantic,
    distinct_only: false,
    cardinal: f.cardinal,
    total_count: f.totalCount,
    is_locked: false,
    always_one_selected: false,
    is_numeric: f.isNumeric,
    comment: f.comment,
    tags: f.tags,
    byte_size: f.byteSize,
    hash: hash(`${f.name}:${f.cardinal}:${f.srcTables.join(',')}`),
  }));
  const tables = model.tables.map((t) => ({
    name: t.name,
    is_system: t.isSystem,
    is_semantic: false,
    is_loose: t.isLoose,
    no_of_rows: t.rows,
    no_of_fields: t.fieldNames.length - t.keyFieldNames.length,
    no_of_key_fields: t.keyFieldNames.length,
    comment: t.comment,
    byte_size: t.byteSize,
  }));
  const staticByteSize = fields.reduce((s, f) => s + f.byte_size, 0) + tables.reduce((s, t) => s + t.byte_size, 0);
  const rows = model.tables.reduce((s, t) => s + t.rows, 0);
  return {
    reload_meta: {
      cpu_time_spent_ms: Math.round(200 + rows / 500),
      hardware: { logical_cores: 8, total_memory: 34359738368 },
      peak_memory_bytes: Math.round(staticByteSize * 2.5 + 50_000_000),
      fullReloadPeakMemoryBytes: Math.round(staticByteSize * 2.5 + 50_000_000),
      partialReloadPeakMemoryBytes: 0,
    },
    static_byte_size: staticByteSize,
    fields,
    tables,
    has_section_access: opts.hasSectionAccess,
    is_direct_query_mode: opts.directQuery,
    usage: opts.usage,
    tables_profiling_data: [],
  };
}

/** The LOAD/SELECT statements of a script with the table label in front of them, in order. */
export function scriptStatements(script: string): { label: string; line: number; text: string }[] {
  const out: { label: string; line: number; text: string }[] = [];
  const lines = script.split(/\r?\n/);
  let pendingLabel = '';
  lines.forEach((line, i) => {
    const label = /^\s*(\[[^\]]+\]|[A-Za-z_][\w ]*?)\s*:\s*$/.exec(line) ?? /^\s*(\[[^\]]+\]|[A-Za-z_]\w*)\s*:/.exec(line);
    if (label) pendingLabel = label[1].replace(/^\[|\]$/g, '');
    if (/\b(LOAD|SELECT)\b/i.test(line) && !/^\s*\/\//.test(line)) {
      out.push({ label: pendingLabel, line: i + 1, text: line.trim() });
      pendingLabel = '';
    }
  });
  return out;
}

export interface DerivedReload {
  record: Record<string, unknown>;
  metadata: Record<string, unknown>;
  log: string;
}

export function deriveReload(appId: string, ownerId: string, lastReloadTime: string, script: string, model: DataModel): DerivedReload {
  const id = createHash('sha1').update(`reload:${appId}`).digest('hex').slice(0, 24);
  const end = new Date(lastReloadTime);
  const rows = model.tables.reduce((s, t) => s + t.rows, 0);
  const durationMs = Math.round(2000 + rows / 200);
  const start = new Date(end.getTime() - durationMs);
  const ts = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
  const logLines = [`${ts(start)}      Execution started.`, `${ts(start)}      Qlik Sense Server Version 14.187.4`];
  const statements = model.tables.map((t) => ({
    label: t.name,
    type: 'LOAD',
    tableName: t.name,
    connection: '',
    connectionId: '',
    qri: '',
    nbrOfRows: t.rows,
    nbrOfFields: t.fieldNames.length,
    dataSize: t.byteSize,
    duration: Math.round(50 + t.rows / 400),
    partialReloadOperation: '',
  }));
  for (const st of scriptStatements(script)) {
    logLines.push(`${ts(start)} ${String(st.line).padStart(4, '0')}  ${st.text}`);
    const table = model.tableByName.get(st.label);
    if (table) {
      logLines.push(`${ts(start)}       ${table.fieldNames.length} fields found: ${table.fieldNames.join(', ')},`);
      logLines.push(`${ts(start)}      ${table.rows} lines fetched`);
    }
  }
  logLines.push(`${ts(end)}      Creating search index`, `${ts(end)}      Search index creation completed successfully`);
  logLines.push(`${ts(end)}      Execution finished.`);
  const record = {
    id,
    appId,
    tenantId: 'sim-tenant',
    userId: ownerId,
    type: 'hub',
    status: 'SUCCEEDED',
    partial: false,
    weight: 1,
    creationTime: start.toISOString(),
    startTime: start.toISOString(),
    endTime: end.toISOString(),
    engineTime: end.toISOString(),
    log: logLines.slice(-3).join('\n'),
    links: { self: { href: `/api/v1/reloads/${id}` } },
  };
  const metadata = {
    data: [
      {
        reloadId: id,
        endTime: end.toISOString(),
        success: true,
        duration: durationMs,
        // no row limit: the engine limits rows when qRowLimit >= 0 (DoReloadExParams), and the
        // recorded metadata of full reloads (apps/demo/reload-metadata) say -1
        rowLimit: -1,
        isPartialReload: false,
        skipStore: false,
        loadFilesBytes: statements.reduce((s, x) => s + x.dataSize, 0),
        loadDataFilesBytes: 0,
        loadExternalBytes: 0,
        storeFilesBytes: 0,
        storeDataFilesBytes: 0,
        includeFiles: [],
        statements,
      },
    ],
  };
  return { record, metadata, log: logLines.join('\n') + '\n' };
}
