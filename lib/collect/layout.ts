// Pure helpers on object layouts: drop data pages (the snapshot keeps structure, not data) and find
// every calculation error (`qError` on hypercube, dimension or measure info; engine-rpc.json
// NxValidationError / NxLayoutErrors).
import type { LayoutError } from '../snapshot/schema';
import { toPointer } from './expressions/extract';

const DATA_KEYS = new Set(['qDataPages', 'qPivotDataPages', 'qStackedDataPages']);

export function stripDataPages(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDataPages);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = DATA_KEYS.has(k) ? [] : stripDataPages(v);
    return out;
  }
  return value;
}

export function findLayoutErrors(layout: unknown): LayoutError[] {
  const out: LayoutError[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, String(i)]));
    if (!value || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      if (DATA_KEYS.has(k)) continue;
      if (k === 'qError' && v && typeof v === 'object' && typeof (v as { qErrorCode?: unknown }).qErrorCode === 'number') {
        const e = v as { qErrorCode: number; qContext?: unknown; qExtendedMessage?: unknown };
        out.push({
          path: toPointer([...path, k]),
          qErrorCode: e.qErrorCode,
          ...(typeof e.qContext === 'string' ? { qContext: e.qContext } : {}),
          ...(typeof e.qExtendedMessage === 'string' ? { qExtendedMessage: e.qExtendedMessage } : {}),
        });
      } else walk(v, [...path, k]);
    }
  };
  walk(layout, []);
  return out;
}

export function calcCondMessage(layout: unknown): string | undefined {
  const cube = (layout as { qHyperCube?: { qCalcCondMsg?: unknown } } | undefined)?.qHyperCube;
  return typeof cube?.qCalcCondMsg === 'string' && cube.qCalcCondMsg ? cube.qCalcCondMsg : undefined;
}
