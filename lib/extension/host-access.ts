// Host permissions beyond Qlik Cloud: asked for at run time, one origin at a time, only on a
// click (both browsers refuse permissions.request outside a user action).
import { browser } from 'wxt/browser';

export async function hasHostAccess(originPattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [originPattern] });
}

/** Call from a click handler. Resolves true when the user granted access. */
export async function requestHostAccess(originPattern: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern] });
}
