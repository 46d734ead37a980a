// qHyperCubeDef → qHyperCube and qListObjectDef → qListObject, computed from the data model
// and the generated data. Rows of a cube are the distinct combinations of its dimensions
// (capped by the rows of the data they come from); page cells are generated on demand.
import { isObject, type Json, type JsonObject } from '../app/app-model';
import { fieldRows, fieldValue, hashSeed, seeded } from '../data/generate';
import type { ModelField } from '../data/data-model';
import type { Ctx } from './context';
import { cachedCheck } from './expressions';
import { evaluateCached, formatNumber } from './evaluate';

interface ResolvedDimension {
  title: string;
  fieldDef: string;
  field?: ModelField;
  cardinal: number;
  error?: JsonObject;
  libraryId?: string;
  cId?: string;
  grouping: string;
  fieldDefs: string[];
}
interface ResolvedMeasure {
  title: string;
  def: string;
  error?: JsonObject;
  libraryId?: string;
  cId?: string;
  numFormat: Json;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v : []);
const firstFieldRef = /\[([^\]]+)\]|\b([A-Za-z_][\w]*)\b(?!\s*\()/;

function resolveDimension(ctx: Ctx, d: JsonObject): ResolvedDimension {
  const qDef = obj(d.qDef);
  const libraryId = str(d.qLibraryId) || undefined;
  let fieldDefs = arr(qDef.qFieldDefs).map(str);
  let labels = arr(qDef.qFieldLabels).map(str);
  let grouping = str(qDef.qGrouping) || 'N';
  let masterTitle = '';
  if (libraryId) {
    const master = ctx.model.dimensions.get(libraryId);
    if (!master) {
      return { title: '', fieldDef: '', cardinal: 0, libraryId, grouping, fieldDefs: [], error: { qErrorCode: 7001 }, cId: str(qDef.cId) || undefined };
    }
    const qDim = obj(master.qDim);
    fieldDefs = arr(qDim.qFieldDefs).map(str);
    labels = arr(qDim.qFieldLabels).map(str);
    grouping = str(qDim.qGrouping) || 'N';
    masterTitle = str(obj(master.qMetaDef).title) || str(qDim.title);
  }
  const fieldDef = fieldDefs[0] ?? '';
  const title = labels[0] || masterTitle || fieldDef.replace(/^=/, '');
  const base = { title, fieldDef, libraryId, grouping, fieldDefs, cId: str(qDef.cId) || undefined };
  if (fieldDef.startsWith('=')) {
    const check = cachedCheck(ctx, fieldDef);
    const ref = firstFieldRef.exec(fieldDef.slice(1));
    const field = ref ? ctx.model.dataModel.fieldByName.get(ref[1] ?? ref[2]) : undefined;
    if (check.qErrorMsg) return { ...base, cardinal: 0, error: { qErrorCode: 7000, qExtendedMessage: check.qErrorMsg } };
    return { ...base, field, cardinal: field?.cardinal ?? 1 };
  }
  const name = fieldDef.replace(/^\[|\]$/g, '');
  const field = ctx.model.dataModel.fieldByName.get(name);
  // an unknown dimension field: shown as "Invalid dimension" in Sense; exact code [T]
  if (!field) return { ...base, cardinal: 0, error: { qErrorCode: 2, qContext: name } };
  return { ...base, field, cardinal: field.cardinal };
}

function resolveMeasure(ctx: Ctx, m: JsonObject, index: number, behaviourErrors?: Record<string, JsonObject>): ResolvedMeasure {
  const qDef = obj(m.qDef);
  const libraryId = str(m.qLibraryId) || undefined;
  let def = str(qDef.qDef);
  let title = str(qDef.qLabel);
  let numFormat: Json = isObject(qDef.qNumFormat) ? qDef.qNumFormat : { qType: 'U', qnDec: 10, qUseThou: 0 };
  if (libraryId) {
    const master = ctx.model.measures.get(libraryId);
    if (!master) return { title: '', def: '', libraryId, numFormat, error: { qErrorCode: 7001 }, cId: str(qDef.cId) || undefined };
    const qMeasure = obj(master.qMeasure);
    def = str(qMeasure.qDef);
    title = title || str(qMeasure.qLabel) || str(obj(master.qMetaDef).title);
    if (isObject(qMeasure.qNumFormat)) numFormat = qMeasure.qNumFormat;
  }
  const resolved: ResolvedMeasure = { title: title || def, def, libraryId, numFormat, cId: str(qDef.cId) || undefined };
  const check = cachedCheck(ctx, def);
  // a syntax error shows as "Error in expression" on the chart; exact code [T]
  if (check.qErrorMsg) resolved.error = { qErrorCode: 7000, qExtendedMessage: check.qErrorMsg };
  const forced = behaviourErrors?.[String(index)];
  if (forced) resolved.error = forced;
  return resolved;
}

function cubeRows(ctx: Ctx, dims: ResolvedDimension[]): number {
  if (dims.length === 0) return 1;
  if (dims.some((d) => d.error)) return 0;
  const product = dims.reduce((p, d) => p * Math.max(1, d.cardinal), 1);
  const dataRows = Math.max(1, ...dims.map((d) => (d.field ? fieldRows(ctx.model.dataModel, d.field) : d.cardinal)));
  return dims.length === 1 ? dims[0].cardinal : Math.min(product, dataRows);
}

function dimensionCell(d: ResolvedDimension, row: number, radixBefore: number) {
  const index = Math.floor(row / radixBefore) % Math.max(1, d.cardinal);
  if (!d.field) return { qText: `${d.title} ${index + 1}`, qNum: 'NaN', qElemNumber: index, qState: 'O' };
  const v = fieldValue(d.field, index);
  return { qText: v.qText, qNum: v.qNum, qElemNumber: index, qState: 'O' };
}

function measureCell(seed: number, m: ResolvedMeasure, row: number, scale: number) {
  if (m.error) return { qText: '-', qNum: 'NaN', qElemNumber: -1, qState: 'L', qIsNull: true };
  const n = Math.round(seeded(seed, row) * scale * 100) / 100;
  return { qText: formatNumber(n), qNum: n, qElemNumber: 0, qState: 'L' };
}

export interface CubeModel {
  dims: ResolvedDimension[];
  measures: ResolvedMeasure[];
  rows: number;
  objectId: string;
  measureScale: number[];
}

export function cubeModel(ctx: Ctx, def: JsonObject, objectId: string): CubeModel {
  const behaviour = ctx.model.behaviour.objects[objectId];
  const dims = arr(def.qDimensions).filter(isObject).map((d) => resolveDimension(ctx, d));
  const measures = arr(def.qMeasures).filter(isObject).map((m, i) => resolveMeasure(ctx, m, i, behaviour?.measureErrors));
  const rows = cubeRows(ctx, dims);
  const measureScale = measures.map((m) => {
    const total = m.def ? evaluateCached(ctx.model, m.def).num : 0;
    return typeof total === 'number' && Number.isFinite(total) ? Math.abs(total) / Math.max(1, rows) * 2 : 1000;
  });
  return { dims, measures, rows, objectId, measureScale };
}

/**
 * Generated pages are deterministic, so they are kept (read-only) for the next ask of the same
 * page of the same cube: a client that fetches a page after the layout's initial fetch, or twice,
 * must not wait for the simulator's own CPU (that would show up as engine time in its timings).
 */
const pageCache = new Map<string, JsonObject>();
const PAGE_CACHE_SIZE = 256;

function cubeSignature(cube: CubeModel): string {
  const dims = cube.dims.map((d) => `${d.field?.name ?? d.title}:${d.cardinal}:${d.field?.tags.join(',') ?? ''}:${d.error ? 'E' : ''}`);
  const measures = cube.measures.map((m, i) => `${m.def}:${m.error ? 'E' : ''}:${cube.measureScale[i]}`);
  return JSON.stringify([cube.objectId, cube.rows, dims, measures]);
}

export function dataPages(cube: CubeModel, pages: JsonObject[]): JsonObject[] {
  const signature = cubeSignature(cube);
  return pages.map((p) => {
    const key = `${signature}|${Number(p.qLeft) || 0},${Number(p.qTop) || 0},${Number(p.qWidth) || 0},${Number(p.qHeight) || 0}`;
    let page = pageCache.get(key);
    if (!page) {
      page = generatePage(cube, p);
      if (pageCache.size >= PAGE_CACHE_SIZE) pageCache.delete(pageCache.keys().next().value as string);
      pageCache.set(key, page);
    }
    return page;
  });
}

function generatePage(cube: CubeModel, p: JsonObject): JsonObject {
  const width = cube.dims.length + cube.measures.length;
  const left = Math.max(0, Number(p.qLeft) || 0);
  const top = Math.max(0, Number(p.qTop) || 0);
  const w = Math.max(0, Math.min(Number(p.qWidth) || 0, width - left));
  const h = Math.max(0, Math.min(Number(p.qHeight) || 0, cube.rows - top));
  const matrix: Json[] = [];
  for (let r = top; r < top + h; r++) {
    const row: Json[] = [];
    let radix = 1;
    const radices = cube.dims.map((d) => {
      const before = radix;
      radix *= Math.max(1, d.cardinal);
      return before;
    });
    for (let c = left; c < left + w; c++) {
      if (c < cube.dims.length) row.push(dimensionCell(cube.dims[c], r, radices[c]) as JsonObject);
      else {
        const mi = c - cube.dims.length;
        row.push(measureCell(hashSeed(`${cube.objectId}:${mi}`), cube.measures[mi], r, cube.measureScale[mi]) as JsonObject);
      }
    }
    matrix.push(row);
  }
  return { qMatrix: matrix, qTails: cube.dims.map(() => ({ qUp: 0, qDown: 0 })), qArea: { qLeft: left, qTop: top, qWidth: w, qHeight: h } };
}

function dimensionInfo(d: ResolvedDimension, rows: number): JsonObject {
  const numeric = d.field?.isNumeric ?? false;
  const info: JsonObject = {
    qFallbackTitle: d.title,
    qApprMaxGlyphCount: Math.max(1, Math.min(40, d.title.length + 4)),
    qCardinal: d.cardinal,
    qSortIndicator: 'A',
    qGroupFallbackTitles: d.fieldDefs.length ? d.fieldDefs.map((f, i) => (i === 0 ? d.title : f)) : [d.title],
    qGroupPos: 0,
    qStateCounts: { qLocked: 0, qSelected: 0, qOption: d.cardinal, qDeselected: 0, qAlternative: 0, qExcluded: 0, qSelectedExcluded: 0, qLockedExcluded: 0 },
    qTags: d.field?.tags ?? [],
    qDimensionType: d.field?.tags.includes('$timestamp') ? 'T' : numeric ? 'N' : 'D',
    qGrouping: d.grouping,
    qNumFormat: { qType: 'U', qnDec: 0, qUseThou: 0 },
    qIsAutoFormat: true,
    qGroupFieldDefs: d.fieldDefs,
    qMin: numeric ? 1 : 'NaN',
    qMax: numeric ? Math.max(1, d.cardinal) : 'NaN',
    qAttrExprInfo: [],
    qAttrDimInfo: [],
    qCardinalities: { qCardinal: d.cardinal, qHypercubeCardinal: Math.min(d.cardinal, rows), qAllValuesCardinal: -1 },
  };
  if (d.error) info.qError = d.error;
  if (d.libraryId) info.qLibraryId = d.libraryId;
  if (d.cId) info.cId = d.cId;
  return info;
}

function measureInfo(m: ResolvedMeasure, scale: number): JsonObject {
  const info: JsonObject = {
    qFallbackTitle: m.title,
    qApprMaxGlyphCount: 10,
    qCardinal: 0,
    qSortIndicator: 'D',
    qNumFormat: m.numFormat,
    qMin: m.error ? 'NaN' : 0,
    qMax: m.error ? 'NaN' : Math.round(scale * 100) / 100,
    qIsAutoFormat: true,
    qAttrExprInfo: [],
    qAttrDimInfo: [],
    qTrendLines: [],
  };
  if (m.error) info.qError = m.error;
  if (m.libraryId) info.qLibraryId = m.libraryId;
  if (m.cId) info.cId = m.cId;
  return info;
}

/** The calc condition of a cube: `qCalcCondition {qCond, qMsg}` or the older `qCalcCond`. */
function calcConditionFails(ctx: Ctx, def: JsonObject): { message: string } | undefined {
  const cond = obj(def.qCalcCondition);
  const expr = str(obj(cond.qCond).qv) || str(obj(def.qCalcCond).qv);
  if (!expr) return undefined;
  const value = evaluateCached(ctx.model, expr);
  if (value.num === 0 || value.text === '0' || /^false$/i.test(value.text)) {
    const msg = str(obj(cond.qMsg).qv);
    return { message: msg ? evaluateCached(ctx.model, msg).text : '' };
  }
  return undefined;
}

export function hyperCubeLayout(ctx: Ctx, def: JsonObject, objectId: string): { layout: JsonObject; cube: CubeModel } {
  const cube = cubeModel(ctx, def, objectId);
  const behaviour = ctx.model.behaviour.objects[objectId];
  const width = cube.dims.length + cube.measures.length;
  const layout: JsonObject = {
    qSize: { qcx: width, qcy: cube.rows },
    qDimensionInfo: cube.dims.map((d) => dimensionInfo(d, cube.rows)),
    qMeasureInfo: cube.measures.map((m, i) => measureInfo(m, cube.measureScale[i])),
    qEffectiveInterColumnSortOrder: arr(def.qInterColumnSortOrder).length ? arr(def.qInterColumnSortOrder) : [...Array(width).keys()],
    qGrandTotalRow: [],
    qDataPages: [],
    qPivotDataPages: [],
    qStackedDataPages: [],
    qMode: str(def.qMode) || 'S',
    qNoOfLeftDims: typeof def.qNoOfLeftDims === 'number' ? def.qNoOfLeftDims : -1,
    qTreeNodesOnDim: [],
    qColumnOrder: arr(def.qColumnOrder),
  };
  if (str(def.qStateName)) layout.qStateName = str(def.qStateName);
  const failed = calcConditionFails(ctx, def);
  if (failed) {
    layout.qError = { qErrorCode: 7005 };
    layout.qCalcCondMsg = failed.message;
    layout.qSize = { qcx: width, qcy: 0 };
    return { layout, cube: { ...cube, rows: 0 } };
  }
  if (behaviour?.layoutError) {
    layout.qError = behaviour.layoutError;
    return { layout, cube };
  }
  if (layout.qMode === 'S') layout.qDataPages = dataPages(cube, arr(def.qInitialDataFetch).filter(isObject));
  if (layout.qMode === 'P') layout.qPivotDataPages = pivotPages(cube, arr(def.qInitialDataFetch).filter(isObject));
  return { layout, cube };
}

export function listObjectLayout(ctx: Ctx, def: JsonObject, objectId: string): JsonObject {
  const cube = cubeModel(ctx, { qDimensions: [{ qDef: obj(def.qDef), qLibraryId: def.qLibraryId ?? '' }] }, objectId);
  const d = cube.dims[0];
  const layout: JsonObject = {
    qSize: { qcx: 1, qcy: d.cardinal },
    qDimensionInfo: dimensionInfo(d, d.cardinal),
    qExpressions: [],
    qDataPages: dataPages({ ...cube, rows: d.cardinal }, arr(def.qInitialDataFetch).filter(isObject)),
  };
  if (str(def.qStateName)) layout.qStateName = str(def.qStateName);
  if (d.error) layout.qError = d.error;
  return layout;
}

/** NxPivotPage for `qMode: "P"`: the first dimension down the left, measure values in qData. */
export function pivotPages(cube: CubeModel, pages: JsonObject[]): JsonObject[] {
  const first = cube.dims[0];
  return pages.map((p) => {
    const top = Math.max(0, Number(p.qTop) || 0);
    const rows = first ? Math.max(0, Math.min(Number(p.qHeight) || 0, first.cardinal - top)) : 0;
    const width = Math.max(0, Math.min(Number(p.qWidth) || 0, cube.measures.length));
    const qLeft: Json[] = [];
    const qData: Json[] = [];
    for (let r = top; r < top + rows; r++) {
      const cell = dimensionCell(first, r, 1);
      qLeft.push({ qText: cell.qText, qElemNo: cell.qElemNumber, qValue: cell.qNum, qType: 'N' });
      const values: Json[] = [];
      for (let m = 0; m < width; m++) {
        const v = measureCell(hashSeed(`${cube.objectId}:${m}`), cube.measures[m], r, cube.measureScale[m]);
        values.push({ qText: v.qText, qNum: v.qNum, qType: v.qIsNull ? 'U' : 'V' });
      }
      qData.push(values);
    }
    return { qLeft, qTop: [], qData, qArea: { qLeft: 0, qTop: top, qWidth: width, qHeight: rows } };
  });
}
