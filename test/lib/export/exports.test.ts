import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../../../lib/analyze/result';
import { EXPORT_FORMATS, exportFileName, renderExport, type ExportFormat, type ExportInput } from '../../../lib/export/index';
import { csvCell } from '../../../lib/export/csv';
import { metricsOf } from '../../../lib/export/metrics';
import { ImportError, parseJsonExport, toJsonExport } from '../../../lib/export/json';
import { escapeMarkdown, renderMarkdown } from '../../../lib/export/markdown';
import { SARIF_FINGERPRINT_KEY, toSarif } from '../../../lib/export/sarif';
import { compareAnalyses } from '../../../lib/export/compare';
import { analysedSalesApp, finding } from '../report/fixtures';
import { sarifValidator } from './sarif-validator';

const { snapshot, result } = analysedSalesApp();
const HOSTILE = `<img src=x onerror=alert(1)> "quoted", 'single' | pipe [link](javascript:alert(1)) \`tick\` =HYPERLINK("http://evil")\r\nnext line`;
const hostileFinding = finding({
  rule: 'Q02',
  name: 'unknown-field',
  message: HOSTILE,
  target: { kind: 'object', id: 'obj<1>', name: HOSTILE, sheet: { id: 's"1', name: 'مبيعات <b>' } },
  expression: { text: '=Sum([<script>alert(1)</script>])', from: 5, to: 32 },
});
const hidden = finding({ rule: 'D08', name: 'missing-object-title', severity: 'info', category: 'design', message: 'Hidden one', target: { kind: 'object', id: 'hid-1' } });
const seeded: AnalysisResult = {
  ...result,
  findings: [...result.findings, hostileFinding],
  suppressedFindings: [hidden],
};
const input: ExportInput = {
  result: seeded,
  metrics: metricsOf(seeded, snapshot),
  source: { host: 'acme.eu.qlikcloud.com', connectionMode: 'session' },
  generator: { name: 'qlarity', version: '0.1.0' },
  exportedAt: '2026-12-07T10:00:00.000Z',
  locale: 'en-GB',
};
const render = (format: ExportFormat, change: Partial<ExportInput> = {}) => renderExport(format, { ...input, ...change }).content;

describe('SARIF 2.1.0 export', () => {
  it('is valid against the OASIS schema, with rule help and a fingerprint per result', () => {
    const validate = sarifValidator();
    const log = toSarif(input);
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const run = log.runs[0];
    const rules = run.tool.driver.rules ?? [];
    const q02 = rules.find((r) => r.id === 'Q02');
    expect(q02?.help?.text).toMatch(/How to fix:/);
    expect(q02?.fullDescription?.text.length).toBeGreaterThan(20);
    expect(run.results).toHaveLength(seeded.findings.length + 1);
    for (const r of run.results ?? []) {
      expect(r.partialFingerprints?.[SARIF_FINGERPRINT_KEY]).toMatch(/^v1:[0-9a-f]{14}(#\d+)?$/);
      expect(r.locations?.[0].physicalLocation?.region?.startLine).toBeGreaterThanOrEqual(1); // GitHub code scanning needs it
      expect(rules[r.ruleIndex ?? -1]?.id).toBe(r.ruleId);
    }
    const suppressed = (run.results ?? []).filter((r) => r.suppressions?.length);
    expect(suppressed.map((r) => r.ruleId)).toEqual(['D08']);
  });

  it('puts a script finding at its own line of the stand-in app, and line 1 when it has none or a bad one', () => {
    const scriptFinding = (id: string, line: unknown) =>
      finding({ id, rule: 'S07', name: 'hard-coded-connection', severity: 'warning', category: 'script', target: { kind: 'script', id: 'script' }, data: { line } });
    const log = toSarif({ ...input, result: { ...seeded, findings: [scriptFinding('s-7', 7), scriptFinding('s-0', 0), scriptFinding('s-x', '7'), scriptFinding('s-f', 2.5)] } });
    expect(sarifValidator()(log)).toBe(true);
    const lines = Object.fromEntries((log.runs[0].results ?? []).filter((r) => r.ruleId === 'S07').map((r) => [(r.properties as { findingId: string }).findingId, r.locations?.[0].physicalLocation?.region?.startLine]));
    expect(lines).toEqual({ 's-7': 7, 's-0': 1, 's-x': 1, 's-f': 1 });
  });

  it('lists every rule that could not run as a notification, and stays valid with them', () => {
    const notRun: AnalysisResult = {
      ...seeded,
      rules: seeded.rules.map((r) => (r.rule === 'S01' ? { ...r, status: 'could-not-run' as const, reason: 'no rights to read the load script' } : r)),
    };
    const log = toSarif({ ...input, result: notRun });
    expect(sarifValidator()(log)).toBe(true);
    const texts = log.runs[0].invocations?.[0].toolExecutionNotifications?.map((n) => n.message.text) ?? [];
    expect(texts).toContain('S01 script-syntax-error could not run: no rights to read the load script');
  });
});

describe('CSV export', () => {
  const csv = render('csv');

  it('starts with a UTF-8 byte-order mark and has one row per finding, hidden ones marked', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).startsWith('severity,rule,rule_name,category,message,')).toBe(true);
    expect(csv).toContain(',yes,'); // the hidden one
    expect(csv).toContain('مبيعات <b>');
  });

  it('quotes hostile text so it stays in its cell, and keeps formulas from running', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    // parse it back with a minimal RFC 4180 reader: the hostile message survives as one cell
    const rows = parseCsv(csv.slice(1));
    const header = rows[0];
    expect(rows.slice(1).every((r) => r.length === header.length)).toBe(true);
    const hostileRow = rows.find((r) => r[header.indexOf('target_id')] === 'obj<1>');
    expect(hostileRow?.[header.indexOf('message')]).toBe(HOSTILE);
    expect(hostileRow?.[header.indexOf('expression')]).toBe("'=Sum([<script>alert(1)</script>])");
    expect(rows.length - 1).toBe(seeded.findings.length + 1);
  });
});

