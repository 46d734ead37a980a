import { describe, expect, it } from 'vitest';
import { fieldRows, keyGraph, shortLabel, tableRows } from '../../../lib/report/data-model';
import { expressionRows } from '../../../lib/report/expressions';
import { lastReloads, logWarnings, scriptTabs, statementRows } from '../../../lib/report/script';
import { sheetRows } from '../../../lib/report/sheets';
import { analysisIndexOf, bookmarkRows, masterItemUsage, usageOf, variableUsage } from '../../../lib/report/usage';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { app } from '../../fixtures/builders';
import { analysedSalesApp } from './fixtures';

const { snapshot, result } = analysedSalesApp();
const usage = usageOf(snapshot);
if (usage instanceof Error) throw usage;

describe('data model rows', () => {
  it('lists tables and fields with rows, distinct values, bytes, key type and use', () => {
    const model = snapshot.dataModel!;
    expect(tableRows(model).map((t) => [t.name, t.rows, t.fieldCount, t.bytes])).toEqual([
      ['Orders', 5000, 5, 900_000],
      ['Customers', 200, 2, 20_000],
    ]);
    const fields = new Map(fieldRows(model, usage).map((f) => [f.name, f]));
    expect(fields.get('CustomerID')).toMatchObject({ keyType: 'ANY_KEY', tables: ['Orders', 'Customers'], rows: 5000, used: true });
    expect(fields.get('Comment')).toMatchObject({ keyType: 'NOT_KEY', bytes: 250_000, used: false, uses: [] });
    const sales = fields.get('Sales')!;
    expect(sales.used).toBe(true);
    expect(sales.uses.map((u) => u.target.id)).toEqual(expect.arrayContaining(['chart-1', 'mm-1']));
  });

  it('leaves "used" unknown when usage could not be worked out', () => {
    expect(fieldRows(snapshot.dataModel!, undefined)[0].used).toBeUndefined();
  });

  it('lays out the key graph the same way every time, one edge per linked pair, inside its bounds', () => {
    const first = keyGraph(snapshot.dataModel!);
    expect(keyGraph(snapshot.dataModel!)).toEqual(first);
    expect(first.nodes.map((n) => n.name)).toEqual(['Customers', 'Orders']);
    expect(first.edges).toEqual([expect.objectContaining({ from: 'Customers', to: 'Orders', fields: ['CustomerID'] })]);
    expect(first.edges[0].points.length).toBeGreaterThanOrEqual(2);
    for (const node of first.nodes) {
      expect(node.x - node.width / 2).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width / 2).toBeLessThanOrEqual(first.width);
      expect(node.y + first.nodeHeight / 2).toBeLessThanOrEqual(first.height);
    }
  });

  it('never overlaps two boxes, with many linked tables and long names, and sizes each box to its label', () => {
    const builder = app();
    for (let i = 0; i < 30; i++) builder.table(`${i % 3 === 0 ? 'A rather long fact table name number ' : 'T'}${String(i).padStart(2, '0')}`, { fields: [i % 2 ? 'Key' : 'OtherKey', `F${i}`, 'Key'] });
    const graph = keyGraph(builder.build().dataModel!);
    expect(graph.nodes).toHaveLength(30);
    const h = graph.nodeHeight;
    for (let i = 0; i < graph.nodes.length; i++) {
      for (let j = i + 1; j < graph.nodes.length; j++) {
        const a = graph.nodes[i];
        const b = graph.nodes[j];
        const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= h;
        expect(apart, `${a.name} overlaps ${b.name}`).toBe(true);
      }
    }
    const long = graph.nodes.find((n) => n.name.startsWith('A rather'))!;
    const short = graph.nodes.find((n) => n.name === 'T01')!;
    expect(long.label.endsWith('…')).toBe(true);
    expect(long.width).toBeGreaterThan(short.width);
  });

  it('shortens long names by code points, never splitting a surrogate pair', () => {
    expect(shortLabel('short')).toBe('short');
    const label = shortLabel('😀'.repeat(20), 5);
    expect(label).toBe('😀😀😀😀…');
  });
});

