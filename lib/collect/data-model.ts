// Data model: GetTablesAndKeys in synthetic mode (shows `$Syn` tables and keys as the engine holds
// them) + the field list (cardinality, tags, system/hidden, source tables) + REST metadata (bytes,
// hashes). Semantics of the per-table statistics: engine.md §3.8 (density = nonNulls/rows,
// subset ratio = present/total distinct). Pure builder; the engine calls are in collectDataModel.
import type { z } from 'zod/mini';
import type { DataModel, DataTable, ModelField, TableField } from '../snapshot/schema';
import { type CollectContext, engineCall } from './context';
import { type FieldListItem, TablesAndKeys } from './engine-schemas';
import { listFields } from './lists';

type Metadata = {
  static_byte_size?: number;
  fields?: { name: string; byte_size?: number; hash?: string; is_numeric?: unknown; total_count?: unknown; comment?: unknown }[];
  tables?: { name: string; byte_size?: number; is_system?: unknown }[];
};

export interface DataModelSources {
  tablesAndKeys: z.infer<typeof TablesAndKeys>;
  fieldList: z.infer<typeof FieldListItem>[];
  metadata?: Metadata;
}

export async function fetchDataModelSources(ctx: CollectContext): Promise<Omit<DataModelSources, 'metadata'>> {
  const [tk, fieldList] = await Promise.all([
    engineCall(ctx, 'GetTablesAndKeys', () => ctx.doc.getTablesAndKeys({ qcx: 0, qcy: 0 }, { qcx: 0, qcy: 0 }, 0, true, false)),
    listFields(ctx),
  ]);
  const parsed = TablesAndKeys.safeParse(tk);
  if (!parsed.success) throw new Error(`GetTablesAndKeys: unexpected shape (${parsed.error.issues[0]?.message})`);
  return { tablesAndKeys: parsed.data, fieldList };
}

const finite = (n: number | undefined, fallback: number): number => (n !== undefined && Number.isFinite(n) ? n : fallback);

export function buildDataModel({ tablesAndKeys, fieldList, metadata }: DataModelSources): DataModel {
  const tableBytes = new Map((metadata?.tables ?? []).map((t) => [t.name, t]));
  const tables: DataTable[] = (tablesAndKeys.qtr ?? []).map((t) => {
    const fields: TableField[] = (t.qFields ?? []).map((f) => {
      const rows = f.qnRows ?? t.qNoOfRows ?? 0;
      const nonNulls = f.qnNonNulls ?? 0;
      const total = f.qnTotalDistinctValues ?? 0;
      const present = f.qnPresentDistinctValues ?? 0;
      return {
        name: f.qName,
        keyType: f.qKeyType ?? 'NOT_KEY',
        tags: f.qTags ?? [],
        rows,
        nonNulls,
        totalDistinct: total,
        presentDistinct: present,
        informationDensity: finite(f.qInformationDensity, rows > 0 ? nonNulls / rows : 0),
        subsetRatio: finite(f.qSubsetRatio, total > 0 ? present / total : 0),
        hasNull: f.qHasNull === true,
        hasDuplicates: f.qHasDuplicates === true,
        ...(f.qComment ? { comment: f.qComment } : {}),
      };
    });
    const byteSize = tableBytes.get(t.qName)?.byte_size;
    return {
      name: t.qName,
      rows: t.qNoOfRows ?? 0,
      fields,
      isSynthetic: t.qIsSynthetic === true || t.qName.startsWith('$Syn'),
      isLoose: t.qLoose === true,
      isDirectDiscovery: t.qIsDirectDiscovery === true,
      isSystem: t.qIsSystem === true,
      ...(t.qComment ? { comment: t.qComment } : {}),
      tags: t.qTableTags ?? [],
      ...(byteSize !== undefined ? { byteSize } : {}),
      keyFieldCount: fields.filter((f) => f.keyType !== 'NOT_KEY').length,
    };
  });

  const keyFields = new Set(tables.flatMap((t) => t.fields.filter((f) => f.keyType !== 'NOT_KEY').map((f) => f.name)));
  const tablesOfField = new Map<string, string[]>();
  for (const t of tables) for (const f of t.fields) tablesOfField.set(f.name, [...(tablesOfField.get(f.name) ?? []), t.name]);
  const metaFields = new Map((metadata?.fields ?? []).map((f) => [f.name, f]));

  const listed = new Set<string>();
  const fields: ModelField[] = fieldList.map((f) => {
    listed.add(f.qName);
    const meta = metaFields.get(f.qName);
    const tags = f.qTags ?? [];
    return {
      name: f.qName,
      tables: f.qSrcTables ?? tablesOfField.get(f.qName) ?? [],
      tags,
      cardinal: f.qCardinal ?? 0,
      ...(typeof meta?.total_count === 'number' ? { totalCount: meta.total_count } : {}),
      isSystem: f.qIsSystem === true || tags.includes('$system'),
      isHidden: f.qIsHidden === true || tags.includes('$hidden'),
      isSemantic: f.qIsSemantic === true,
      ...(typeof meta?.is_numeric === 'boolean' ? { isNumeric: meta.is_numeric } : {}),
      isKey: keyFields.has(f.qName) || tags.includes('$key'),
      ...(meta?.byte_size !== undefined ? { byteSize: meta.byte_size } : {}),
      ...(meta?.hash ? { hash: meta.hash } : {}),
      ...(typeof meta?.comment === 'string' && meta.comment ? { comment: meta.comment } : {}),
      derived: Array.isArray((f.qDerivedFieldData as { qDerivedFieldLists?: unknown } | undefined)?.qDerivedFieldLists)
        ? ((f.qDerivedFieldData as { qDerivedFieldLists: Record<string, unknown>[] }).qDerivedFieldLists)
        : [],
    };
  });
  // fields present in tables but missing from the field list (should not happen; never drop them)
  for (const [name, inTables] of tablesOfField) {
    if (listed.has(name) || name.startsWith('$Syn')) continue;
    const first = tables.flatMap((t) => t.fields).find((f) => f.name === name);
    fields.push({
      name,
      tables: inTables,
      tags: first?.tags ?? [],
      cardinal: first?.totalDistinct ?? 0,
      isSystem: false,
      isHidden: false,
      isSemantic: false,
      isKey: keyFields.has(name),
      derived: [],
    });
  }

  return {
    tables,
    fields,
    keys: (tablesAndKeys.qk ?? []).map((k) => ({ fields: k.qKeyFields ?? [], tables: k.qTables ?? [] })),
    syntheticTables: tables.filter((t) => t.isSynthetic).map((t) => t.name),
    looseTables: tables.filter((t) => t.isLoose).map((t) => t.name),
    ...(metadata?.static_byte_size !== undefined ? { staticByteSize: metadata.static_byte_size } : {}),
  };
}
