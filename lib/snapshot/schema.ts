// AppSnapshot: everything Qlarity collects from one Qlik Sense app, as one versioned, serialisable
// value. Collectors (lib/collect) produce it, rules (lib/analyze, lib/rules) read it, the CLI saves
// and re-reads it. Documented part by part in lib/snapshot/README.md.
//
// Conventions
// - Qlik property trees, layouts and REST bodies are kept as loose objects: keys the schema does not
//   know pass through untouched (nothing is dropped silently). Typed fields next to them are the
//   normalised view the rules use.
// - Optional parts are absent when they could not be collected; the reason is then in
//   `collectionIssues` (never guess a default for something we did not see).
// - Times are milliseconds, sizes bytes, dates ISO strings as Qlik sends them.
import { QlikObject } from '../schema/qlik-object';
import { z } from '../schema/zod';
import { StoredIssuePart } from './parts';
import { TimingMode } from './timing-mode';

/** Bump on every change that an older reader would misread; document the change in lib/snapshot/README.md. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Where the snapshot came from and what the collecting user could see
// ---------------------------------------------------------------------------------------------

export const SnapshotSource = z.object({
  /** tenant host (e.g. `acme.eu.qlikcloud.com`, or `127.0.0.1:4321` for the simulator) */
  host: z.string(),
  appId: z.string(),
  /** who collected: the browser extension, the Node CLI, or a test */
  mode: z.enum(['extension', 'cli', 'test']),
  /** engine version string from `Global.EngineVersion`, when available */
  engineVersion: z.optional(z.string()),
  /** Qlarity version that collected it */
  collectorVersion: z.optional(z.string()),
});
export type SnapshotSource = z.infer<typeof SnapshotSource>;

export const Access = z.object({
  userId: z.optional(z.string()),
  userName: z.optional(z.string()),
  /** REST app privileges (`read`, `update`, `reload`, `source`, …) */
  privileges: z.array(z.string()),
  /** may change the app (privilege `update`): private sheets of others are invisible otherwise */
  canEdit: z.boolean(),
  /** the load script could be read (GetScript answered) */
  canReadScript: z.boolean(),
  canReload: z.boolean(),
});
export type Access = z.infer<typeof Access>;

/**
 * The code of the one timings issue a user's stop of the timing pass leaves (objectId: the first
 * sheet not measured; message: the reason, which every object not measured carries as its error).
 */
export const TIMINGS_STOPPED = 'TIMINGS_STOPPED';

/** A part (or one object of a part) that could not be collected; read by rule G04. */
export const CollectionIssue = z.object({
  /** old part names (`evaluations`, `expressionChecks` …) read as the part they belonged to */
  part: StoredIssuePart,
  /** the object it concerns, when it concerns one */
  objectId: z.optional(z.string()),
  /** machine-readable reason: `ENGINE_5` (engine error code), `HTTP_403`, `NO_SCRIPT_RIGHTS`, … */
  code: z.string(),
  message: z.string(),
});
export type CollectionIssue = z.infer<typeof CollectionIssue>;

// ---------------------------------------------------------------------------------------------
// App
// ---------------------------------------------------------------------------------------------

export const AppInfo = z.object({
  id: z.string(),
  name: z.string(),
  description: z.optional(z.string()),
  /** thumbnail URL; empty/absent means the app has none (D01) */
  thumbnail: z.optional(z.string()),
  published: z.boolean(),
  publishTime: z.optional(z.string()),
  ownerId: z.optional(z.string()),
  spaceId: z.optional(z.string()),
  /** `ANALYTICS`, `DATA_PREPARATION`, `DIRECT_QUERY_MODE`, … */
  usage: z.optional(z.string()),
  directQuery: z.boolean(),
  sectionAccess: z.boolean(),
  lastReloadTime: z.optional(z.string()),
  createdDate: z.optional(z.string()),
  modifiedDate: z.optional(z.string()),
  /** theme id from the `appprops` object (`sense`, `sense-breeze`, a custom theme id); absent = default */
  theme: z.optional(z.string()),
  /** alternate states (`qStateNames`) */
  alternateStates: z.array(z.string()),
  hasScript: z.optional(z.boolean()),
  /** REST `GET /api/v1/apps/{id}` `attributes` as received */
  attributes: z.optional(QlikObject),
  /** `Doc.GetAppLayout` as received */
  layout: QlikObject,
  /** `Doc.GetAppProperties` as received */
  properties: QlikObject,
  /** the `appprops` generic object's properties (theme, sheet title styling) */
  appprops: z.optional(QlikObject),
});
export type AppInfo = z.infer<typeof AppInfo>;

