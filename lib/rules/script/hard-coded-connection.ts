import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { ScriptLineData } from '../../analyze/script-line';
import { redactSecrets } from '../../snapshot/redact-secrets';
import { SOURCES } from '../shared/sources';

// A path or connection string written into the script instead of a lib:// connection.
const PATTERNS: Array<{ re: RegExp; what: string }> = [
  { re: /(?:from|into|binary|include\s*=|must_include\s*=)\s*\[?['"]?([a-z]:[\\/][^\]'";\n]*)/gi, what: 'a local drive path' },
  { re: /(?:from|into|binary|include\s*=|must_include\s*=)\s*\[?['"]?(\\\\[^\]'";\n]+)/gi, what: 'a network share path' },
  { re: /(?:from|into)\s*\[?['"]?(https?:\/\/[^\]'";\s]+)/gi, what: 'a URL' },
  { re: /\b(?:odbc|oledb)\s+connect\s+(?:\d+\s+)?to\s+\[?['"]?([^\]'";\n]+)/gi, what: 'a literal connection' },
];

export default defineRule({
  code: 'S07',
  name: 'hard-coded-connection',
  category: 'script',
  severity: 'warning',
  summary: 'Connection strings or file paths written literally in the script instead of lib:// connections.',
  why: { text: 'Qlik Cloud reads data through named data connections (lib://…); literal paths and connection strings do not work there, cannot be moved between spaces, and may carry credentials.', sources: [SOURCES.dataConnections] },
  howToFix: "Create a data connection and use lib://Connection/path in the statement (LIB CONNECT TO 'Connection' for databases).",
  examples: { bad: "LOAD * FROM [C:\\Data\\sales.qvd] (qvd);", good: 'LOAD * FROM [lib://Sales:DataFiles/sales.qvd] (qvd);' },
  severityReason:
    'The cost is certain: a literal path or connection string cannot move between spaces or tenants and may carry credentials; the reload works where it runs now (a failed one is S02).',
  options: z.object({}),
  needs: ['script'],
  check(ctx) {
    const text = ctx.snapshot.script?.text ?? '';
    const seen = new Set<string>();
    for (const { re, what } of PATTERNS) {
      for (const m of text.matchAll(re)) {
        const literal = m[1].trim();
        if (seen.has(literal) || literal.toLowerCase().startsWith('lib://')) continue;
        seen.add(literal);
        const line = text.slice(0, m.index).split('\n').length;
        // a literal connection often carries its credentials: they never reach the finding
        const shown = redactSecrets(literal);
        ctx.report({
          target: { kind: 'script', id: 'script', name: 'Load script' },
          message: `Line ${line} reads from ${what} written in the script: ${shown}.`,
          data: { line, literal: shown } satisfies ScriptLineData,
          content: shown,
        });
      }
    }
  },
});
