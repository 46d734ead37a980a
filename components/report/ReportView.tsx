// The side panel's report of one analysis: a tab bar (WAI-ARIA tabs) over seven views. It only
// shows what it is given and reports the user's actions through callbacks; the page wires them.
import { useMemo, useState } from 'preact/hooks';
import type { AnalysisResult, Finding, Target } from '../../lib/analyze/result';
import { fixFirst } from '../../lib/report/fix-first';
import { createFormatter } from '../../lib/report/format';
import { objectLookupOf, targetDisplayName } from '../../lib/report/names';
import { passedRules } from '../../lib/report/sections';
import { ruleDocLookup, type RuleDoc } from '../../lib/report/rule-docs';
import { engineUnavailableNote } from '../../lib/snapshot/engine-unavailable';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { LimitationNote } from '../LimitationNote';
import { DataModelView } from './DataModelView';
import { ExpressionsView } from './ExpressionsView';
import { FindingsView } from './FindingsView';
import { defaultCanShowInApp } from './labels';
import { OverviewView } from './OverviewView';
import { ScriptView } from './ScriptView';
import { SheetsView } from './SheetsView';
import { panelId, tabId, Tabs } from './Tabs';
import { UsageView } from './UsageView';

export const REPORT_TABS = ['overview', 'findings', 'data-model', 'sheets', 'expressions', 'usage', 'script'] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

const TAB_LABEL: Record<ReportTab, string> = {
  overview: 'Overview',
  findings: 'Findings',
  'data-model': 'Data model',
  sheets: 'Sheets',
  expressions: 'Expressions',
  usage: 'Variables & items',
  script: 'Script',
};

export interface ReportViewProps {
  result: AnalysisResult;
  /** the snapshot the result was made from; without it only Overview (partly) and Findings have content */
  snapshot?: AppSnapshot;
  /** rule metadata for "why" and "how to fix": pass lib/rules RULES */
  rules: readonly RuleDoc[];
  /** BCP 47 locale for numbers and dates (default: the browser's) */
  locale?: string;
  initialTab?: ReportTab;
  /** which targets get a "Show in app" button (default: sheets, objects, master items, script) */
  canShowInApp?(target: Target): boolean;
  onShowInApp?(target: Target): void;
  onSuppress?(finding: Finding): void;
  onUnsuppress?(finding: Finding): void;
}

const ID = 'qr';

export function ReportView(props: ReportViewProps) {
  const { result, snapshot } = props;
  const [tab, setTab] = useState<ReportTab>(props.initialTab ?? 'overview');
  const fmt = useMemo(() => createFormatter(props.locale ?? (typeof navigator === 'undefined' ? undefined : navigator.language)), [props.locale]);
  const ruleDoc = useMemo(() => ruleDocLookup(props.rules), [props.rules]);
  const canShowInApp = props.canShowInApp ?? defaultCanShowInApp;
  const fixFirstItems = useMemo(() => fixFirst(result, { rollUp: (code) => ruleDoc(code)?.rollUp === true, ruleSummary: (code) => ruleDoc(code)?.summary }), [result, ruleDoc]);
  const passed = useMemo(() => passedRules(result), [result]);
  const nameOf = useMemo(() => {
    const lookup = objectLookupOf(snapshot);
    return (target: Target) => targetDisplayName(target, lookup);
  }, [snapshot]);
  const tabs = REPORT_TABS.map((key) => ({
    key,
    label: key === 'findings' ? `${TAB_LABEL[key]} (${fmt.number(result.findings.length)})` : TAB_LABEL[key],
  }));
  return (
    <div class="qr-report" data-testid="report-view">
      <LimitationNote text={snapshot ? engineUnavailableNote(snapshot) : undefined} />
      <Tabs<ReportTab> tabs={tabs} selected={tab} onSelect={(key) => setTab(key)} label="Report views" idPrefix={ID} />
      <div role="tabpanel" id={panelId(ID, tab)} aria-labelledby={tabId(ID, tab)} tabIndex={0} class="qr-panel">
        {tab === 'overview' && <OverviewView result={result} snapshot={snapshot} fmt={fmt} fixFirst={fixFirstItems} onOpenFindings={() => setTab('findings')} />}
        {tab === 'findings' && (
          <FindingsView
            findings={result.findings}
            suppressed={result.suppressedFindings}
            fixFirst={fixFirstItems}
            passed={passed}
            nameOf={nameOf}
            ruleDoc={ruleDoc}
            fmt={fmt}
            canShowInApp={canShowInApp}
            onShowInApp={props.onShowInApp}
            onSuppress={props.onSuppress}
            onUnsuppress={props.onUnsuppress}
          />
        )}
        {tab === 'data-model' && <DataModelView snapshot={snapshot} fmt={fmt} />}
        {tab === 'sheets' && <SheetsView snapshot={snapshot} findings={result.findings} fmt={fmt} canShowInApp={canShowInApp} onShowInApp={props.onShowInApp} />}
        {tab === 'expressions' && <ExpressionsView snapshot={snapshot} findings={result.findings} fmt={fmt} />}
        {tab === 'usage' && <UsageView snapshot={snapshot} fmt={fmt} />}
        {tab === 'script' && <ScriptView snapshot={snapshot} fmt={fmt} />}
      </div>
    </div>
  );
}
