// zod schemas for the engine answers the collectors read (shapes: ../shared/research/engine.md §3,
// engine-rpc.json). Loose: unknown keys pass through. The engine omits false/empty values, so
// almost everything is optional.
import { z } from '../schema/zod';

export const loose = z.looseObject({});
export const NxInfo = z.looseObject({ qId: z.string(), qType: z.string() });

export const AppLayout = z.looseObject({
  qTitle: z.optional(z.string()),
  qStateNames: z.optional(z.array(z.string())),
  qHasScript: z.optional(z.boolean()),
  qThumbnail: z.optional(loose),
  qIsDirectQueryMode: z.optional(z.boolean()),
  qHasSectionAccess: z.optional(z.boolean()),
  privileges: z.optional(z.array(z.string())),
});

export const ListItem = z.looseObject({
  qInfo: NxInfo,
  qMeta: z.optional(loose),
  qData: z.optional(loose),
});
export type ListItem = z.infer<typeof ListItem>;

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
  qData: z.optional(loose),
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
  qDerivedFieldData: z.optional(loose),
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

export const ScriptSyntaxErrors = z.array(loose);
