import { describe, expect, it } from 'vitest';
import { onePerPercent } from '../../../lib/collect/progress';

describe('onePerPercent', () => {
  it('passes at most one report per percent of a phase, always the first and the last', () => {
    const seen: [string, number, number][] = [];
    const report = onePerPercent((phase, done, total) => seen.push([phase, done, total]));
    for (let done = 0; done <= 2500; done++) report('expressions', done, 2500);
    expect(seen.length).toBe(101);
    expect(seen[0]).toEqual(['expressions', 0, 2500]);
    expect(seen.at(-1)).toEqual(['expressions', 2500, 2500]);
    expect(seen.map(([, done]) => Math.floor((done * 100) / 2500))).toEqual(Array.from({ length: 101 }, (_, i) => i));
  });

  it('reports a phase of at most 100 steps step by step (a repeated step once), phases apart from each other', () => {
    const seen: string[] = [];
    const report = onePerPercent((phase, done, total) => seen.push(`${phase} ${done}/${total}`));
    report('inventory', 0, 8);
    report('objects', 0, 40);
    report('inventory', 1, 8);
    report('objects', 1, 40);
    report('objects', 1, 40);
    report('done', 1, 1);
    expect(seen).toEqual(['inventory 0/8', 'objects 0/40', 'inventory 1/8', 'objects 1/40', 'done 1/1']);
  });

  it('passes an empty phase (0 of 0) once', () => {
    const seen: string[] = [];
    const report = onePerPercent((phase, done, total) => seen.push(`${phase} ${done}/${total}`));
    report('expressions', 0, 0);
    expect(seen).toEqual(['expressions 0/0']);
  });
});
