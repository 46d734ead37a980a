// Where in the load script a script finding is: `data.line`, the 1-based line in the whole script
// text (every tab, as the engine counts qTextPos), given by the script rules that know it and read
// by the exports (SARIF regions, repository places) with `scriptLineOf`.
import { z } from '../schema/zod';
import type { Finding } from './result';

const ScriptLineData = z.looseObject({ line: z.optional(z.number().check(z.int(), z.minimum(1))) });

/** What a script rule's finding data holds of its line (`satisfies ScriptLineData` where it reports). */
export type ScriptLineData = z.input<typeof ScriptLineData>;

/** A script finding's line in the whole script text, when its data has a valid one. */
export function scriptLineOf(finding: Pick<Finding, 'data'>): number | undefined {
  const parsed = ScriptLineData.safeParse(finding.data);
  return parsed.success ? parsed.data.line : undefined;
}
