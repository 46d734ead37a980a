// An AppSnapshot from an app folder, without a tenant or an engine: the saved objects, master items,
// variables (the folder's and those the load script's SET/LET leave, flagged script-created and
// reserved as the engine lists them; calculated ones without a value), bookmarks (with the
// selections the folder keeps), the mentions and the script are read through the same builders the
// engine collection uses (lib/collect), so rules see the same shapes. What only a running engine
// knows is listed in collectionIssues with the reason (like lib/collect/rest-only.ts), so the rules
// needing it say they could not run: the expression checks (CheckExpression,
// GetFieldsFromExpression), the script syntax check, layouts and timings, the data model (unless
// the user gives a saved GetTablesAndKeys result), and everything REST gives (reloads, evaluations,
// installed extensions and themes, the items entry and the space). Pure.
import type { z } from 'zod/mini';
import { buildAccess, buildAppInfo } from '../collect/app';
import { buildBookmark } from '../collect/bookmarks';
import { buildDataModel } from '../collect/data-model';
import type { ListItem, PropertyEntry, VariableListItem } from '../collect/engine-schemas';
import { TablesAndKeys } from '../collect/engine-schemas';
import { extractAllExpressions } from '../collect/expressions/index';
import { buildMasterDimension, buildMasterMeasure } from '../collect/master-items';
import { scriptTabs } from '../collect/script';
import { buildMasterVisualization, buildSheet } from '../collect/sheets';
import { flattenTree } from '../collect/tree';
import { buildVariable } from '../collect/variables';
import { emptySnapshotParts } from '../snapshot/empty-parts';
import type { IssuePart } from '../snapshot/parts';
import { PUBLISH_STATE_UNKNOWN } from '../snapshot/publish-state';
import { type AppSnapshot, type CollectionIssue, SNAPSHOT_SCHEMA_VERSION, type VisObject } from '../snapshot/schema';
import { type JsonObject, type RawApp, type StoredObject, isObject, propertyTreeOf } from './raw-app';
import { reservedFlags } from '../analyze/reserved-variables';
import { assignmentsAfterReload, computedVariableNames } from '../analyze/script-variables';
import { snapshotSources } from './sources';

/** Collection issue code of every part an app folder cannot give. */
export const OFFLINE_UNAVAILABLE = 'OFFLINE_UNAVAILABLE';

export interface OfflineInput {
  raw: RawApp;
  /** the app id to report (a folder has none of its own: the CLI uses the folder name) */
  appId: string;
  /** shown when the app properties have no title */
  fallbackName: string;
  /** a `GetTablesAndKeys` result saved from the engine for this app, when the user gives one */
  tablesAndKeys?: unknown;
  /** a `GET /api/v1/apps/{id}/data/metadata` answer kept next to the app (`metadata.json`) */
  metadata?: unknown;
  collectedAt: string;
  /** where the folder read sits, relative to its repository root ('/'-separated), for `sources`; default '' */
  folder?: string;
}

const ENGINE_REASON = 'an app folder is analysed without an engine';

