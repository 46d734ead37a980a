import { describe, expect, it } from 'vitest';
import { AppSnapshot, parseSnapshot } from '../../../lib/snapshot/schema';
import { summarizeSnapshot } from '../../../lib/snapshot/summary';
import { minimalSnapshot } from './minimal-snapshot';

describe('AppSnapshot', () => {
  it('keeps unknown keys of Qlik property trees and layouts (nothing dropped silently)', () => {
    const snapshot = minimalSnapshot({
      app: { ...minimalSnapshot().app, layout: { qTitle: 'x', somethingNew: { deep: [1, 2] } }, properties: { qFuture: true } },
    });
    const parsed = AppSnapshot.parse(JSON.parse(JSON.stringify(snapshot)));
    expect(parsed.app.layout).toEqual({ qTitle: 'x', somethingNew: { deep: [1, 2] } });
    expect(parsed.app.properties).toEqual({ qFuture: true });
  });

  it('rejects another schema version and malformed files with a clear message', () => {
    expect(() => parseSnapshot({ ...minimalSnapshot(), schemaVersion: 99 })).toThrow(/Unsupported snapshot schemaVersion 99/);
    expect(() => parseSnapshot(null)).toThrow(/Unsupported snapshot schemaVersion undefined/);
    expect(() => parseSnapshot({ ...minimalSnapshot(), sheets: [{ id: 1 }] })).toThrow(/Invalid snapshot: sheets\.0\./);
  });

  it('reads version-1 snapshots with and without the optional successful-reload and variable-value fields', () => {
    const reloads = { reloads: [{ id: 'f', status: 'FAILED' }, { id: 's', status: 'SUCCEEDED' }], metadata: [], lastLog: { reloadId: 'f', text: 'x', truncated: false } };
    const variable = { name: 'vMax', definition: '=Max(X)', tags: [], isScriptCreated: false, isReserved: false, isConfig: false, raw: {} };
    const before = parseSnapshot(JSON.parse(JSON.stringify(minimalSnapshot({ reloads, variables: [variable] }))));
    expect(before.reloads?.lastSuccessful).toBeUndefined();
    expect(before.variables[0]?.value).toBeUndefined();
    const lastSuccessful = { reloadId: 's', log: { reloadId: 's', text: '$Syn 1 = A+B', truncated: false } };
    const after = parseSnapshot(JSON.parse(JSON.stringify(minimalSnapshot({ reloads: { ...reloads, lastSuccessful }, variables: [{ ...variable, value: '46350' }] }))));
    expect(after.reloads?.lastSuccessful).toEqual(lastSuccessful);
    expect(after.variables[0]?.value).toBe('46350');
  });

  it('summarizes counts', () => {
    const s = summarizeSnapshot(
      minimalSnapshot({
        expressions: [
          { id: 'a:/x', text: 'Sum(X)', syntax: 'expression', location: { objectId: 'a', objectType: 'kpi', owner: 'object', path: '/x', kind: 'measure' }, check: { errorMsg: 'bad', badFieldNames: [], dangerousFieldNames: [] } },
          { id: 'b:/x', text: 'Sum(X)', syntax: 'expression', location: { objectId: 'b', objectType: 'kpi', owner: 'object', path: '/x', kind: 'measure' } },
        ],
      }),
    );
    expect(s).toMatchObject({ expressions: 2, uniqueExpressions: 1, engineSyntaxErrors: 1, scriptReadable: false });
  });
});
