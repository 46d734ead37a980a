// An ExtensionClient for component tests: answers from fields the test sets, records calls, and
// lets the test push events as the background would.
import { vi } from 'vitest';
import type { ExtensionClient } from '../../components/models/extension-client';
import type { AnyEvent } from '../../lib/protocol/tab-messages';
import type { AnalysisReport } from '../../lib/report/report-schema';
import type { AnalysedApp } from '../../lib/protocol/stored-analysis';
import type { AnalysisRun } from '../../lib/protocol/run';
import { DEFAULT_SETTINGS, type RuleConfig, type Settings } from '../../lib/protocol/settings';
import { ruleConfigErrors } from '../../lib/analyze/rule-config-errors';
import { RULES } from '../../lib/rules/index';
import type { TabState } from '../../lib/protocol/tab-state';

export class FakeClient implements ExtensionClient {
  tabState: TabState = { kind: 'not-qlik', tabId: 1, host: 'example.org' };
  lastResult: AnalysisReport | null = null;
  settings: Settings = DEFAULT_SETTINGS;
  analysedApps: AnalysedApp[] = [];
  grant = true;
  private listeners: ((event: AnyEvent) => void)[] = [];

  resolveTabId = vi.fn(async () => (this.tabState.kind === 'no-tab' ? null : this.tabState.tabId));
  getTabState = vi.fn(async () => this.tabState);
  startAnalysis = vi.fn(async (): Promise<AnalysisRun> => ({ runId: 'r1', appKey: 'k', phase: 'connecting', startedAt: 1 }));
  cancelAnalysis = vi.fn(async () => true);
  skipTimings = vi.fn(async () => true);
  setTimingsSkipped = vi.fn(async () => {});
  logIn = vi.fn(async () => {});
  getLastResult = vi.fn(async () => this.lastResult);
  showInApp = vi.fn(async () => ({ shown: true, detail: 'Highlighted the object in the Qlik tab.' }));
  requestHostAccess = vi.fn(async () => this.grant);
  openSidePanel = vi.fn(async () => {});
  listAnalysedApps = vi.fn(async () => this.analysedApps);
  getSettings = vi.fn(async () => this.settings);
  setSettings = vi.fn(async (settings: Settings) => (this.settings = settings));
  /** as the background answers it */
  checkRuleConfig = vi.fn(async (analysis: RuleConfig | undefined) => ruleConfigErrors(analysis, RULES));
  onActiveTabChange = vi.fn(() => () => {});
  onEvent = vi.fn((listener: (event: AnyEvent) => void) => {
    this.listeners.push(listener);
    return () => (this.listeners = this.listeners.filter((l) => l !== listener));
  });

  emit(event: AnyEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