describe('HTML export', () => {
  const html = render('html');

  it('is one self-contained file: no script, no remote asset, a CSP that forbids loading anything', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script/i);
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\s(on[a-z]+|src|href|srcset|poster|action)\s*=/i.test(t))).toEqual([]); // no handler, no resource
    expect(tags.filter((t) => /^<(img|link|iframe|object|embed|video|audio|base|form)\b/i.test(t))).toEqual([]);
    const css = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    expect(css).not.toMatch(/url\(|@import|https?:/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toMatch(/@media print/);
  });

  it('escapes every piece of app text and marks hidden findings', () => {
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>app</b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<mark>[&lt;script&gt;alert(1)&lt;/script&gt;]</mark>');
    expect(html).toMatch(/Hidden findings \(1\)/);
    expect(html).toContain('<span class="tag">hidden</span>');
    expect(html).toContain('DROP FIELDS [Comment];');
  });

  it('links rule docs only when a docs address is given', () => {
    expect(render('html', { docsBaseUrl: 'https://example.org/docs/rules' })).toContain('<a href="https://example.org/docs/rules/unknown-field.md">');
  });
});

describe('Markdown export', () => {
  const md = render('markdown');

  it('has the counts, the top findings worst first and the DROP FIELDS statement, without links', () => {
    expect(md).toMatch(/\*\*Score \d+\/100\*\* · \d+ errors · \d+ warnings · \d+ info · 1 hidden/);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));
    expect(rows[0]).toMatch(/^\| Error \|/);
    expect(md).toContain('DROP FIELDS [Comment];');
    expect(md).toMatch(/\*\*Hidden by the user \(1\), not counted above:\*\*\n\n\| Severity .*\n.*\n\| Info \| D08 missing-object-title \| object hid-1 \| Hidden one \|/);
    expect(md).not.toMatch(/(?<!\\)\](?=\()/); // no link at all: every ] before a ( is escaped
    const outsideCode = md.replace(/```[^]*?```/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)<(img|b)\b/);
  });

  it('keeps hostile text inside its table cell, on one line, without opening links or HTML', () => {
    const line = md.split('\n').find((l) => l.includes('obj\\<1\\>'));
    expect(line).toBeDefined();
    expect(line?.split(/(?<!\\)\|/).length).toBe(6); // 4 cells between 5 pipes
    expect(escapeMarkdown('[x](javascript:alert(1))')).toBe('\\[x\\](javascript:alert(1))'); // no link without its brackets
    expect(escapeMarkdown('see https://evil.example')).toBe('see https\\://evil.example');
  });

  it('caps the table and says how many more there are, and tells what changed when given a comparison', () => {
    const short = renderMarkdown(input, { top: 1 });
    expect(short).toMatch(/… and \d+ more findings/);
    const withChange = render('markdown', { comparison: compareAnalyses({ result }, { result: seeded }) });
    expect(withChange).toMatch(/\*\*Since the previous analysis:\*\* 1 new error since /);
  });
});

