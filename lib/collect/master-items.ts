// Master measures and dimensions: one list call each; the list's qData brings the definitions
// (`/qMeasure`, `/qDim`) and meta of every item at once.
import type { MasterDimension, MasterMeasure } from '../snapshot/schema';
import type { ListItem } from './engine-schemas';

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): Loose => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});

function metaOf(item: ListItem): { title?: string; description?: string; tags: string[] } {
  const meta = obj(item.qMeta);
  const metaDef = obj(item.qData?.meta);
  const title = str(meta.title) ?? str(metaDef.title);
  const description = str(meta.description) ?? str(metaDef.description);
  const tags = strings(meta.tags).length ? strings(meta.tags) : strings(metaDef.tags);
  return { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}), tags };
}

export function buildMasterMeasure(item: ListItem): MasterMeasure {
  const measure = obj(item.qData?.measure);
  const meta = metaOf(item);
  const labelExpression = str(measure.qLabelExpression);
  return {
    id: item.qInfo.qId,
    label: str(measure.qLabel) ?? meta.title ?? '',
    ...meta,
    definition: typeof measure.qDef === 'string' ? measure.qDef : '',
    ...(labelExpression ? { labelExpression } : {}),
    alternatives: strings(measure.qExpressions),
    properties: { qInfo: item.qInfo, qMeasure: measure, qMetaDef: obj(item.qData?.meta) },
  };
}

export function buildMasterDimension(item: ListItem): MasterDimension {
  const dim = obj(item.qData?.dim);
  const meta = metaOf(item);
  const labelExpression = str(dim.qLabelExpression);
  return {
    id: item.qInfo.qId,
    ...meta,
    title: meta.title ?? strings(dim.qFieldDefs)[0] ?? '',
    grouping: str(dim.qGrouping) ?? 'N',
    fieldDefs: strings(dim.qFieldDefs),
    fieldLabels: strings(dim.qFieldLabels),
    ...(labelExpression ? { labelExpression } : {}),
    properties: { qInfo: item.qInfo, qDim: dim, qMetaDef: obj(item.qData?.meta) },
  };
}