// ---------------------------------------------------------------------------------------------
// Sheets and visualizations
// ---------------------------------------------------------------------------------------------

export const SheetCell = z.looseObject({
  name: z.string(),
  type: z.optional(z.string()),
  col: z.optional(z.number()),
  row: z.optional(z.number()),
  colspan: z.optional(z.number()),
  rowspan: z.optional(z.number()),
});

export const Sheet = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  rank: z.optional(z.number()),
  published: z.boolean(),
  approved: z.boolean(),
  ownerId: z.optional(z.string()),
  /** thumbnail URL; absent = none (D02) */
  thumbnail: z.optional(z.string()),
  cells: z.array(SheetCell),
  /** ids of the sheet's direct children (visualizations and containers) */
  childIds: z.array(z.string()),
  /** sheet-level alternate state (`qStateName`), when set */
  stateName: z.optional(z.string()),
  /** `qMeta` as listed by the engine (privileges, owner, dates) */
  meta: QlikObject,
  /** the sheet's own properties, without children */
  properties: QlikObject,
});
export type Sheet = z.infer<typeof Sheet>;

export const LayoutError = z.object({
  /** JSON pointer into the layout, e.g. `/qHyperCube/qMeasureInfo/0/qError` */
  path: z.string(),
  qErrorCode: z.number(),
  qContext: z.optional(z.string()),
  qExtendedMessage: z.optional(z.string()),
});
export type LayoutError = z.infer<typeof LayoutError>;

/** Any generic object found on a sheet, inside a container, or under a master visualization. */
export const VisObject = z.object({
  id: z.string(),
  /** `qInfo.qType` (barchart, container, sn-layout-container, an extension name, …) */
  type: z.string(),
  /** `visualization` property (usually equals `type`) */
  visualization: z.optional(z.string()),
  /** title as stored: a literal, or the expression text when it is an expression */
  title: z.optional(z.string()),
  titleIsExpression: z.optional(z.boolean()),
  /** the sheet it sits on (absent for master visualizations) */
  sheetId: z.optional(z.string()),
  /** the sheet, container or master visualization holding it; absent for top-level master visualizations */
  parentId: z.optional(z.string()),
  /** the top object of its tree: the sheet id or the master visualization id */
  rootId: z.string(),
  /** part of a master visualization's tree (the master itself or a child of it) */
  inMasterVisualization: z.boolean(),
  /** `qExtendsId`: this object is an instance of that master visualization */
  extendsId: z.optional(z.string()),
  /** object-level alternate state (`qStateName`), when set */
  stateName: z.optional(z.string()),
  childIds: z.array(z.string()),
  /** full properties as stored (`GetFullPropertyTree` entry without its children) */
  properties: QlikObject,
  /** layout from the timing pass, with data pages removed; absent when not fetched */
  layout: z.optional(QlikObject),
  /** every `qError` found in the layout (Q11, P05) */
  layoutErrors: z.array(LayoutError),
  /** `qCalcCondMsg` when the calculation condition is unfulfilled */
  calcCondMessage: z.optional(z.string()),
});
export type VisObject = z.infer<typeof VisObject>;

// ---------------------------------------------------------------------------------------------
// Master items
// ---------------------------------------------------------------------------------------------