describe('usage rows', () => {
  it('counts variable and master item uses and where they are', () => {
    const variables = new Map(variableUsage(snapshot, usage).map((v) => [v.name, v]));
    expect(variables.get('vUnused')?.uses).toEqual([]);
    const masters = masterItemUsage(snapshot, usage);
    expect(masters.measures[0]).toMatchObject({ key: 'mm-1', name: 'Total sales', detail: 'Sum(Sales)' });
  });

  it('lists bookmark fields and the ones the model lacks', () => {
    expect(bookmarkRows(snapshot)).toEqual([{ id: 'bm-1', title: 'East only', fields: ['Region', 'Gone'], unknownFields: ['Gone'] }]);
  });
});

describe('sheet rows', () => {
  it('lists each sheet with its objects, timings and findings', () => {
    const sheets = sheetRows(snapshot, result.findings);
    expect(sheets.map((s) => [s.id, s.objects.map((o) => o.id), s.totalMs])).toEqual([
      ['sheet-1', ['chart-1', 'kpi-1'], 1500],
      ['sheet-2', ['table-1'], 4500],
    ]);
    const kpi = sheets[0].objects.find((o) => o.id === 'kpi-1')!;
    expect(kpi.findings.some((f) => f.rule === 'Q02')).toBe(true);
    expect(sheets.map((s) => s.findingCounts)).toEqual([
      { error: 1, warning: 1, info: 0 }, // Q02 on the KPI, P01 on the 1.2 s chart
      { error: 0, warning: 2, info: 0 }, // P01 and P02: the 4.5 s table alone is the sheet
    ]);
  });

  it('survives an object tree that points back at itself', () => {
    const looped: AppSnapshot = {
      ...snapshot,
      objects: snapshot.objects.map((o) => (o.id === 'chart-1' ? { ...o, childIds: ['chart-1', 'kpi-1'] } : o)),
    };
    const rows = sheetRows(looped, []);
    expect(rows[0].objects.map((o) => o.id)).toEqual(['chart-1', 'kpi-1']);
  });
});

describe('expression rows', () => {
  it('gives each expression its place, status and references', () => {
    const rows = expressionRows(snapshot, analysisIndexOf(snapshot), result.findings);
    const broken = rows.find((r) => r.text === 'Sum([No Such Field])')!;
    expect(broken).toMatchObject({ where: 'measure 1', status: 'error', fields: ['No Such Field'] });
    expect(broken.owner).toMatchObject({ kind: 'object', id: 'kpi-1', name: 'Broken' });
    expect(broken.findings.map((f) => f.rule)).toContain('Q02');
    const fine = rows.find((r) => r.text === 'Sum(Sales)' && r.owner.id === 'chart-1')!;
    expect(fine.status).toBe('unchecked');
    expect(fine.fields).toEqual(['Sales']);
  });

  it('marks an expression the engine rejected as an error with its message', () => {
    const withCheck: AppSnapshot = {
      ...snapshot,
      expressions: snapshot.expressions.map((e) => (e.text === 'Count(OrderID)' ? { ...e, check: { errorMsg: 'Bad syntax', badFieldNames: [], dangerousFieldNames: [] } } : e)),
    };
    const row = expressionRows(withCheck, analysisIndexOf(withCheck), []).find((r) => r.text === 'Count(OrderID)');
    expect(row).toMatchObject({ status: 'error', engineError: 'Bad syntax' });
  });
});

