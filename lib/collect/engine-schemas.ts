// zod schemas for the engine answers the collectors read (shapes: ../shared/research/engine.md §3,
// engine-rpc.json). Loose: unknown keys pass through. The engine omits false/empty values, so
// almost everything is optional.
import { QlikObject } from '../schema/qlik-object';
import { z } from '../schema/zod';

export const NxInfo = z.looseObject({ qId: z.string(), qType: z.string() });

export const AppLayout = z.looseObject({
  qTitle: z.optional(z.string()),
  qStateNames: z.optional(z.array(z.string())),
  qHasScript: z.optional(z.boolean()),
  qThumbnail: z.optional(QlikObject),
  qIsDirectQueryMode: z.optional(z.boolean()),
  qHasSectionAccess: z.optional(z.boolean()),
  privileges: z.optional(z.array(z.string())),
});

export const ListItem = z.looseObject({
  qInfo: NxInfo,
  qMeta: z.optional(QlikObject),
  qData: z.optional(QlikObject),
});
export type ListItem = z.infer<typeof ListItem>;

/** Doc.GetObjects' `qList` (NxContainerEntry[]), which enigma.js answers with as the single out-param */
export const ObjectsList = z.array(ListItem);

export const ListLayout = (key: string) =>
  z.looseObject({ [key]: z.optional(z.looseObject({ qItems: z.optional(z.array(ListItem)) })) });

export const VariableListItem = z.looseObject({
  qName: z.string(),
  qDefinition: z.optional(z.string()),
  qDescription: z.optional(z.string()),
  qIsScriptCreated: z.optional(z.boolean()),
  qIsReserved: z.optional(z.boolean()),
  qIsConfig: z.optional(z.boolean()),
  qInfo: z.optional(NxInfo),
  qData: z.optional(QlikObject),
});
export const VariableListLayout = z.looseObject({
  qVariableList: z.optional(z.looseObject({ qItems: z.optional(z.array(VariableListItem)) })),
});

export const FieldListItem = z.looseObject({
  qName: z.string(),
  qCardinal: z.optional(z.number()),
  qTags: z.optional(z.array(z.string())),
  qSrcTables: z.optional(z.array(z.string())),
  qIsSystem: z.optional(z.boolean()),
  qIsHidden: z.optional(z.boolean()),
  qIsSemantic: z.optional(z.boolean()),
  qDerivedFieldData: z.optional(QlikObject),
});
export const FieldListLayout = z.looseObject({
  qFieldList: z.optional(z.looseObject({ qItems: z.optional(z.array(FieldListItem)) })),
});

export interface PropertyEntry {
  qProperty: { qInfo: { qId: string; qType: string } } & Record<string, unknown>;
  qChildren?: PropertyEntry[];
  [key: string]: unknown;
}
export const PropertyEntry: z.ZodMiniType<PropertyEntry> = z.looseObject({
  qProperty: z.looseObject({ qInfo: NxInfo }),
  qChildren: z.optional(z.array(z.lazy(() => PropertyEntry))),
});

/**
 * PropertyEntry.safeParse for the property tree of every sheet and master visualization: a tree
 * whose shape is plainly right is taken as it is (the schema would copy every entry and every
 * object's top-level properties); anything else goes to the schema, which decides. The quick test
 * accepts nothing that the schema rejects (test/lib/collect/engine-schemas.test.ts).
 */
export function safeParsePropertyEntry(tree: unknown): { success: true; data: PropertyEntry } | { success: false; error: z.core.$ZodError } {
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

const NumberOrNaN = z.pipe(z.union([z.number(), z.string()]), z.transform((v) => (typeof v === 'number' ? v : Number(v))));

export const TableRecordField = z.looseObject({
  qName: z.string(),
  qKeyType: z.optional(z.enum(['NOT_KEY', 'ANY_KEY', 'PRIMARY_KEY', 'PERFECT_KEY'])),
  qTags: z.optional(z.array(z.string())),
  qnRows: z.optional(z.number()),
  qnNonNulls: z.optional(z.number()),
  qnTotalDistinctValues: z.optional(z.number()),
  qnPresentDistinctValues: z.optional(z.number()),
  qInformationDensity: z.optional(NumberOrNaN),
  qSubsetRatio: z.optional(NumberOrNaN),
  qHasNull: z.optional(z.boolean()),
  qHasDuplicates: z.optional(z.boolean()),
  qComment: z.optional(z.string()),
});
export const TableRecord = z.looseObject({
  qName: z.string(),
  qNoOfRows: z.optional(z.number()),
  qFields: z.optional(z.array(TableRecordField)),
  qIsSynthetic: z.optional(z.boolean()),
  qLoose: z.optional(z.boolean()),
  qIsDirectDiscovery: z.optional(z.boolean()),
  qIsSystem: z.optional(z.boolean()),
  qComment: z.optional(z.string()),
  qTableTags: z.optional(z.array(z.string())),
});
export const TablesAndKeys = z.looseObject({
  qtr: z.optional(z.array(TableRecord)),
  qk: z.optional(z.array(z.looseObject({ qKeyFields: z.optional(z.array(z.string())), qTables: z.optional(z.array(z.string())) }))),
});

const Range = z.looseObject({ qFrom: z.number(), qCount: z.number() });
export const CheckExpressionResult = z.looseObject({
  qErrorMsg: z.optional(z.string()),
  qBadFieldNames: z.optional(z.array(Range)),
  qDangerousFieldNames: z.optional(z.array(Range)),
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
  if (!isPlainObject(answer)) return false;
  const { qErrorMsg, qBadFieldNames, qDangerousFieldNames } = answer;
  return (qErrorMsg === undefined || typeof qErrorMsg === 'string') && isPlainRanges(qBadFieldNames) && isPlainRanges(qDangerousFieldNames);
}

/** undefined, or an array of objects (not arrays) whose qFrom and qCount are finite numbers (z.number() refuses NaN and ±Infinity) */
function isPlainRanges(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const range: unknown = value[i];
    if (!isPlainObject(range) || !Number.isFinite(range.qFrom) || !Number.isFinite(range.qCount)) return false;
  }
  return true;
}

export const BookmarkLayout = z.looseObject({
  qBookmark: z.optional(z
    .looseObject({
      qStateData: z.optional(z
        .array(
          z.looseObject({
            qStateName: z.optional(z.string()),
            qFieldItems: z.optional(z
              .array(
                z.looseObject({
                  qDef: z.optional(z.looseObject({ qName: z.optional(z.string()) })),
                  qValues: z.optional(z.array(z.looseObject({ qText: z.optional(z.string()) }))),
                }),
              )),
          }),
        )),
    })),
});

export const ScriptSyntaxErrors = z.array(QlikObject);
