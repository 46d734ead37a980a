// The popup's facts about the analysed app: when, its memory, what the unused fields hold and the
// slowest object. Names come from the app (any script, any length, HTML-looking text): they are
// text nodes in <bdi dir="auto">, so they keep their own direction and wrap.
import type { AnalysisReport } from '../lib/report/report-schema';
import type { Formatter } from '../lib/report/format';

export function AppFactsList({ report, fmt }: { report: AnalysisReport; fmt: Formatter }) {
  const facts = report.facts;
  const slowest = facts?.slowestObject;
  return (
    <dl class="facts" data-testid="app-facts">
      <dt>Analysed</dt>
      <dd data-testid="fact-analysed-at">
        <time dateTime={new Date(report.finishedAt).toISOString()}>{fmt.dateTime(new Date(report.finishedAt).toISOString())}</time>
      </dd>
      {facts?.appMemoryBytes !== undefined && (
        <>
          <dt>App memory</dt>
          <dd data-testid="fact-app-memory">{fmt.bytes(facts.appMemoryBytes)}</dd>
        </>
      )}
      {facts?.unusedMemory && (
        <>
          <dt>Unused fields</dt>
          <dd data-testid="fact-unused-memory">
            {fmt.bytes(facts.unusedMemory.bytes)} in {fmt.number(facts.unusedMemory.fieldCount)} {facts.unusedMemory.fieldCount === 1 ? 'field' : 'fields'}
          </dd>
        </>
      )}
      {slowest && (
        <>
          <dt>Slowest object</dt>
          <dd data-testid="fact-slowest-object">
            <bdi dir="auto" data-testid="slowest-name">{slowest.name}</bdi>
            {slowest.sheetName !== undefined && (
              <>
                {' on '}
                <bdi dir="auto" data-testid="slowest-sheet">{slowest.sheetName}</bdi>
              </>
            )}
            {': '}
            <span data-testid="slowest-ms">{fmt.duration(slowest.ms)}</span>
          </dd>
        </>
      )}
    </dl>
  );
}
