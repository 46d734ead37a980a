// What a tab holds, from its address: a Qlik app Qlarity may analyse (with the Qlik product
// serving it, confirmed from product-info.json), a Qlik-looking page on a host the user has not
// allowed yet, or anything else.
import type { PlatformInfo } from '../qlik/platform';
import { parseQlikAppUrl, type QlikAppLocation } from '../qlik/url';
import type { AnalysisRun } from '../protocol/run';
import type { TabState } from '../protocol/tab-state';
import { tabPlatformOf } from './platform-lookup';

export interface TabLike {
  id?: number;
  /** only present for hosts Qlarity has access to (host or activeTab permission) */
  url?: string;
}

export interface TabStateDeps {
  /** whether Qlarity holds a host permission covering this match pattern */
  hasHostAccess(originPattern: string): Promise<boolean>;
  currentRun(tabId: number): AnalysisRun | null;
  /** product-info.json's verdict for the app's base URL (cached per base URL); null when unreachable */
  confirmPlatform(app: QlikAppLocation): Promise<PlatformInfo | null>;
}

/** The match pattern that grants access to one origin (match patterns carry no port). */
export function originPatternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export async function describeTab(tab: TabLike | undefined, deps: TabStateDeps): Promise<TabState> {
  if (!tab || tab.id === undefined || tab.id < 0) return { kind: 'no-tab' };
  const tabId = tab.id;
  const host = hostOf(tab.url);
  const app = tab.url ? parseQlikAppUrl(tab.url) : null;
  if (!app) return { kind: 'not-qlik', tabId, ...(host ? { host } : {}) };
  if (app.hostKind === 'other') {
    // Only https hosts can be granted (optional_host_permissions: https://*/*).
    if (!app.origin.startsWith('https:')) return { kind: 'not-qlik', tabId, host: app.host };
    const originPattern = originPatternOf(app.origin);
    if (!(await deps.hasHostAccess(originPattern))) return { kind: 'needs-permission', tabId, app, originPattern };
  }
  const platform = tabPlatformOf(app, await deps.confirmPlatform(app));
  return { kind: 'qlik-app', tabId, app, run: deps.currentRun(tabId), platform };
}

/** The toolbar icon is "active" on an app page whose Qlik product is known (not refuted by product-info). */
export function isAnalysableTab(state: TabState): boolean {
  return state.kind === 'qlik-app' && state.platform?.platform !== 'unknown';
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}
