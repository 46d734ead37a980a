import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { ScriptLineData } from '../../analyze/script-line';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'S01',
  name: 'script-syntax-error',
  category: 'script',
  severity: 'error',
  summary: 'A syntax error in the load script (engine CheckScriptSyntax).',
  why: { text: 'A script with a syntax error fails at the next reload and the app keeps its old data, often unnoticed until someone asks why the numbers stopped changing.', sources: [SOURCES.engineApi, SOURCES.qlikApiApps] },
  howToFix: 'Open the data load editor at the reported tab and line and correct the statement.',
  severityReason: 'The load script does not run past a syntax error: the next reload fails and users keep stale data.',
  options: z.object({}),
  needs: ['script'],
  check(ctx) {
    const script = ctx.snapshot.script;
    if (!script?.syntaxErrors) {
      // never a syntax error of our own: only the engine's verdict counts, so without it the rule says why it did not run
      const why = ctx.snapshot.collectionIssues.find((i) => i.part === 'script' && i.objectId === undefined)?.message ?? "the engine's CheckScriptSyntax was not collected";
      return ctx.cannotRun(`the script's syntax was not checked: ${why}`);
    }
    for (const err of script.syntaxErrors) {
      if (err.qSecondaryFailure) continue;
      const tab = err.qTabIx !== undefined ? (script.tabs[err.qTabIx] ?? `tab ${err.qTabIx + 1}`) : 'the script';
      const line = err.qLineInTab !== undefined ? err.qLineInTab + 1 : undefined;
      const start = err.qTextPos ?? 0;
      // qTextPos counts from the start of the whole script (Engine API ScriptSyntaxError): `data.line` is
      // the line in the script text, as every script rule gives it (the message shows the tab's own line)
      const scriptLine = err.qTextPos !== undefined ? script.text.slice(0, err.qTextPos).split('\n').length : undefined;
      const excerpt = script.text.slice(start, start + Math.max(err.qErrLen ?? 0, 1)).split('\n')[0];
      ctx.report({
        target: { kind: 'script', id: 'script', name: tab },
        message: `Syntax error in ${tab}${line !== undefined ? `, line ${line}` : ''}${err.qColInLine !== undefined ? `, column ${err.qColInLine + 1}` : ''}${excerpt ? `: "${excerpt}"` : ''}.`,
        data: { tab, line: scriptLine, lineInTab: line, column: err.qColInLine, textPos: err.qTextPos } satisfies ScriptLineData,
        content: `${tab}\u0000${excerpt}`,
      });
    }
  },
});
