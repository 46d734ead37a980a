import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { ScriptLineData } from '../../analyze/script-line';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'R17',
  name: 'binary-then-drop',
  category: 'resource',
  severity: 'info',
  summary: 'A BINARY load followed by DROP FIELD(S) without a RESIDENT reload: the memory is not released.',
  why: {
    text: 'After a BINARY load, dropping fields removes them from the model but not all their space: the tables keep their width until they are reloaded. Rob Wunderlich measured it.',
    sources: [SOURCES.dropFieldMemory],
  },
  howToFix: 'Reload the affected tables RESIDENT after the DROP (NoConcatenate LOAD * RESIDENT T; DROP TABLE T;), or drop the fields in the source app.',
  severityReason:
    'Found in the script text; the space left unreleased was not measured in this app: a suggestion.',
  options: z.object({}),
  needs: ['script'],
  check(ctx) {
    const text = ctx.snapshot.script?.text ?? '';
    if (!/^\s*binary\s/im.test(text)) return;
    const drop = /\bdrop\s+fields?\b/i.exec(text);
    if (!drop || /\bresident\b/i.test(text.slice(drop.index))) return;
    const line = text.slice(0, drop.index).split('\n').length;
    ctx.report({
      target: { kind: 'script', id: 'script', name: 'Load script' },
      message: `The script loads BINARY and then drops fields (line ${line}) without reloading any table RESIDENT: the memory of the dropped fields is not released.`,
      data: { line } satisfies ScriptLineData,
      content: text.slice(drop.index, drop.index + 200),
    });
  },
});