export const MasterMeasure = z.object({
  id: z.string(),
  /** `qMeasure.qLabel`: the label expressions reference as `[Label]` */
  label: z.string(),
  title: z.optional(z.string()),
  description: z.optional(z.string()),
  tags: z.array(z.string()),
  /** `qMeasure.qDef` */
  definition: z.string(),
  labelExpression: z.optional(z.string()),
  /** `qMeasure.qExpressions`: alternative expressions, when any */
  alternatives: z.array(z.string()),
  properties: QlikObject,
});
export type MasterMeasure = z.infer<typeof MasterMeasure>;

export const MasterDimension = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  tags: z.array(z.string()),
  /** `N` single, `H` drill-down, `C` cyclic */
  grouping: z.string(),
  /** `qDim.qFieldDefs`: field names or `=expressions` */
  fieldDefs: z.array(z.string()),
  fieldLabels: z.array(z.string()),
  labelExpression: z.optional(z.string()),
  properties: QlikObject,
});
export type MasterDimension = z.infer<typeof MasterDimension>;

export const MasterVisualization = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  tags: z.array(z.string()),
  visualization: z.optional(z.string()),
  /** its own object and children are in `objects` with `rootId` = this id */
  properties: QlikObject,
});
export type MasterVisualization = z.infer<typeof MasterVisualization>;

// ---------------------------------------------------------------------------------------------
// Variables, bookmarks, stories, extensions, themes
// ---------------------------------------------------------------------------------------------

export const Variable = z.object({
  id: z.optional(z.string()),
  name: z.string(),
  definition: z.string(),
  comment: z.optional(z.string()),
  tags: z.array(z.string()),
  isScriptCreated: z.boolean(),
  /** system variables such as `ThousandSep` (`qIsReserved`) */
  isReserved: z.boolean(),
  /** configuration variables (`qIsConfig`) */
  isConfig: z.boolean(),
  /** the evaluated value of a calculated variable (definition starting with '='), as `Doc.EvaluateEx` `qText`; absent for others or when it could not be evaluated */
  value: z.optional(z.string()),
  raw: QlikObject,
});
export type Variable = z.infer<typeof Variable>;

export const BookmarkFieldSelection = z.object({
  /** `$` for the default state */
  stateName: z.string(),
  field: z.string(),
  /** selected values as text, when the engine listed them */
  values: z.array(z.string()),
});

export const Bookmark = z.object({
  id: z.string(),
  title: z.string(),
  description: z.optional(z.string()),
  sheetId: z.optional(z.string()),
  /** the fields the bookmark selects in (Q08, R01 usage) */
  selections: z.array(BookmarkFieldSelection),
  /** `Doc.GetSetAnalysis` for this bookmark, when the engine answered */
  setExpression: z.optional(z.string()),
  properties: QlikObject,
  layout: z.optional(QlikObject),
});
export type Bookmark = z.infer<typeof Bookmark>;

export const Story = z.object({
  id: z.string(),
  title: z.string(),
  slideCount: z.number(),
  /** `GetFullPropertyTree` of the story */
  tree: QlikObject,
});
export type Story = z.infer<typeof Story>;

/** Installed extension (REST `/api/v1/extensions` item). `name` is the visualization type it provides. */
export const Extension = z.looseObject({
  id: z.optional(z.string()),
  name: z.string(),
  type: z.optional(z.string()),
  version: z.optional(z.string()),
});
export type Extension = z.infer<typeof Extension>;

/** Custom theme (REST `/api/v1/themes` item); built-in themes are known to the rules. */
export const Theme = z.looseObject({
  id: z.optional(z.string()),
  name: z.optional(z.string()),
  qextFilename: z.optional(z.string()),
});
export type Theme = z.infer<typeof Theme>;

// ---------------------------------------------------------------------------------------------
// Data model
// ---------------------------------------------------------------------------------------------

