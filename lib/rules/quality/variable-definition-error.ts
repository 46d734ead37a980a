import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { brokenExpansions } from '../../expression/blame';
import { describeSite, engineVerdict, reportParserGap } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q17',
  name: 'variable-definition-error',
  category: 'quality',
  severity: 'error',
  summary: 'A variable whose text turns a valid expression into an invalid one where it is expanded.',
  why: {
    text:
      'A variable is text pasted into expressions. The expression looks right in the editor, but once the variable is ' +
      'expanded it no longer parses (a decimal comma, a missing bracket), and every chart using it breaks. Calculated ' +
      'variables (=…) that do not parse on their own are reported by Q01. When a live engine checked the expression ' +
      'after expansion (CheckExpression) and found no error, nothing is reported.',
    sources: [SOURCES.dollarExpansion, SOURCES.magicOfVariables],
  },
  howToFix: 'Correct the variable definition in the variables dialog; test it by expanding it in a KPI.',
  examples: { bad: "vFactor = 1,05  →  Sum(Sales) * $(vFactor)", good: 'vFactor = 1.05' },
  severityReason:
    'Once the variable is expanded the expression no longer parses, so every chart using it shows an error to users, as with Q01; when a live engine checked the expanded expression and found no error, nothing is reported.',
  options: z.object({}),
  needs: ['variables'],
  check(ctx) {
    const { index } = ctx;
    const reported = new Set<string>();
    for (const e of index.expressions) {
      if (e.expression.syntax !== 'expression' || e.expression.location.owner === 'variable') continue;
      if (!e.parsed.hasErrors || index.rawErrors(e.expression.text).length > 0) continue; // broken as written: Q01
      // only the variable whose expansion breaks the expression, never every variable it uses; a variable
      // whose text is a fragment the expansion completes breaks nothing
      const broken = brokenExpansions(e.expression.text, index.variableDefinitions).filter((b) => index.hasVariable(b.variable));
      if (broken.length === 0) continue;
      // the engine checked the expanded text in a live run and found it valid: its verdict wins
      if (engineVerdict(e.expression.check) === 'accepted') {
        reportParserGap(ctx, e, broken[0].diagnostic.message, `${describeSite(ctx, e)} (after expanding its variables)`);
        continue;
      }
      for (const { variable: name, diagnostic: error } of broken) {
        if (reported.has(name)) continue;
        reported.add(name);
        const definition = index.variableDefinitions.get(name)?.definition ?? '';
        ctx.report({
          target: index.variableTarget(name),
          path: '/qDefinition',
          message: `Variable "${name}" (${JSON.stringify(definition)}) expands to an invalid expression in the ${describeSite(ctx, e)}: ${error.message}.`,
          expression: { text: definition, from: 0, to: definition.length },
          data: { usedIn: index.locationTarget(e.expression.location), expression: e.expression.text, expanded: e.parsed.expanded },
          content: definition,
        });
      }
    }
  },
});
