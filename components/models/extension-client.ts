// What the pages need from the extension, as one interface: the real one talks to the background,
// component tests pass a fake. Keeps components free of browser APIs.
import type { AnyEvent } from '../../lib/protocol/tab-messages';
import type { AnalysisReport, FindingTarget } from '../../lib/report/report-schema';
import type { AnalysedApp } from '../../lib/protocol/stored-analysis';
import type { AnalysisRun } from '../../lib/protocol/run';
import type { RuleConfig, Settings } from '../../lib/protocol/settings';
import type { TabState } from '../../lib/protocol/tab-state';

export interface ExtensionClient {
  resolveTabId(): Promise<number | null>;
  getTabState(tabId: number): Promise<TabState>;
  startAnalysis(tabId: number): Promise<AnalysisRun>;
  cancelAnalysis(tabId: number): Promise<boolean>;
  /** during the timing pass: ends it and skips it in the app's next analyses */
  skipTimings(tabId: number): Promise<boolean>;
  /** turns the app's timing pass back on (false) or off (true) */
  setTimingsSkipped(appKey: string, skipped: boolean): Promise<void>;
  getLastResult(appKey: string): Promise<AnalysisReport | null>;
  showInApp(tabId: number, target: FindingTarget): Promise<{ shown: boolean; detail: string }>;
  /** opens the tenant's login in a tab; the background runs the analysis again once signed in */
  logIn(tabId: number): Promise<void>;
  /** must be called from a click handler */
  requestHostAccess(originPattern: string): Promise<boolean>;
  /** must be called from a click handler */
  openSidePanel(tabId: number): Promise<void>;
  /** apps with a stored analysis, newest first */
  listAnalysedApps(): Promise<AnalysedApp[]>;
  getSettings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<Settings>;
  /** the rules' errors in a rule configuration, per field path (empty when the rules accept it) */
  checkRuleConfig(analysis: RuleConfig | undefined): Promise<Record<string, string>>;
  onEvent(listener: (event: AnyEvent) => void): () => void;
  /** the side panel follows the active tab; the popup does not need to */
  onActiveTabChange(listener: () => void): () => void;
}