export const KeyType = z.enum(['NOT_KEY', 'ANY_KEY', 'PRIMARY_KEY', 'PERFECT_KEY']);

/** One field as it occurs in one table (`GetTablesAndKeys` `qFields[]`). */
export const TableField = z.object({
  name: z.string(),
  keyType: KeyType,
  tags: z.array(z.string()),
  rows: z.number(),
  nonNulls: z.number(),
  totalDistinct: z.number(),
  presentDistinct: z.number(),
  /** `qnNonNulls / qnRows` */
  informationDensity: z.number(),
  /** `qnPresentDistinctValues / qnTotalDistinctValues` */
  subsetRatio: z.number(),
  hasNull: z.boolean(),
  hasDuplicates: z.boolean(),
  comment: z.optional(z.string()),
});
export type TableField = z.infer<typeof TableField>;

export const DataTable = z.object({
  name: z.string(),
  rows: z.number(),
  fields: z.array(TableField),
  isSynthetic: z.boolean(),
  /** loosely coupled (circular reference) */
  isLoose: z.boolean(),
  isDirectDiscovery: z.boolean(),
  isSystem: z.boolean(),
  comment: z.optional(z.string()),
  tags: z.array(z.string()),
  /** REST metadata `byte_size` */
  byteSize: z.optional(z.number()),
  keyFieldCount: z.number(),
});
export type DataTable = z.infer<typeof DataTable>;

/** One field of the app (field list merged with REST metadata). */
export const ModelField = z.object({
  name: z.string(),
  tables: z.array(z.string()),
  tags: z.array(z.string()),
  cardinal: z.number(),
  totalCount: z.optional(z.number()),
  isSystem: z.boolean(),
  isHidden: z.boolean(),
  isSemantic: z.boolean(),
  isNumeric: z.optional(z.boolean()),
  /** appears with a key type other than NOT_KEY in some table */
  isKey: z.boolean(),
  byteSize: z.optional(z.number()),
  /** REST metadata content hash: equal hashes = identical contents (R16) */
  hash: z.optional(z.string()),
  comment: z.optional(z.string()),
  /** derived (calendar) field definitions, when any */
  derived: z.array(QlikObject),
});
export type ModelField = z.infer<typeof ModelField>;

export const KeyGroup = z.object({
  fields: z.array(z.string()),
  tables: z.array(z.string()),
});

export const DataModel = z.object({
  tables: z.array(DataTable),
  fields: z.array(ModelField),
  keys: z.array(KeyGroup),
  /** `$Syn …` tables */
  syntheticTables: z.array(z.string()),
  looseTables: z.array(z.string()),
  /** app RAM footprint from REST metadata `static_byte_size` */
  staticByteSize: z.optional(z.number()),
});
export type DataModel = z.infer<typeof DataModel>;

// ---------------------------------------------------------------------------------------------
// Reloads and script
// ---------------------------------------------------------------------------------------------

export const Reload = z.looseObject({
  id: z.string(),
  status: z.string(),
  type: z.optional(z.string()),
  partial: z.optional(z.boolean()),
  creationTime: z.optional(z.string()),
  startTime: z.optional(z.string()),
  endTime: z.optional(z.string()),
  /** engine time in ms, or end − start */
  durationMs: z.optional(z.number()),
  errorCode: z.optional(z.string()),
  errorMessage: z.optional(z.string()),
});
export type Reload = z.infer<typeof Reload>;

export const ReloadStatement = z.looseObject({
  label: z.optional(z.string()),
  type: z.optional(z.string()),
  tableName: z.optional(z.string()),
  connection: z.optional(z.string()),
  nbrOfRows: z.optional(z.number()),
  nbrOfFields: z.optional(z.number()),
  dataSize: z.optional(z.number()),
  /** ms */
  duration: z.optional(z.number()),
});

