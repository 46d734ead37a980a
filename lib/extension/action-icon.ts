// The toolbar icon shows, per tab, whether the tab holds an app Qlarity can analyse, and its badge
// the number of errors of that app's last analysis (none for a tab without an analysed app).
import { browser } from 'wxt/browser';

const SIZES = [16, 32, 48, 128] as const;
/** the badge has room for about four characters */
const MAX_BADGE = 999;
const ERROR_COLOUR = '#B3261E';
const CLEAN_COLOUR = '#1E6B34';

export function iconPaths(active: boolean): Record<string, string> {
  return Object.fromEntries(SIZES.map((size) => [String(size), `/icon/${active ? 'active-' : ''}${size}.png`]));
}

/** The badge text for an app's error count; '' (no badge) when the app has no analysis. Pure. */
export function badgeText(errors: number | null): string {
  if (errors === null || !Number.isFinite(errors) || errors < 0) return '';
  return errors > MAX_BADGE ? `${MAX_BADGE}+` : String(Math.trunc(errors));
}

/**
 * The icon's tooltip: what the tab holds (naming the Qlik product when product-info confirmed it)
 * and, once analysed, how many errors. Pure.
 */
export function actionTitle(active: boolean, errors: number | null, productName?: string): string {
  if (!active) return 'Qlarity';
  const product = productName ? ` (${productName})` : '';
  if (errors === null) return `Qlarity: analyse this Qlik app${product}`;
  return `Qlarity: ${errors} ${errors === 1 ? 'error' : 'errors'} in the last analysis of this app${product}`;
}

/**
 * Sets the tab's icon, tooltip and badge. `errors` is the error count of the last analysis of the
 * app in the tab, or null when there is none (or the tab holds no app): the badge is then cleared.
 */
export async function setActionIcon(tabId: number, active: boolean, errors: number | null = null, productName?: string): Promise<void> {
  const shown = active ? errors : null;
  const updates: (() => Promise<void> | void)[] = [
    () => browser.action.setIcon({ tabId, path: iconPaths(active) }),
    () => browser.action.setTitle({ tabId, title: actionTitle(active, shown, productName) }),
    () => browser.action.setBadgeText({ tabId, text: badgeText(shown) }),
  ];
  if (shown !== null) {
    updates.push(() => browser.action.setBadgeBackgroundColor({ tabId, color: shown > 0 ? ERROR_COLOUR : CLEAN_COLOUR }));
    updates.push(() => browser.action.setBadgeTextColor({ tabId, color: '#FFFFFF' }));
  }
  // Each on its own: the tab may close meanwhile, and a browser may lack one of them
  // (setBadgeTextColor: Chrome 110+, Firefox 63+); the others still apply.
  await Promise.allSettled(updates.map((update) => Promise.resolve().then(update)));
}
