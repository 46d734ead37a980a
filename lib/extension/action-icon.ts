// The toolbar icon shows, per tab, whether the tab holds an app Qlarity can analyse.
import { browser } from 'wxt/browser';

const SIZES = [16, 32, 48, 128] as const;

export function iconPaths(active: boolean): Record<string, string> {
  return Object.fromEntries(SIZES.map((size) => [String(size), `/icon/${active ? 'active-' : ''}${size}.png`]));
}

/** The toolbar button's tooltip; names the product when it is known. */
export function actionTitle(active: boolean, productName?: string): string {
  if (!active) return 'Qlarity';
  return productName ? `Qlarity: analyse this Qlik app (${productName})` : 'Qlarity: analyse this Qlik app';
}

export async function setActionIcon(tabId: number, active: boolean, productName?: string): Promise<void> {
  try {
    await browser.action.setIcon({ tabId, path: iconPaths(active) });
    await browser.action.setTitle({ tabId, title: actionTitle(active, productName) });
  } catch {
    // The tab closed meanwhile: nothing to update.
  }
}