describe('JSON export', () => {
  it('is the versioned contract, with hidden findings marked and every not-run reason', () => {
    const doc = JSON.parse(render('json')) as ReturnType<typeof toJsonExport>;
    expect(doc).toMatchObject({ format: 'qlarity-analysis', schemaVersion: 1, app: result.app, source: { host: 'acme.eu.qlikcloud.com', connectionMode: 'session' } });
    expect(doc.findings.filter((f) => f.hidden).map((f) => f.id)).toEqual([hidden.id]);
    expect(doc.summary.hidden).toBe(1);
    expect(new Set(doc.findings.map((f) => f.fingerprint)).size).toBe(doc.findings.length);
    expect(doc.notRun.map((r) => r.kind)).toEqual(expect.arrayContaining(doc.rules.filter((r) => r.status === 'could-not-run').map(() => 'rule-could-not-run')));
  });

  it('reads back into the same analysis (for imports)', () => {
    const back = parseJsonExport(render('json'));
    expect(back.result.findings.map((f) => f.id).sort()).toEqual(seeded.findings.map((f) => f.id).sort());
    expect(back.result.suppressedFindings.map((f) => f.id)).toEqual([hidden.id]);
    expect(back.result.score).toEqual(seeded.score);
    expect(back.metrics).toEqual(input.metrics);
    expect(back.source.connectionMode).toBe('session');
  });

  it('imports an export written when collection issues named parts the old way (evaluations, expressionChecks …)', () => {
    const doc = JSON.parse(render('json')) as { metrics: { notCollected?: { part: string; code: string; message: string }[] } };
    doc.metrics.notCollected = [
      { part: 'evaluations', code: 'HTTP_403', message: 'forbidden' },
      { part: 'expressionChecks', code: 'ENGINE_-128', message: 'failed' },
    ];
    const back = parseJsonExport(JSON.stringify(doc));
    expect(back.metrics.notCollected?.map((i) => i.part)).toEqual(['evaluation', 'expressions']);
  });

  it("checks each rule summary of an imported file against its rule's contract: a retired field is dropped, a damaged summary too, the analysis still opens", () => {
    const doc = JSON.parse(render('json')) as { rules: Array<{ rule: string; data?: Record<string, unknown> }> };
    const r01 = doc.rules.find((r) => r.rule === 'R01');
    if (!r01?.data) throw new Error('the seeded analysis has no R01 summary');
    const kept = { ...r01.data };
    const retired = JSON.stringify({ ...doc, rules: doc.rules.map((r) => (r === r01 ? { ...r, data: { ...kept, dropStatementAll: 'DROP FIELDS [X];' } } : r)) });
    expect(parseJsonExport(retired).result.rules.find((r) => r.rule === 'R01')?.data).toEqual(kept);
    const damaged = JSON.stringify({ ...doc, rules: doc.rules.map((r) => (r === r01 ? { ...r, data: { fieldCount: 'many' } } : r)) });
    const back = parseJsonExport(damaged);
    expect(back.result.rules.find((r) => r.rule === 'R01')?.data).toBeUndefined();
    expect(back.result.findings.length).toBeGreaterThan(0);
  });

  it('refuses text that is not JSON, foreign JSON, a newer version and a damaged export, with a clear message', () => {
    expect(() => parseJsonExport('not json')).toThrow(ImportError);
    expect(() => parseJsonExport('not json')).toThrow(/not JSON/);
    expect(() => parseJsonExport('{"version":"2.1.0","runs":[]}')).toThrow(/not a Qlarity analysis export/);
    expect(() => parseJsonExport('[1,2]')).toThrow(/not a Qlarity analysis export/);
    const doc = JSON.parse(render('json')) as Record<string, unknown>;
    expect(() => parseJsonExport(JSON.stringify({ ...doc, schemaVersion: 2 }))).toThrow(/newer Qlarity/);
    expect(() => parseJsonExport(JSON.stringify({ ...doc, findings: [{ rule: 'Q01' }] }))).toThrow(/damaged or incomplete: findings\.0/);
    expect(() => parseJsonExport(JSON.stringify({ ...doc, analysedAt: 'yesterday' }))).toThrow(/analysis time/);
  });
});

