// "Show in app": brings what a finding points at into view in the Qlik tab. A sheet (or an object
// on another sheet) opens that sheet; an object on the open sheet is scrolled to and outlined.
// The Sense client marks each object's container with data-qid="<object id>" (as does the
// simulator); the highlight is a temporary outline, nothing in the app changes.
import { browser } from 'wxt/browser';
import type { FindingTarget } from '../report/report-schema';
import { baseUrlOf, parseQlikAppUrl, type QlikAppLocation } from '../qlik/url';

export interface ShowResult {
  shown: boolean;
  detail: string;
}

/** The sheet address in the app's own client, same tenant and prefix as the tab. */
export function sheetUrl(app: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>, sheetId: string): string {
  return `${baseUrlOf(app)}/sense/app/${encodeURIComponent(app.appId)}/sheet/${encodeURIComponent(sheetId)}/state/analysis`;
}

/** What to do for a target, given the app in the tab: pure, so it is tested without a browser. */
export function planShow(
  app: QlikAppLocation,
  target: FindingTarget,
): { action: 'navigate'; url: string } | { action: 'highlight'; objectId: string } | { action: 'none'; detail: string } {
  const sheetId = target.kind === 'sheet' ? target.id : target.sheetId;
  const onOtherSheet = sheetId !== undefined && sheetId !== app.sheetId;
  if (sheetId && (onOtherSheet || target.kind === 'sheet')) return { action: 'navigate', url: sheetUrl(app, sheetId) };
  if (target.kind === 'object' && target.id) return { action: 'highlight', objectId: target.id };
  return { action: 'none', detail: `A ${target.kind} has no place on a sheet to show.` };
}

/** Runs in the Qlik page (isolated world): must be self-contained. */
function highlightObject(objectId: string): boolean {
  const element = document.querySelector<HTMLElement>(`[data-qid="${CSS.escape(objectId)}"]`);
  if (!element) return false;
  element.scrollIntoView({ behavior: 'smooth', block: 'center' });
  const previous = element.style.outline;
  element.style.outline = '3px solid #f59e0b';
  setTimeout(() => {
    element.style.outline = previous;
  }, 2500);
  return true;
}

export async function showInApp(tabId: number, target: FindingTarget): Promise<ShowResult> {
  const tab = await browser.tabs.get(tabId);
  const app = tab.url ? parseQlikAppUrl(tab.url) : null;
  if (!app) return { shown: false, detail: 'The tab no longer shows a Qlik app.' };
  const plan = planShow(app, target);
  if (plan.action === 'none') return { shown: false, detail: plan.detail };
  if (plan.action === 'navigate') {
    await browser.tabs.update(tabId, { url: plan.url });
    return { shown: true, detail: 'Opened the sheet in the Qlik tab.' };
  }
  const [injection] = await browser.scripting.executeScript({
    target: { tabId },
    func: highlightObject,
    args: [plan.objectId],
  });
  return injection?.result
    ? { shown: true, detail: 'Highlighted the object in the Qlik tab.' }
    : { shown: false, detail: 'The object is not on the open sheet.' };
}
