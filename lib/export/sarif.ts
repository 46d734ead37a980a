// The SARIF 2.1.0 export (OASIS Static Analysis Results Interchange Format) for code-scanning
// dashboards: one run, the rules with their help text, one result per finding with its stable
// fingerprint in `partialFingerprints`, hidden findings as accepted suppressions, and every
// "could not run" reason as a tool execution notification. Types from @types/sarif; a test
// validates the output against the OASIS schema. An app folder analysis (input `sources`) points
// each result at the file of the folder its item was read from, relative to %SRCROOT% (the
// repository root, which GitHub code scanning resolves relative paths against), so the dashboard
// annotates the real file; otherwise at a stand-in artifact `qlik-app/<id>`.
// Spec: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
import type * as Sarif from 'sarif';
import type { Finding } from '../analyze/result';
import type { Severity } from '../analyze/severity';
import type { RuleDoc } from '../report/rule-docs';
import { exportedAtOf, exportedFindings, notRunReasons, ruleDocUrl, type ExportInput } from './input';
import { rulesOf } from './rules-of';
import { scriptLineOf } from '../analyze/script-line';
import { sourcePlaces, type RepositoryPlace } from './source-places';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** the key of Qlarity's fingerprint in `partialFingerprints`; the suffix is the fingerprint version */
export const SARIF_FINGERPRINT_KEY = 'qlarityFinding/v1';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', info: 'note' };

function ruleDescriptor(doc: RuleDoc, input: ExportInput): Sarif.ReportingDescriptor {
  const helpUri = ruleDocUrl(input, doc.name);
  const sources = doc.why.sources.map((s) => `- ${s.title}: ${s.url}`).join('\n');
  return {
    id: doc.code,
    name: doc.name,
    shortDescription: { text: doc.summary },
    fullDescription: { text: doc.why.text },
    help: {
      text: `${doc.why.text}\n\nHow to fix: ${doc.howToFix}${sources ? `\n\nSources:\n${sources}` : ''}`,
      markdown: `${doc.why.text}\n\n**How to fix:** ${doc.howToFix}${sources ? `\n\n**Sources:**\n${sources}` : ''}`,
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[doc.severity] },
    properties: { category: doc.category, tags: [doc.category] },
  };
}

export const SRCROOT = '%SRCROOT%';

/** A relative path as a URI reference: each segment percent-encoded. */
const pathUri = (path: string) => path.split('/').map(encodeURIComponent).join('/');

function location(finding: Finding, appUri: string, place: RepositoryPlace | undefined): Sarif.Location {
  const t = finding.target;
  const qualified = [t.sheet ? `sheet:${t.sheet.id}` : undefined, `${t.kind}:${t.id}`, finding.path].filter(Boolean).join('/');
  // Code-scanning dashboards (GitHub: rule GH1003) need a region with a start line on every result.
  // Without a file (an engine analysis) the app is no text file: a script finding's own line when
  // it has one, else line 1 of the stand-in.
  const startLine = place?.startLine ?? scriptLineOf(finding) ?? 1;
  const artifactLocation: Sarif.ArtifactLocation = place ? { uri: pathUri(place.path), uriBaseId: SRCROOT } : { uri: appUri };
  return {
    physicalLocation: { artifactLocation, region: { startLine } },
    logicalLocations: [{ name: t.name ?? t.id, fullyQualifiedName: qualified, kind: t.kind === 'variable' ? 'variable' : 'resource' }],
  };
}

/** The files the results point at, and the stand-in app artifact when a result points at it (or nothing else is there). */
function artifactsOf(locations: Sarif.Location[], app: Sarif.Artifact): Sarif.Artifact[] {
  const files = new Map<string, Sarif.ArtifactLocation>();
  let pointsAtApp = false;
  for (const artifactLocation of locations.map((l) => l.physicalLocation?.artifactLocation)) {
    if (artifactLocation?.uriBaseId && artifactLocation.uri) files.set(artifactLocation.uri, artifactLocation);
    else pointsAtApp = true;
  }
  return [...[...files.values()].map((location) => ({ location })), ...(pointsAtApp || files.size === 0 ? [app] : [])];
}

export function toSarif(input: ExportInput): Sarif.Log {
  const { result } = input;
  const docs = new Map(rulesOf(input).map((r) => [r.code, r]));
  const ruleCodes = [...new Set([...result.rules.map((r) => r.rule), ...result.findings.map((f) => f.rule), ...result.suppressedFindings.map((f) => f.rule)])];
  const rules: Sarif.ReportingDescriptor[] = ruleCodes.map((code) => {
    const doc = docs.get(code);
    if (doc) return ruleDescriptor(doc, input);
    const run = result.rules.find((r) => r.rule === code);
    return { id: code, ...(run ? { name: run.name } : {}) };
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const appUri = `qlik-app/${encodeURIComponent(result.app.id)}`;
  const placeOf = input.sources ? sourcePlaces(input.sources) : () => undefined;
  const results: Sarif.Result[] = exportedFindings(result).map(({ fingerprint, hidden, finding }) => ({
    ruleId: finding.rule,
    ruleIndex: ruleIndex.get(finding.rule),
    level: LEVEL[finding.severity],
    message: { text: finding.message || `${finding.rule} ${finding.name}` },
    locations: [location(finding, appUri, placeOf(finding))],
    partialFingerprints: { [SARIF_FINGERPRINT_KEY]: fingerprint },
    ...(hidden ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: 'Hidden by the user in Qlarity' }] } : {}),
    properties: {
      category: finding.category,
      target: finding.target,
      ...(finding.path !== undefined ? { path: finding.path } : {}),
      ...(finding.expression ? { expression: finding.expression } : {}),
      findingId: finding.id,
    },
  }));
  const notifications: Sarif.Notification[] = notRunReasons(result, input.metrics).map((reason) => ({
    level: reason.kind === 'rule-error' ? 'error' : 'warning',
    message: { text: reason.message },
    ...(reason.rule ? { associatedRule: { id: reason.rule, ...(ruleIndex.has(reason.rule) ? { index: ruleIndex.get(reason.rule) } : {}) } } : {}),
    properties: { kind: reason.kind, ...(reason.part ? { part: reason.part } : {}) },
  }));
  const generator = input.generator ?? { name: 'qlarity', version: '0.0.0' };
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Qlarity', version: generator.version, ...(input.docsBaseUrl ? { informationUri: input.docsBaseUrl } : {}), rules } },
        automationDetails: { id: `qlarity/${result.app.id}/` },
        invocations: [{ executionSuccessful: true, endTimeUtc: validTime(result.analysedAt), toolExecutionNotifications: notifications }],
        ...(input.sources ? { originalUriBaseIds: { [SRCROOT]: { description: { text: 'The root of the repository holding the app folder' } } } } : {}),
        artifacts: artifactsOf(
          results.flatMap((r) => r.locations ?? []),
          { location: { uri: appUri }, description: { text: `Qlik Sense app "${result.app.name}" (${result.app.id})` } },
        ),
        results,
        properties: {
          app: result.app,
          ...(input.source ? { source: input.source } : {}),
          score: result.score.value,
          analysedAt: result.analysedAt,
          exportedAt: exportedAtOf(input),
          ...(input.metrics ? { metrics: { ...input.metrics, objectTimes: undefined, notCollected: undefined } } : {}),
        },
      },
    ],
  };
}

/** SARIF times are date-time strings: an unparsable analysis time is left out rather than written wrong. */
function validTime(iso: string): string | undefined {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

export function renderSarif(input: ExportInput): string {
  return JSON.stringify(toSarif(input), null, 2) + '\n';
}