function issue(part: IssuePart, message: string): CollectionIssue {
  return { part, code: OFFLINE_UNAVAILABLE, message };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function listItem(properties: JsonObject, qData: Record<string, unknown> = {}): ListItem {
  const info = isObject(properties.qInfo) ? properties.qInfo : {};
  return { qInfo: { qId: String(info.qId ?? ''), qType: String(info.qType ?? '') }, qMeta: {}, qData };
}

const topLevel = (raw: RawApp, type: string): StoredObject[] =>
  [...raw.objects.values()].filter((o) => o.type === type && o.parentId === undefined);

const treeOf = (raw: RawApp, id: string): PropertyEntry => propertyTreeOf(raw.objects, id) as unknown as PropertyEntry;

export function snapshotFromRawApp(input: OfflineInput): AppSnapshot {
  const { raw, appId } = input;
  const issues: CollectionIssue[] = [];
  const { qStateNames, ...properties } = raw.appProperties;

  const sheetObjects: Omit<VisObject, 'layoutErrors'>[] = [];
  const sheets = topLevel(raw, 'sheet').map((o) => {
    const tree = treeOf(raw, o.id);
    sheetObjects.push(...flattenTree(tree, { sheetId: o.id, inMasterVisualization: false }, false));
    const meta = isObject(o.properties.qMetaDef) ? o.properties.qMetaDef : {};
    return buildSheet(listItem(o.properties, { title: meta.title, description: meta.description, rank: o.properties.rank }), tree);
  });
  sheets.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const masterVisualizations = topLevel(raw, 'masterobject').map((o) => {
    const tree = treeOf(raw, o.id);
    sheetObjects.push(...flattenTree(tree, { inMasterVisualization: true }, true));
    return buildMasterVisualization(listItem(o.properties), tree);
  });
  const stories = topLevel(raw, 'story').map((o) => {
    const tree = treeOf(raw, o.id);
    const meta = isObject(o.properties.qMetaDef) ? o.properties.qMetaDef : {};
    return { id: o.id, title: str(meta.title) ?? '', slideCount: tree.qChildren?.length ?? 0, tree: tree as unknown as Record<string, unknown> };
  });
  const objects: VisObject[] = sheetObjects.map((o) => ({ ...o, layoutErrors: [] }));

  const masterMeasures = [...raw.measures.values()].map((p) => buildMasterMeasure(listItem(p, { measure: p.qMeasure, meta: p.qMetaDef })));
  const masterDimensions = [...raw.dimensions.values()].map((p) => buildMasterDimension(listItem(p, { dim: p.qDim, meta: p.qMetaDef })));

  // the engine lists a variable the script sets as script-created, a system one as reserved too
  const afterReload = assignmentsAfterReload(raw.script);
  const saved = [...raw.variables.values()].map((p) => {
    const qName = String(p.qName ?? '');
    return buildVariable({
      ...(p as unknown as z.infer<typeof VariableListItem>),
      qName,
      ...(typeof p.qComment === 'string' ? { qDescription: p.qComment } : {}),
      ...(afterReload.has(qName) ? { qIsScriptCreated: true } : {}),
      qData: { tags: p.tags },
    });
  });
  const savedNames = new Set(saved.map((v) => v.name));
  const assignments = [...afterReload].filter(([name]) => !savedNames.has(name));
  const fromScript = assignments.map(([name, { definition }]) => buildVariable({ qName: name, qDefinition: definition, qIsScriptCreated: true, ...reservedFlags(name) }));
  const variables = [...saved, ...fromScript];
  const computed = computedVariableNames(raw.script);
  if (computed.length > 0) {
    issues.push(
      issue(
        'variables',
        `the load script creates variables with computed names (${computed.slice(0, 3).join(', ')}${computed.length > 3 ? ' …' : ''}): which variables exist is known only to the engine after a reload`,
      ),
    );
  }
  const bookmarks = [...raw.bookmarks.values()].map((p) => {
    const meta = isObject(p.qMetaDef) ? p.qMetaDef : {};
    const item = listItem(p, { title: meta.title, description: meta.description, sheetId: p.sheetId });
    // the selections (qBookmark.qStateData), which the engine gives in the bookmark's layout, as the folder keeps them
    if (isObject(p.qBookmark)) return buildBookmark(item, p, { qBookmark: p.qBookmark }, undefined);
    issues.push({ ...issue('bookmarks', 'the app folder does not keep the selections of this bookmark (qBookmark)'), objectId: item.qInfo.qId });
    return buildBookmark(item, p, undefined, undefined);
  });

  const appprops = topLevel(raw, 'appprops')[0]?.properties;
  const parts = {
    layout: { ...(Array.isArray(qStateNames) ? { qStateNames } : {}), qHasScript: raw.script.trim() !== '' },
    properties,
    ...(appprops ? { appprops } : {}),
  };
  const app = buildAppInfo(parts, appId);
  if (!str(properties.qTitle)) app.name = input.fallbackName;
  app.id = appId;

  let dataModel: AppSnapshot['dataModel'];
  const tk = input.tablesAndKeys === undefined ? undefined : TablesAndKeys.safeParse(input.tablesAndKeys);
  if (tk && !tk.success) throw new Error(`the tables and keys given are not a GetTablesAndKeys result (${tk.error.issues[0]?.message ?? 'invalid'})`);
  if (tk && !Array.isArray(tk.data.qtr)) throw new Error('the tables and keys given are not a GetTablesAndKeys result: no "qtr" list of tables');
  if (tk?.success) {
    dataModel = buildDataModel({
      tablesAndKeys: tk.data,
      fieldList: raw.fieldList ?? [],
      ...(isObject(input.metadata) ? { metadata: input.metadata as Parameters<typeof buildDataModel>[0]['metadata'] } : {}),
    });
  } else {
    issues.push(
      issue(
        'dataModel',
        `the data model (tables, keys, row counts) is known only to the engine after a reload: ${ENGINE_REASON}` +
          ' (give a GetTablesAndKeys result saved for this app with --tables-and-keys to check fields offline)',
      ),
    );
  }
  issues.push(
    issue('expressions', `the engine's expression check (CheckExpression) is not available: ${ENGINE_REASON}`),
    issue('expressions', `GetFieldsFromExpression is not available: ${ENGINE_REASON}`),
    issue('script', `only the engine checks a script's syntax (CheckScriptSyntax), and ${ENGINE_REASON}`),
    issue('timings', `object layouts and calculation times need the engine: ${ENGINE_REASON}`),
    issue('reloads', 'an app folder holds no reload history'),
    issue('evaluation', 'an app folder holds no app evaluation'),
    issue('extensions', "the tenant's installed extensions are not known offline"),
    issue('themes', "the tenant's installed themes are not known offline"),
    ...(['item', 'space'] as const).map((part) => issue(part, 'an app folder holds no tenant records of the app (its items entry and its space)')),
    {
      part: 'app',
      code: PUBLISH_STATE_UNKNOWN,
      message: 'whether the app and its sheets are published or approved, and who owns them, is kept by the tenant (item meta), not in an app folder',
    },
  );
  if (!isObject(input.metadata)) issues.push(issue('metadata', 'an app folder holds no REST data metadata (metadata.json)'));

  const extracted = extractAllExpressions({ sheets, objects, masterMeasures, masterDimensions, variables });
  return {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: input.collectedAt,
    source: { host: 'offline', appId, mode: 'cli' },
    access: { ...buildAccess({ ...parts, privileges: [] }, true), canEdit: true },
    app,
    ...emptySnapshotParts(),
    sheets,
    objects,
    masterMeasures,
    masterDimensions,
    masterVisualizations,
    variables,
    bookmarks,
    stories,
    ...(dataModel ? { dataModel } : {}),
    ...(isObject(input.metadata) ? { metadata: input.metadata } : {}),
    script: { text: raw.script, tabs: scriptTabs(raw.script) },
    expressions: extracted.expressions,
    libraryReferences: extracted.libraryReferences,
    fieldReferences: extracted.fieldReferences,
    mentions: extracted.mentions,
    collectionIssues: issues,
    ...(raw.sources ? { sources: snapshotSources(raw, raw.sources, { assignments, extracted, variables, folder: input.folder ?? '' }) } : {}),
  };
}