describe('script rows', () => {
  it('splits the script into tabs and marks a syntax error at its text position', () => {
    const text = '///$tab Main\nLET a = 1;\n///$tab Load\nLOAD x\nFROM y;\n';
    const pos = text.indexOf('FROM');
    const tabs = scriptTabs({ text, tabs: ['Main', 'Load'], syntaxErrors: [{ qTextPos: pos, qErrLen: 4 }, { qTextPos: 0, qSecondaryFailure: true }] });
    expect(tabs.map((t) => [t.name, t.lines.length, t.errorCount])).toEqual([
      ['Main', 1, 0],
      ['Load', 3, 1],
    ]);
    expect(tabs[1].lines[1]).toEqual({ number: 2, text: 'FROM y;', error: { from: 0, to: 4 } });
  });

  it('marks the whole line when the engine gives a tab and line but no text position', () => {
    const tabs = scriptTabs({ text: '///$tab A\nok;\n///$tab B\nfine;\nbroken here', tabs: ['A', 'B'], syntaxErrors: [{ qTabIx: 1, qLineInTab: 1 }] });
    expect(tabs[1].lines[1]).toEqual({ number: 2, text: 'broken here', error: { from: 0, to: 11 } });
    expect(tabs[0].errorCount).toBe(0);
  });

  it('puts a script without tab markers in one tab named after the first tab', () => {
    expect(scriptTabs({ text: 'LOAD 1;', tabs: ['Start'] })).toEqual([{ name: 'Start', lines: [{ number: 1, text: 'LOAD 1;' }], errorCount: 0 }]);
  });

  it('lists reload statements, last reloads and the warning lines of the log', () => {
    const withReloads: AppSnapshot = {
      ...snapshot,
      reloads: {
        reloads: [{ id: 'r1', status: 'SUCCEEDED', durationMs: 5000 }],
        metadata: [{ reloadId: 'r1', statements: [{ label: 'Orders', nbrOfRows: 5000, duration: 1200 }, { tableName: 'Customers', duration: 30 }] }],
        lastLog: { reloadId: 'r1', text: 'Started\nSynthetic key created\nFine line\nError: file not found', truncated: false },
      },
    };
    expect(statementRows(withReloads).map((s) => [s.label, s.durationMs, s.rows])).toEqual([
      ['Orders', 1200, 5000],
      ['Customers', 30, undefined],
    ]);
    expect(lastReloads(withReloads).map((r) => r.id)).toEqual(['r1']);
    expect(logWarnings(withReloads)).toEqual([
      { line: 2, text: 'Synthetic key created', level: 'warning' },
      { line: 4, text: 'Error: file not found', level: 'error' },
    ]);
  });

  it('shows no credentials in the script or the log lines (lib/snapshot/redact-secrets.ts)', () => {
    const script = { text: '///$tab Main\nODBC CONNECT TO [DSN=x;PWD=Hunter2!;Database=y]; LOAD 1 FRO;', tabs: ['Main'], syntaxErrors: [{ qErrLen: 3, qTabIx: 0, qLineInTab: 0, qColInLine: 0, qTextPos: 13 + 46, qSecondaryFailure: false }] };
    const [tab] = scriptTabs(script);
    expect(tab?.lines[0]?.text).toBe('ODBC CONNECT TO [DSN=x;PWD=***;Database=y]; LOAD 1 FRO;');
    const line = tab?.lines[0];
    expect(line?.error && line.text.slice(line.error.from, line.error.to)).toBeTruthy(); // the mark stays inside the shorter text
    const withLog: AppSnapshot = { ...snapshot, reloads: { reloads: [], metadata: [], lastLog: { reloadId: 'r1', text: 'Error: connect to https://etl:Hunter2!@files.example.com failed', truncated: false } } };
    expect(logWarnings(withLog)).toEqual([{ line: 1, text: 'Error: connect to https://etl:***@files.example.com failed', level: 'error' }]);
  });
});

describe('reload statuses', () => {
  it('are said in words, and an unknown one as it came', async () => {
    const { reloadStatusWords } = await import('../../../lib/report/script');
    expect(['SUCCEEDED', 'FAILED', 'EXCEEDED_LIMIT', 'canceled', 'SOMETHING_NEW'].map(reloadStatusWords)).toEqual([
      'Succeeded',
      'Failed',
      'Stopped: a limit was exceeded',
      'Cancelled',
      'SOMETHING_NEW',
    ]);
  });
});
