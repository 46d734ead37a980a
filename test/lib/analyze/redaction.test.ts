// Secrets stay out of findings: whatever a rule puts in a message or its data (script excerpts,
// reload log lines, failed reload messages), the runner redacts credentials once for every rule
// (lib/snapshot/redact-secrets.ts), so the report and every export built from the result are clean.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRule } from '../../../lib/analyze/rule';
import { analyse } from '../../../lib/rules/analyse';
import lastReloadFailed from '../../../lib/rules/script/last-reload-failed';
import { app } from '../../fixtures/builders';

const echoesTheScript = defineRule({
  code: 'X09',
  name: 'echoes-script',
  category: 'script',
  severity: 'info',
  summary: 'Reports each script line (test rule).',
  why: { text: 'test', sources: [] },
  howToFix: 'test',
  severityReason: 'test',
  options: z.object({}),
  needs: ['script'],
  check(ctx) {
    for (const [i, line] of (ctx.snapshot.script?.text ?? '').split('\n').entries()) {
      ctx.report({ target: { kind: 'script', id: 'script', name: 'Load script' }, message: `Line ${i + 1}: "${line}"`, data: { line: i + 1, excerpt: line, nested: [{ text: line }] }, content: line });
    }
  },
});

describe('redaction of findings', () => {
  it('redacts message, data and the content hash input of every rule', () => {
    const script = ['LIB CONNECT TO \'Sales\';', 'ODBC CONNECT TO [DSN=x;UID=sa;PWD=Hunter2!];', "LOAD * FROM [https://u:Hunter2!@h.example/f.csv?api_key=K3Y-SECRET] (txt);"].join('\n');
    const result = analyse(app().script(script).build(), {}, { rules: [echoesTheScript] });
    expect(result.findings.map((f) => f.message).sort()).toEqual([
      'Line 1: "LIB CONNECT TO \'Sales\';"',
      'Line 2: "ODBC CONNECT TO [DSN=x;UID=sa;PWD=***];"',
      'Line 3: "LOAD * FROM [https://u:***@h.example/f.csv?api_key=***] (txt);"',
    ]);
    expect(result.findings.find((f) => f.data?.line === 2)?.data).toEqual({ line: 2, excerpt: 'ODBC CONNECT TO [DSN=x;UID=sa;PWD=***];', nested: [{ text: 'ODBC CONNECT TO [DSN=x;UID=sa;PWD=***];' }] });
    const serialized = JSON.stringify(result);
    expect(serialized).not.toContain('Hunter2');
    expect(serialized).not.toContain('K3Y-SECRET');
    // the finding's identity does not depend on the secret: a changed password is the same finding
    const changed = analyse(app().script(script.replaceAll('Hunter2!', 'other')).build(), {}, { rules: [echoesTheScript] });
    expect(changed.findings.map((f) => f.id)).toEqual(result.findings.map((f) => f.id));
  });

  it('a failed reload whose engine message echoes the connection string (S-rule on the reload record)', () => {
    const snapshot = app().build();
    const failed = {
      ...snapshot,
      reloads: {
        reloads: [{ id: 'r1', status: 'FAILED', endTime: '2026-01-01T00:00:00Z', errorMessage: 'Connector error: ODBC CONNECT TO [DSN=Sales;UID=sa;PWD=Hunter2!] failed: login timeout' }],
        metadata: [],
      },
    };
    const result = analyse(failed, {}, { rules: [lastReloadFailed] });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain('Hunter2');
    expect(result.findings[0]?.message).toContain('PWD=***');
  });
});