describe('DROP FIELDS export', () => {
  it('drops the high-confidence unused fields, leaves out hidden ones and keeps hostile names inside brackets and comments', () => {
    const plain = render('drop-fields');
    expect(plain.startsWith('// Unused fields of ')).toBe(true);
    expect(plain.endsWith('\nDROP FIELDS [Comment];\n')).toBe(true);
    const evil = 'A]; DROP TABLE x; //\nB';
    const r01 = (id: string, confidence: string): Finding =>
      finding({ rule: 'R01', name: 'unused-field', severity: 'warning', category: 'resource', target: { kind: 'field', id }, data: { confidence } });
    const own: AnalysisResult = { ...seeded, app: { id: 'a', name: 'x\n*/ DROP FIELD y' }, findings: [r01(evil, 'high'), r01('Maybe', 'medium')], suppressedFindings: [r01('Kept', 'high')] };
    const out = render('drop-fields', { result: own });
    const comments = out.slice(0, out.indexOf('DROP FIELDS ['));
    expect(comments.trimEnd().split('\n').every((l) => l.startsWith('// '))).toBe(true);
    expect(out).toContain('DROP FIELDS [A]]; DROP TABLE x; //\nB];');
    expect(out).toMatch(/Check first \(medium confidence, not in the statement\): \[Maybe\]/);
    expect(out).toMatch(/Hidden by you, left out: \[Kept\]/);
  });
});

describe('every export', () => {
  it('names its file safely and never carries credential fields', () => {
    const secretFinding = finding({ rule: 'S07', name: 'hard-coded-connection', severity: 'warning', category: 'script', target: { kind: 'script', id: 'script' }, data: { line: 3, password: 'hunter2', nested: { apiKey: 'sk-123', accessToken: 'tok-456' }, cookie: 'sid=789' } });
    const withSecrets: ExportInput = { ...input, result: { ...seeded, findings: [...seeded.findings, secretFinding] } };
    for (const format of EXPORT_FORMATS) {
      const out = renderExport(format, withSecrets);
      for (const secret of ['hunter2', 'sk-123', 'tok-456', 'sid=789']) expect(out.content, `${format} carries ${secret}`).not.toContain(secret);
      expect(out.fileName).toMatch(/^qlarity-[\w.-]+-2\d{3}-\d\d-\d\dT\d\d-\d\d\.[a-z]+$/);
    }
    expect(exportFileName({ result: { ...seeded, app: { id: 'x', name: '../../etc/passwd' } } }, 'json')).toMatch(/^qlarity-etc-passwd-/);
  });

  it('redacts a password quoted in a finding stored before the analysis redacted its findings', () => {
    const quoted = 'LIB CONNECT TO [ODBC CONNECT TO Sales (XUserId is admin, XPassword is s3cr3t-pw)]; // https://bob:hunter3@db.example.com/x?api_key=AKIA42';
    const older = finding({ rule: 'S07', name: 'hard-coded-connection', severity: 'warning', category: 'script', target: { kind: 'script', id: 'script' }, message: `Hard-coded connection: ${quoted}`, data: { statement: quoted } });
    const withOlder: ExportInput = { ...input, result: { ...seeded, findings: [...seeded.findings, older] } };
    for (const format of EXPORT_FORMATS) {
      const out = renderExport(format, withOlder).content;
      for (const secret of ['s3cr3t-pw', 'hunter3', 'AKIA42']) expect(out, `${format} carries ${secret}`).not.toContain(secret);
    }
  });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\r' && text[i + 1] === '\n') {
      endCell();
      rows.push(row);
      row = [];
      i++;
    } else cell += c;
  }
  return rows;
}
