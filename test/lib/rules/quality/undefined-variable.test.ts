import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/undefined-variable';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q10 undefined-variable', () => {
  it('passes defined variables', () => {
    const s = app().variable('vYear', '2024').sheet().kpi({ measure: 'Sum({<Year={$(vYear)}>} Sales)' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags an undefined variable with its range, and one reached through another variable', () => {
    const s = app().variable('vOuter', 'Sum($(vInner))').sheet().kpi({ measures: ['Sum({<Year={$(vYeer)}>} Sales)', '$(vOuter)'] }).build();
    const { findings } = runRule(rule, s);
    expect(findings).toHaveLength(2);
    const direct = findings.find((f) => f.data?.reference === '$(vYeer)');
    expect(direct?.expression?.text.slice(direct.expression.from, direct.expression.to)).toBe('$(vYeer)');
    expect(findings.some((f) => f.message.includes("'vInner'") && f.message.includes('vOuter'))).toBe(true);
    expect(runRule(rule, s).found).toEqual([
      `Q10 object:kpi-6 Variable 'vYeer' is not defined in the measure 1 of KPI on sheet "Sheet".`,
      `Q10 object:kpi-6 Variable 'vInner' is not defined (used in the definition of 'vOuter') in the measure 2 of KPI on sheet "Sheet".`,
    ]);
  });

  // issue #14 item 6; Qlik help "Working with variables in the data load editor" (SET/LET define app variables)
  it('counts variables the load script creates as defined, names built with $(…) included, when the list lacks them (offline snapshot)', () => {
    const script = "SET vYear = 2024;\nLET vMax = Max(Year);\nFOR EACH t IN 'Reloads','Errors'\n  LET file_size_$(t) = FileSize('$(t).qvd');\nNEXT t\nSET vTemp = 1;\nDROP VARIABLE vTemp;\n";
    const s = app()
      .script(script)
      .sheet()
      .kpi({ measures: ['Sum({<Year={$(vYear)}>} Sales)', 'Sum(Sales) / $(vMax)', '$(file_size_Reloads) + $(file_size_Errors)', '$(vTemp)', '$(vNever)'] })
      .build();
    expect(runRule(rule, s).findings.map((f) => f.data?.reference)).toEqual(['$(vTemp)', '$(vNever)']);
  });
});
