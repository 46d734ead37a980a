import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { Target } from '../../analyze/result';
import { SOURCES } from '../shared/sources';

const pattern = z.optional(z.string());

export default defineRule({
  code: 'D13',
  name: 'naming-convention',
  category: 'design',
  severity: 'info',
  defaultEnabled: false,
  summary: 'Names that break the configured patterns (tables, fields, variables, master items). Off by default.',
  why: { text: 'A naming convention (vVariable, %KeyField, Dim_/Fact_ tables) lets a team read an app it did not build; governance guides recommend enforcing one.', sources: [SOURCES.namingGuide, SOURCES.qsdaCustomFlags] },
  howToFix: 'Rename the item to match the pattern (in the script for tables and fields).',
  severityReason:
    "Naming is a team's style and the rule is off by default; a name outside the convention costs nothing: a suggestion.",
  options: z.object({
    variable: z._default(pattern, '^v[A-Z0-9_]').check(z.describe('regular expression variable names must match')),
    table: pattern.check(z.describe('regular expression table names must match')),
    field: pattern.check(z.describe('regular expression field names must match')),
    masterMeasure: pattern.check(z.describe('regular expression master measure labels must match')),
    masterDimension: pattern.check(z.describe('regular expression master dimension titles must match')),
  }),
  needs: [],
  check(ctx) {
    const { snapshot, options, index } = ctx;
    const check = (kind: string, source: string | undefined, items: Array<{ name: string; target: Target }>) => {
      if (!source) return;
      let re: RegExp;
      try {
        re = new RegExp(source);
      } catch {
        throw new Error(`naming-convention: the ${kind} pattern ${source} is not a valid regular expression`);
      }
      for (const { name, target } of items) {
        if (re.test(name)) continue;
        ctx.report({ target, message: `${kind} "${name}" does not match the naming pattern /${source}/.`, data: { pattern: source }, content: `${name}\u0000${source}` });
      }
    };
    check('Variable', options.variable, snapshot.variables.filter((v) => !v.isReserved && !v.isConfig).map((v) => ({ name: v.name, target: index.variableTarget(v.name) })));
    check('Table', options.table, (snapshot.dataModel?.tables ?? []).filter((t) => !t.isSynthetic).map((t) => ({ name: t.name, target: index.tableTarget(t.name) })));
    check('Field', options.field, (snapshot.dataModel?.fields ?? []).filter((f) => !f.isSystem).map((f) => ({ name: f.name, target: index.fieldTarget(f.name) })));
    check('Master measure', options.masterMeasure, snapshot.masterMeasures.map((m) => ({ name: m.label, target: { kind: 'master-measure' as const, id: m.id, name: m.label } })));
    check('Master dimension', options.masterDimension, snapshot.masterDimensions.map((d) => ({ name: d.title, target: { kind: 'master-dimension' as const, id: d.id, name: d.title } })));
  },
});
