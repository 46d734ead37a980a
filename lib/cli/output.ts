// The CLI's result: a stable JSON contract (documented in the README, "CLI JSON output") built
// from the AnalysisResult and the snapshot, its text rendering, and the exit code for CI gates. Pure.
import { type AnalysisResult } from '../analyze/result';
import { type Severity } from '../analyze/severity';
import { SEVERITIES, bySeverity } from '../analyze/severity-order';
import { formatMs } from '../format/numbers';
import { fingerprintAll } from '../export/fingerprint';
import { sourcePlaces } from '../export/source-places';
import type { AppSnapshot } from '../snapshot/schema';
import { type SnapshotSummary, summarizeSnapshot } from '../snapshot/summary';
import type { FailOn } from './args';
import { terminalSafe } from './terminal-safe';
import { SEVERITY_LETTER } from '../report/labels';

export const CLI_OUTPUT_VERSION = 1;

type Counts = Record<Severity, number>;

export interface CliFinding {
  /** stable across runs while the finding is about the same thing (lib/export/fingerprint.ts): what baselines and `compare` match on */
  fingerprint: string;
  /** with --baseline: the baseline does not hold this finding */
  new?: boolean;
  rule: string;
  name: string;
  severity: Severity;
  category: string;
  message: string;
  target: { kind: string; id: string; name?: string; sheetId?: string };
  path?: string;
  expression?: { text: string; from: number; to: number };
  /** an app folder analysis (`--folder`): the file of the folder, relative to the repository root, and the line */
  source?: { file: string; line: number };
}

export interface CliError {
  /** collection: a part of the app not collected; rule-error: a rule threw; rule-could-not-run: its data is missing; config; rules-unavailable */
  kind: 'collection' | 'rule-error' | 'rule-could-not-run' | 'config' | 'rules-unavailable';
  message: string;
  rule?: string;
  part?: string;
  objectId?: string;
  code?: string;
}

export interface CliOutput {
  schemaVersion: number;
  app: { id: string; name: string };
  summary: { bySeverity: Counts; byCategory: Record<string, Counts> };
  findings: CliFinding[];
  errors: CliError[];
  /** present when the rules could not be loaded: what was collected */
  snapshotSummary?: SnapshotSummary;
  /** with --baseline: how many findings it already held and how many are new */
  baseline?: { file: string; known: number; new: number };
}

const zero = (): Counts => ({ error: 0, warning: 0, info: 0 });

export function toCliOutput(snapshot: AppSnapshot, result: AnalysisResult | undefined, rulesError?: string): CliOutput {
  const collectionErrors: CliError[] = snapshot.collectionIssues.map((i) => ({
    kind: 'collection',
    message: i.message,
    part: i.part,
    code: i.code,
    ...(i.objectId !== undefined ? { objectId: i.objectId } : {}),
  }));
  const app = { id: snapshot.app.id, name: snapshot.app.name };
  if (!result) {
    return {
      schemaVersion: CLI_OUTPUT_VERSION,
      app,
      summary: { bySeverity: zero(), byCategory: {} },
      findings: [],
      errors: [{ kind: 'rules-unavailable', message: `Rules are not available: ${rulesError ?? 'lib/analyze is missing'}` }, ...collectionErrors],
      snapshotSummary: summarizeSnapshot(snapshot),
    };
  }
  // over the hidden findings too, as the exports number them: a saved --format json result is a baseline
  const prints = fingerprintAll([...result.findings, ...result.suppressedFindings]);
  const placeOf = snapshot.sources ? sourcePlaces(snapshot.sources) : () => undefined;
  const findings: CliFinding[] = result.findings.map((f) => ({
    fingerprint: prints.get(f) ?? f.id,
    rule: f.rule,
    name: f.name,
    severity: f.severity,
    category: f.category,
    message: f.message,
    target: {
      kind: f.target.kind,
      id: f.target.id,
      ...(f.target.name !== undefined ? { name: f.target.name } : {}),
      ...(f.target.sheet ? { sheetId: f.target.sheet.id } : {}),
    },
    ...(f.path !== undefined ? { path: f.path } : {}),
    ...(f.expression ? { expression: f.expression } : {}),
    ...sourceOf(placeOf(f)),
  }));
  const byCategory: Record<string, Counts> = {};
  for (const [category, counts] of Object.entries(result.summary.byCategory)) if (counts) byCategory[category] = { ...counts };
  const ruleErrors: CliError[] = result.rules.flatMap((r): CliError[] =>
    r.status === 'error'
      ? [{ kind: 'rule-error', rule: r.rule, message: `${r.rule} ${r.name} failed: ${r.reason ?? 'unknown error'}` }]
      : r.status === 'could-not-run'
        ? [{ kind: 'rule-could-not-run', rule: r.rule, message: `${r.rule} ${r.name} could not run: ${r.reason ?? 'data missing'}` }]
        : [],
  );
  const configErrors: CliError[] = result.configIssues.map((c) => ({ kind: 'config', message: `${c.path}: ${c.message}` }));
  return {
    schemaVersion: CLI_OUTPUT_VERSION,
    app,
    summary: { bySeverity: { ...result.summary.bySeverity }, byCategory },
    findings,
    errors: [...ruleErrors, ...collectionErrors, ...configErrors],
  };
}