export const ReloadMetadata = z.looseObject({
  reloadId: z.string(),
  success: z.optional(z.boolean()),
  /** ms */
  duration: z.optional(z.number()),
  rowLimit: z.optional(z.number()),
  skipStore: z.optional(z.boolean()),
  isPartialReload: z.optional(z.boolean()),
  cpuTimeSpentMs: z.optional(z.number()),
  peakMemoryBytes: z.optional(z.number()),
  statements: z.array(ReloadStatement),
});
export type ReloadMetadata = z.infer<typeof ReloadMetadata>;

export const ReloadLog = z.object({ reloadId: z.string(), text: z.string(), truncated: z.boolean() });
export type ReloadLog = z.infer<typeof ReloadLog>;

export const ReloadInfo = z.object({
  /** newest first */
  reloads: z.array(Reload),
  /** reload metadata of the newest reload and of the newest successful one (when different), matched by `reloadId` */
  metadata: z.array(ReloadMetadata),
  /** log of the newest reload (`reloads[0]`) */
  lastLog: z.optional(ReloadLog),
  /**
   * The newest successful reload (the one whose data the app holds; S03–S06 read it): its id and
   * log. Its metadata is in `metadata` under its `reloadId`. Absent when no listed reload succeeded.
   */
  lastSuccessful: z.optional(z.object({ reloadId: z.string(), log: z.optional(ReloadLog) })),
});
export type ReloadInfo = z.infer<typeof ReloadInfo>;

export const ScriptSyntaxError = z.looseObject({
  qErrLen: z.optional(z.number()),
  qTabIx: z.optional(z.number()),
  qLineInTab: z.optional(z.number()),
  qColInLine: z.optional(z.number()),
  qTextPos: z.optional(z.number()),
  qSecondaryFailure: z.optional(z.boolean()),
});

export const Script = z.object({
  text: z.string(),
  /** tab names in order (`///$tab Name` markers) */
  tabs: z.array(z.string()),
  /** `Doc.CheckScriptSyntax`; absent when the check could not run */
  syntaxErrors: z.optional(z.array(ScriptSyntaxError)),
});
export type Script = z.infer<typeof Script>;

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export const ExpressionKind = z.enum([
  'measure', 'dimension', 'label', 'title', 'subtitle', 'footnote', 'colour', 'calculation-condition',
  'calculation-condition-message', 'show-condition', 'sort', 'reference-line', 'tooltip', 'attribute',
  'limit', 'axis', 'variable', 'text', 'other',
]);
export type ExpressionKind = z.infer<typeof ExpressionKind>;

export const ExpressionOwnerType = z.enum([
  'object', 'sheet', 'master-measure', 'master-dimension', 'master-visualization', 'variable', 'story', 'app',
]);

export const ExpressionLocation = z.object({
  objectId: z.string(),
  /** the owner's `qType` (barchart, measure, dimension, variable, sheet, …) */
  objectType: z.string(),
  owner: ExpressionOwnerType,
  sheetId: z.optional(z.string()),
  /** JSON pointer inside the owner's properties, e.g. `/qHyperCubeDef/qMeasures/0/qDef/qDef` */
  path: z.string(),
  kind: ExpressionKind,
});
export type ExpressionLocation = z.infer<typeof ExpressionLocation>;

export const NxRange = z.object({ from: z.number(), count: z.number() });

export const ExpressionCheck = z.object({
  /** engine `qErrorMsg`; absent/empty = no syntax error */
  errorMsg: z.optional(z.string()),
  badFieldNames: z.array(NxRange),
  dangerousFieldNames: z.array(NxRange),
});
export type ExpressionCheck = z.infer<typeof ExpressionCheck>;

