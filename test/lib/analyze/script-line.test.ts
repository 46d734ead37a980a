import { expect, it } from 'vitest';
import { scriptLineOf } from '../../../lib/analyze/script-line';

it("reads a script finding's line in the whole script, and nothing that is not a line", () => {
  expect(scriptLineOf({ data: { line: 5, lineInTab: 2 } })).toBe(5);
  for (const data of [undefined, {}, { line: 0 }, { line: 2.5 }, { line: '5' }, { lines: [1] }]) expect(scriptLineOf({ data }), JSON.stringify(data)).toBeUndefined();
});
