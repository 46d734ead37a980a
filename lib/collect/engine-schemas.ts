// zod schemas for the engine answers the collectors read (shapes: ../shared/research/engine.md §3,
// engine-rpc.json). Loose: unknown keys pass through. The engine omits false/empty values, so
// almost everything is optional.
import { z } from 'zod';

export const loose = z.looseObject({});
export const NxInfo = z.looseObject({ qId: z.string(), qType: z.string() });

export const AppLayout = z.looseObject({
  qTitle: z.string().optional(),
  qStateNames: z.array(z.string()).optional(),
  qHasScript: z.boolean().optional(),
  qThumbnail: loose.optional(),
  qIsDirectQueryMode: z.boolean().optional(),
  qHasSectionAccess: z.boolean().optional(),
  privileges: z.array(z.string()).optional(),
});

export const ListItem = z.looseObject({
  qInfo: NxInfo,
  qMeta: loose.optional(),
  qData: loose.optional(),
});
export type ListItem = z.infer<typeof ListItem>;

export const ListLayout = (key: string) =>
  z.looseObject({ [key]: z.looseObject({ qItems: z.array(ListItem).optional() }).optional() });

export const VariableListItem = z.looseObject({
  qName: z.string(),
  qDefinition: z.string().optional(),
  qDescription: z.string().optional(),
  qIsScriptCreated: z.boolean().optional(),
  qIsReserved: z.boolean().optional(),
  qIsConfig: z.boolean().optional(),
  qInfo: NxInfo.optional(),
  qData: loose.optional(),
});
export const VariableListLayout = z.looseObject({
  qVariableList: z.looseObject({ qItems: z.array(VariableListItem).optional() }).optional(),
});

export const FieldListItem = z.looseObject({
  qName: z.string(),
  qCardinal: z.number().optional(),
  qTags: z.array(z.string()).optional(),
  qSrcTables: z.array(z.string()).optional(),
  qIsSystem: z.boolean().optional(),
  qIsHidden: z.boolean().optional(),
  qIsSemantic: z.boolean().optional(),
  qDerivedFieldData: loose.optional(),
});
export const FieldListLayout = z.looseObject({
  qFieldList: z.looseObject({ qItems: z.array(FieldListItem).optional() }).optional(),
});

export interface PropertyEntry {
  qProperty: { qInfo: { qId: string; qType: string } } & Record<string, unknown>;
  qChildren?: PropertyEntry[];
  [key: string]: unknown;
}
export const PropertyEntry: z.ZodType<PropertyEntry> = z.looseObject({
  qProperty: z.looseObject({ qInfo: NxInfo }),
  qChildren: z.array(z.lazy(() => PropertyEntry)).optional(),
});

/**
 * PropertyEntry.safeParse for the property tree of every sheet and master visualization: a tree
 * whose shape is plainly right is taken as it is (the schema would copy every entry and every
 * object's top-level properties); anything else goes to the schema, which decides. The quick test
 * accepts nothing that the schema rejects (test/lib/collect/engine-schemas.test.ts).
 */
