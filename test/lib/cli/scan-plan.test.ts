// The pure parts of a scan: which apps to open, the analyzer-capacity estimate (Qlik help "Analyzer
// Capacity license": six-minute units per opened app), the --yes guard, the summary table, and the
// pacing of REST calls to Qlik Cloud's Tier 1 limit (qlik.dev/apis/rest/rate-limiting).
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../lib/cli/progress';
import { TIER1_PER_MINUTE, createPacer } from '../../../lib/cli/rest-pacer';
import { confirmation, estimateText, formatBytes, formatSummaryTable, planScan, type ScanApp } from '../../../lib/cli/scan-plan';

const app = (id: string, lastReloadTime?: string, modifiedDate?: string): ScanApp => ({ id, name: `App ${id}`, spaceId: 'sp', ...(lastReloadTime ? { lastReloadTime } : {}), ...(modifiedDate ? { modifiedDate } : {}) });
const at = (iso: string) => Date.parse(iso);

describe('planScan', () => {
  const apps = [
    app('new'), // never saved
    app('unchanged', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'),
    app('reloaded', '2026-02-01T00:00:00Z', '2026-01-02T00:00:00Z'),
    app('edited', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'),
    app('no-dates'),
  ];
  const saved = new Map(['unchanged', 'reloaded', 'edited', 'no-dates'].map((id) => [id, at('2026-01-15T00:00:00Z')]));

  it('skips an app only when its last reload and last modification are both older than its saved result', () => {
    const plan = planScan(apps, saved, { resume: false, force: false });
    expect(plan.open.map((a) => a.id)).toEqual(['new', 'reloaded', 'edited', 'no-dates']);
    expect(plan.skipped).toEqual([{ app: apps[1], reason: 'unchanged' }]);
  });
  it('--force opens every app; --resume keeps every saved result', () => {
    expect(planScan(apps, saved, { resume: false, force: true }).open).toHaveLength(5);
    const resumed = planScan(apps, saved, { resume: true, force: false });
    expect(resumed.open.map((a) => a.id)).toEqual(['new']);
    expect(resumed.skipped.map((s) => s.reason)).toEqual(['resume', 'resume', 'resume', 'resume']);
  });
});

describe('the estimate before any app is opened', () => {
  it('counts the apps to open in six-minute analyzer-capacity units and names the skipped ones', () => {
    const text = estimateText({ open: [app('a'), app('b')], skipped: [{ app: app('c'), reason: 'unchanged' }, { app: app('d'), reason: 'resume' }] }, 4);
    expect(text).toBe(
      'Scan: 4 apps listed, 2 apps to open, 1 unchanged since their saved result, 1 already written (--resume) skipped.\n' +
        'On an analyzer-capacity subscription, opening an app counts like opening it in the Qlik client: at least one six-minute unit per app for the scanning user, so this scan uses at least 2 units (12 minutes of analyzer capacity). ' +
        'See "Analyzer Capacity license": https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/Introduction/analyzer-capacity-consumption.htm',
    );
    expect(estimateText({ open: [app('a')], skipped: [] }, 1)).toContain('at least 1 unit (6 minutes');
    expect(estimateText({ open: [], skipped: [] }, 0)).toContain('Nothing to open.');
  });
  it('over the threshold: --yes goes, a terminal asks, a pipeline refuses', () => {
    expect(confirmation(25, 25, false, false)).toBe('go');
    expect(confirmation(26, 25, false, false)).toBe('refuse');
    expect(confirmation(26, 25, false, true)).toBe('ask');
    expect(confirmation(26, 25, true, false)).toBe('go');
  });
});

describe('the summary table', () => {
  it('lists app, space, score, errors, warnings, memory, unused memory and status, aligned', () => {
    const table = formatSummaryTable([
      { app: app('a1'), status: 'analysed', score: 81.6, errors: 2, warnings: 10, memoryBytes: 123_456_789, unusedBytes: 4_500 },
      { app: { id: 'b2', name: 'Bad\u001b[31m red' }, status: 'failed', reason: 'engine closed 4203' },
    ]);
    const lines = table.trimEnd().split('\n');
    expect(lines).toEqual([
      'app                   space  score  errors  warnings   memory  unused memory  status',
      '--------------------  -----  -----  ------  --------  -------  -------------  --------------------------',
      'App a1 (a1)           sp        82       2        10  118 MiB        4.4 KiB  ok',
      'Bad\\x1b[31m red (b2)  -          -       -         -        -              -  failed: engine closed 4203',
    ]);
  });
  it('formats bytes in binary units, as the findings and the views (lib/format/bytes.ts)', () => {
    expect([undefined, 0, 999, 1500, 2_000_000, 3.2e9].map(formatBytes)).toEqual(['-', '0 B', '999 B', '1.5 KiB', '1.9 MiB', '3.0 GiB']);
  });
});

describe('REST pacing', () => {
  it('lets a minute of Tier 1 requests through at once, then one per 60 ms', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = createPacer(TIER1_PER_MINUTE, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    for (let i = 0; i < TIER1_PER_MINUTE; i++) await pacer.take();
    expect(waits).toEqual([]);
    await pacer.take();
    await pacer.take();
    expect(waits).toEqual([60, 60]);
    expect(now).toBe(120);
  });
});

describe('scan progress on stderr', () => {
  it('redraws one bar in place on a terminal, and writes one plain line per app otherwise', () => {
    let tty = '';
    const bar = createProgress(4, (t) => (tty += t), true, false);
    bar.done('A', 'score 90, 0 errors, 1 warnings');
    bar.done('B', 'failed: engine closed');
    bar.end();
    expect(tty.split('\r').filter(Boolean)).toEqual([
      '[..............................] 0/4 apps',
      '[########......................] 1/4 apps',
      '[###############...............] 2/4 apps, 1 failed\n',
    ]);
    let plain = '';
    const lines = createProgress(2, (t) => (plain += t), false, false);
    lines.done('Sales \u001b[2J', 'score 90, 0 errors, 1 warnings');
    lines.end();
    expect(plain).toBe('[1/2] Sales \\x1b[2J: score 90, 0 errors, 1 warnings\n');
    let quiet = '';
    createProgress(2, (t) => (quiet += t), true, true).done('A', 'ok');
    expect(quiet).toBe('');
  });
});
