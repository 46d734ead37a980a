import { describe, expect, it } from 'vitest';
import { AnalysisMetrics } from '../../../lib/export/metrics';
import { LEGACY_PART_NAMES, SNAPSHOT_ENVELOPE, SNAPSHOT_PARTS, type SnapshotPart, partsInWords } from '../../../lib/snapshot/parts';
import { AppSnapshot, parseSnapshot } from '../../../lib/snapshot/schema';
import { minimalSnapshot } from './minimal-snapshot';

type Envelope = (typeof SNAPSHOT_ENVELOPE)[number];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// compile-time: the parts are exactly the snapshot's keys besides its envelope
const partsAreTheSnapshotKeys: Same<SnapshotPart, Exclude<keyof AppSnapshot, Envelope>> = true;

describe('snapshot parts', () => {
  it('are exactly the keys of the AppSnapshot schema besides its envelope', () => {
    expect(partsAreTheSnapshotKeys).toBe(true);
    const keys = Object.keys(AppSnapshot.shape).filter((k) => !(SNAPSHOT_ENVELOPE as readonly string[]).includes(k));
    expect([...SNAPSHOT_PARTS].sort()).toEqual(keys.sort());
  });

  it('reads a saved snapshot whose collection issues use the old part names', () => {
    const old = Object.keys(LEGACY_PART_NAMES).map((part) => ({ part, code: 'X', message: part }));
    const parsed = parseSnapshot(JSON.parse(JSON.stringify({ ...minimalSnapshot(), collectionIssues: old })));
    expect(parsed.collectionIssues.map((i) => [i.message, i.part])).toEqual([
      ['fields', 'dataModel'],
      ['reloadMetadata', 'reloads'],
      ['reloadLog', 'reloads'],
      ['scriptSyntax', 'script'],
      ['expressionChecks', 'expressions'],
      ['expressionFields', 'expressions'],
      ['evaluations', 'evaluation'],
    ]);
    expect(() => parseSnapshot({ ...minimalSnapshot(), collectionIssues: [{ part: 'nonsense', code: 'X', message: '' }] })).toThrow(/collectionIssues\.0\.part/);
  });

  it('reads measured facts (stored, or in an imported export) with the old part names', () => {
    const metrics = AnalysisMetrics.parse({ notCollected: [{ part: 'scriptSyntax', code: 'ENGINE_UNAVAILABLE', message: 'no engine' }] });
    expect(metrics.notCollected).toEqual([{ part: 'script', code: 'ENGINE_UNAVAILABLE', message: 'no engine' }]);
  });

  it('says parts in words', () => {
    expect(partsInWords(['evaluation'])).toBe('The app evaluation');
    expect(partsInWords(['sheets', 'variables', 'dataModel'])).toBe('Sheets, variables and the data model');
  });
});