export const Expression = z.object({
  /** unique within the snapshot: `<objectId>:<path>` */
  id: z.string(),
  /** as stored (may start with `=`) */
  text: z.string(),
  /** `expression`, or `field` for a dimension field name (not sent to CheckExpression: bare names with spaces are valid fields but not valid expressions) */
  syntax: z.enum(['expression', 'field']),
  location: ExpressionLocation,
  /** engine CheckExpression answer for `text` (offsets into `text`); absent when not checked */
  check: z.optional(ExpressionCheck),
  /** engine GetFieldsFromExpression answer */
  fieldsFromEngine: z.optional(z.array(z.string())),
});
export type Expression = z.infer<typeof Expression>;

/**
 * Text Sense keeps in the properties but does not evaluate, where an expression would be if it were
 * live (`qLayoutExclude`, `qUndoExclude`, colour settings of an inactive colour mode, axis limits not in force; see
 * docs/property-shapes.md). Not checked as an expression; a field named there is not called unused
 * with high confidence (R01).
 */
export const Mention = z.object({
  text: z.string(),
  location: ExpressionLocation,
  /** kept-not-evaluated: qLayoutExclude/qUndoExclude; inactive-colour: a colour mode not selected; inactive-setting: e.g. an axis limit not in force */
  reason: z.enum(['kept-not-evaluated', 'inactive-colour', 'inactive-setting']),
});
export type Mention = z.infer<typeof Mention>;

/** A link from an object to a master item (`qLibraryId`, `qExtendsId`): Q04–Q06, D05. */
export const LibraryReference = z.object({
  kind: z.enum(['measure', 'dimension', 'visualization']),
  targetId: z.string(),
  objectId: z.string(),
  objectType: z.string(),
  sheetId: z.optional(z.string()),
  path: z.string(),
});
export type LibraryReference = z.infer<typeof LibraryReference>;

/** Fields named in properties outside expressions: chart filters, list boxes (Q16, R01). */
export const FieldReference = z.object({
  field: z.string(),
  kind: z.enum(['chart-filter', 'listbox', 'other']),
  objectId: z.string(),
  objectType: z.string(),
  sheetId: z.optional(z.string()),
  path: z.string(),
});
export type FieldReference = z.infer<typeof FieldReference>;

// ---------------------------------------------------------------------------------------------
// Timings
// ---------------------------------------------------------------------------------------------

export const ObjectTiming = z.object({
  objectId: z.string(),
  objectType: z.string(),
  sheetId: z.string(),
  /** GetLayout + first data page, first time in this session (ms) */
  firstMs: z.number(),
  /** the same again right after (engine cache warm) (ms); absent when only the first calculation was timed (quick mode) */
  cachedMs: z.optional(z.number()),
  /** rows × columns of the first page fetched (0 when the object has no hypercube) */
  cellsFetched: z.number(),
  /** an engine error ended the measurement early */
  error: z.optional(z.string()),
});
export type ObjectTiming = z.infer<typeof ObjectTiming>;

export const Timings = z.object({
  /** OpenDoc round trip in our own session (ms) */
  appOpenMs: z.optional(z.number()),
  /** absent in older snapshots: full */
  mode: z.optional(TimingMode),
  /** how the object timings were taken (each object on its own, a few in flight across the pass; see lib/collect/timings.ts) */
  method: z.string(),
  /** the engine round trip of a trivial call in the same session, for scale (ms) */
  roundTripMs: z.optional(z.number()),
  objects: z.array(ObjectTiming),
});
export type Timings = z.infer<typeof Timings>;

// ---------------------------------------------------------------------------------------------
// Sources: where an app folder keeps each item (filled only by lib/offline; rules never read it)
// ---------------------------------------------------------------------------------------------

/** A place in the app folder: file path relative to `SnapshotSources.folder`, '/'-separated. */
export const SourcePlace = z.object({
  file: z.string(),
  /** 1-based line where the item starts (the line of its `qInfo.qId`); absent: the whole file */
  line: z.optional(z.number().check(z.int(), z.minimum(1))),
});
export type SourcePlace = z.infer<typeof SourcePlace>;

