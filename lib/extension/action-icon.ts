// The toolbar icon shows, per tab, whether the tab holds an app Qlarity can analyse.
import { browser } from 'wxt/browser';

const SIZES = [16, 32, 48, 128] as const;

export function iconPaths(active: boolean): Record<string, string> {
  return Object.fromEntries(SIZES.map((size) => [String(size), `/icon/${active ? 'active-' : ''}${size}.png`]));
}

export async function setActionIcon(tabId: number, active: boolean): Promise<void> {
  try {
    await browser.action.setIcon({ tabId, path: iconPaths(active) });
    await browser.action.setTitle({ tabId, title: active ? 'Qlarity: analyse this Qlik app' : 'Qlarity' });
  } catch {
    // The tab closed meanwhile: nothing to update.
  }
}