function sourceOf(place: { path: string; startLine: number } | undefined): Pick<CliFinding, 'source'> {
  return place ? { source: { file: place.path, line: place.startLine } } : {};
}

/** 1 when a finding at or above `failOn` exists, else 0. */
export function exitCodeFor(output: { findings: readonly { severity: Severity }[] }, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  return output.findings.some((f) => bySeverity(f.severity, failOn) <= 0) ? 1 : 0;
}

/** Human-readable findings; every piece of app content passes through terminalSafe (hostile titles cannot drive the terminal). */
export function formatText(output: CliOutput): string {
  const lines: string[] = [];
  const s = output.summary.bySeverity;
  const safe = terminalSafe;
  lines.push(`${safe(output.app.name)} (${safe(output.app.id)})`);
  if (output.snapshotSummary) {
    const n = output.snapshotSummary;
    lines.push(
      `Collected: ${n.sheets} sheets, ${n.objects} objects, ${n.expressions} expressions (${n.uniqueExpressions} unique; engine: ${n.engineSyntaxErrors} syntax errors, ${n.engineBadFieldNames} with unknown fields), ` +
        `${n.masterMeasures} master measures, ${n.masterDimensions} master dimensions, ${n.masterVisualizations} master visualizations, ${n.variables} variables, ${n.bookmarks} bookmarks, ` +
        `${n.tables} tables, ${n.fields} fields${n.syntheticTables ? ` (${n.syntheticTables} synthetic tables)` : ''}, script ${n.scriptReadable ? `readable (${n.scriptSyntaxErrors} syntax errors)` : 'not readable'}` +
        (n.appOpenMs !== undefined ? `, app open ${formatMs(n.appOpenMs)}` : '') +
        (n.slowestObject ? `, slowest object ${safe(n.slowestObject.id)} ${formatMs(n.slowestObject.firstMs)}` : '') +
        '.',
    );
  } else {
    lines.push(`${s.error} errors, ${s.warning} warnings, ${s.info} info`);
  }
  if (output.baseline) lines.push(`Against the baseline ${safe(output.baseline.file)}: ${output.baseline.new} new (marked +), ${output.baseline.known} known.`);
  for (const severity of SEVERITIES) {
    for (const f of output.findings.filter((x) => x.severity === severity)) {
      const where = `${f.target.kind} ${f.target.name ? `"${safe(f.target.name)}" ` : ''}(${safe(f.target.id)})${f.target.sheetId ? ` on sheet ${safe(f.target.sheetId)}` : ''}`;
      const file = f.source ? ` [${safe(`${f.source.file}:${f.source.line}`)}]` : '';
      lines.push(`${f.new ? '+' : ''}${SEVERITY_LETTER[severity]} ${f.rule} ${f.name}  ${where}${file}: ${safe(f.message)}`);
    }
  }
  if (output.errors.length) {
    lines.push('', 'Not analysed / problems:');
    for (const e of output.errors) lines.push(`  - [${e.kind}] ${safe(e.message)}`);
  }
  return lines.join('\n') + '\n';
}
