import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { scriptMentions } from '../../analyze/script-variables';
import { mentions } from '../../analyze/usage-index';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D06',
  name: 'unused-variable',
  category: 'design',
  severity: 'info',
  summary: 'A variable referenced nowhere in the app or its load script, not even through other variables.',
  why: {
    text: 'Unused variables make the variable list long and hide the ones that matter. Script-created variables are listed separately: the script may use them.',
    sources: [SOURCES.fieldUsage, SOURCES.magicOfVariables],
  },
  howToFix: 'Delete the variable (for script-created ones, remove its SET/LET from the script) once you are sure no extension or mashup reads it.',
  severityReason: 'An unused variable costs nothing measurable and script control variables are often set on purpose: a suggestion to tidy up.',
  rollUp: true,
  options: z.object({ includeScriptCreated: z._default(z.boolean(), true).check(z.describe('also list variables the script creates')) }),
  needs: ['variables', 'objects'],
  check(ctx) {
    // a variable the load script uses ($(vDataRoot) in a FROM clause, vMax in a LET or a control
    // statement) is used, too; assigning or dropping it is not a use
    const script = scriptMentions(ctx.snapshot.script?.text);
    const inScript = (name: string) => mentions(script, name);
    for (const v of ctx.snapshot.variables) {
      if (v.isReserved || v.isConfig || ctx.index.usage.isVariableUsed(v.name) || inScript(v.name)) continue;
      if (v.isScriptCreated && !ctx.options.includeScriptCreated) continue;
      ctx.report({
        target: ctx.index.variableTarget(v.name),
        message: `Variable "${v.name}" is not used by any expression, object or other variable${v.isScriptCreated ? ' (created by the script, which may still use it)' : ''}.`,
        data: { scriptCreated: v.isScriptCreated },
        content: v.definition,
      });
    }
  },
});