/** The item kinds a folder's files hold; `object` is every saved generic object (sheet, chart, master visualization, story), `variable` is keyed by name. */
export const SourceItemKind = z.enum(['object', 'measure', 'dimension', 'variable', 'bookmark']);
export type SourceItemKind = z.infer<typeof SourceItemKind>;

export const SnapshotSources = z.object({
  format: z.enum(['unbuild', 'serializeapp', 'gitoqlik']),
  /** the app folder relative to the repository root ('' = the root itself), '/'-separated */
  folder: z.string(),
  app: z.optional(SourcePlace),
  /** `verbatim`: the file holds the script text as is (script line n = file line n); else it sits at `line` (a JSON string) */
  script: z.optional(z.object({ file: z.string(), line: z.optional(z.number().check(z.int(), z.minimum(1))), verbatim: z.boolean() })),
  items: z.array(
    z.object({
      kind: SourceItemKind,
      id: z.string(),
      file: z.string(),
      line: z.optional(z.number().check(z.int(), z.minimum(1))),
      /** the line of each property an expression or a library/field reference sits at, by JSON pointer into the item's properties (as `Finding.path`) */
      paths: z.optional(z.record(z.string(), z.number().check(z.int(), z.minimum(1)))),
    }),
  ),
});
export type SnapshotSources = z.infer<typeof SnapshotSources>;

// ---------------------------------------------------------------------------------------------
// The snapshot
// ---------------------------------------------------------------------------------------------

export const AppSnapshot = z.object({
  schemaVersion: z.literal(SNAPSHOT_SCHEMA_VERSION),
  collectedAt: z.string(),
  /** total collection wall time (ms) */
  collectionMs: z.optional(z.number()),
  source: SnapshotSource,
  access: Access,
  app: AppInfo,
  sheets: z.array(Sheet),
  /** every visualization and container child, on sheets and in master visualizations, flattened */
  objects: z.array(VisObject),
  masterMeasures: z.array(MasterMeasure),
  masterDimensions: z.array(MasterDimension),
  masterVisualizations: z.array(MasterVisualization),
  variables: z.array(Variable),
  bookmarks: z.array(Bookmark),
  stories: z.array(Story),
  extensions: z.optional(z.array(Extension)),
  themes: z.optional(z.array(Theme)),
  dataModel: z.optional(DataModel),
  /** REST `GET /api/v1/apps/{id}/data/metadata` as received */
  metadata: z.optional(QlikObject),
  reloads: z.optional(ReloadInfo),
  /** absent when the user may not read it (see collectionIssues) */
  script: z.optional(Script),
  expressions: z.array(Expression),
  libraryReferences: z.array(LibraryReference),
  fieldReferences: z.array(FieldReference),
  /** would-be expressions Sense keeps but does not evaluate (absent in snapshots collected before they were listed) */
  mentions: z.optional(z.array(Mention)),
  timings: z.optional(Timings),
  /** newest finished REST app evaluation, as received */
  evaluation: z.optional(QlikObject),
  /** REST items entry for the app (resourceSize, space) */
  item: z.optional(QlikObject),
  /** REST space of the app (type shared/managed/personal) */
  space: z.optional(QlikObject),
  collectionIssues: z.array(CollectionIssue),
  /** the files an app folder analysis read each item from (`qlarity analyze --folder`), for exports that point at them */
  sources: z.optional(SnapshotSources),
});
export type AppSnapshot = z.infer<typeof AppSnapshot>;

/** Parse untrusted JSON (a saved file) into a snapshot, with a clear message on mismatch. */
export function parseSnapshot(value: unknown): AppSnapshot {
  const version = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    throw new Error(
      `Unsupported snapshot schemaVersion ${JSON.stringify(version)}: this Qlarity reads version ${SNAPSHOT_SCHEMA_VERSION}.`,
    );
  }
  const result = AppSnapshot.safeParse(value);
  if (!result.success) {
    const first = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`Invalid snapshot: ${first.join('; ')}`);
  }
  return result.data;
}