export function safeParsePropertyEntry(tree: unknown): { success: true; data: PropertyEntry } | { success: false; error: z.ZodError } {
  if (isPlainPropertyEntry(tree)) return { success: true, data: tree };
  const parsed = PropertyEntry.safeParse(tree);
  return parsed.success ? { success: true, data: parsed.data } : { success: false, error: parsed.error };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isPlainPropertyEntry(entry: unknown): entry is PropertyEntry {
  if (!isPlainObject(entry)) return false;
  const { qProperty, qChildren } = entry;
  if (!isPlainObject(qProperty) || !isPlainObject(qProperty.qInfo)) return false;
  if (typeof qProperty.qInfo.qId !== 'string' || typeof qProperty.qInfo.qType !== 'string') return false;
  if (qChildren === undefined) return true;
  if (!Array.isArray(qChildren)) return false;
  for (let i = 0; i < qChildren.length; i++) if (!isPlainPropertyEntry(qChildren[i])) return false;
  return true;
}

const NumberOrNaN = z.union([z.number(), z.string()]).transform((v) => (typeof v === 'number' ? v : Number(v)));

export const TableRecordField = z.looseObject({
  qName: z.string(),
  qKeyType: z.enum(['NOT_KEY', 'ANY_KEY', 'PRIMARY_KEY', 'PERFECT_KEY']).optional(),
  qTags: z.array(z.string()).optional(),
  qnRows: z.number().optional(),
  qnNonNulls: z.number().optional(),
  qnTotalDistinctValues: z.number().optional(),
  qnPresentDistinctValues: z.number().optional(),
  qInformationDensity: NumberOrNaN.optional(),
  qSubsetRatio: NumberOrNaN.optional(),
  qHasNull: z.boolean().optional(),
  qHasDuplicates: z.boolean().optional(),
  qComment: z.string().optional(),
});
export const TableRecord = z.looseObject({
  qName: z.string(),
  qNoOfRows: z.number().optional(),
  qFields: z.array(TableRecordField).optional(),
  qIsSynthetic: z.boolean().optional(),
  qLoose: z.boolean().optional(),
  qIsDirectDiscovery: z.boolean().optional(),
  qIsSystem: z.boolean().optional(),
  qComment: z.string().optional(),
  qTableTags: z.array(z.string()).optional(),
});
export const TablesAndKeys = z.looseObject({
  qtr: z.array(TableRecord).optional(),
  qk: z.array(z.looseObject({ qKeyFields: z.array(z.string()).optional(), qTables: z.array(z.string()).optional() })).optional(),
});

const Range = z.looseObject({ qFrom: z.number(), qCount: z.number() });
export const CheckExpressionResult = z.looseObject({
  qErrorMsg: z.string().optional(),
  qBadFieldNames: z.array(Range).optional(),
  qDangerousFieldNames: z.array(Range).optional(),
});
export type CheckExpressionResult = z.infer<typeof CheckExpressionResult>;

/**
 * CheckExpressionResult.parse for the thousands of answers of a collection: an answer whose shape is
 * plainly right (as the engine sends it) is taken as it is, without the schema's copy; anything else
 * goes to the schema, which accepts or rejects it with its own error. The quick test accepts nothing
 * that the schema rejects (test/lib/collect/engine-schemas.test.ts), so the verdict stays the schema's.
 */
export function parseCheckExpressionResult(answer: unknown): CheckExpressionResult {
  return isPlainCheckExpressionResult(answer) ? answer : CheckExpressionResult.parse(answer);
}

function isPlainCheckExpressionResult(answer: unknown): answer is CheckExpressionResult {
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return false;
  const { qErrorMsg, qBadFieldNames, qDangerousFieldNames } = answer as Record<string, unknown>;
  return (qErrorMsg === undefined || typeof qErrorMsg === 'string') && isPlainRanges(qBadFieldNames) && isPlainRanges(qDangerousFieldNames);
}

/** undefined, or an array of objects (not arrays) whose qFrom and qCount are finite numbers (z.number() refuses NaN and ±Infinity) */
function isPlainRanges(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const range: unknown = value[i];
    if (typeof range !== 'object' || range === null || Array.isArray(range)) return false;
    const { qFrom, qCount } = range as Record<string, unknown>;
    if (!Number.isFinite(qFrom) || !Number.isFinite(qCount)) return false;
  }
  return true;
}

export const BookmarkLayout = z.looseObject({
  qBookmark: z
    .looseObject({
      qStateData: z
        .array(
          z.looseObject({
            qStateName: z.string().optional(),
            qFieldItems: z
              .array(
                z.looseObject({
                  qDef: z.looseObject({ qName: z.string().optional() }).optional(),
                  qValues: z.array(z.looseObject({ qText: z.string().optional() })).optional(),
                }),
              )
              .optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export const ScriptSyntaxErrors = z.array(loose);
