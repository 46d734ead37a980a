// storage.local holds API keys and OAuth tokens. Chrome lets an extension keep a storage area from
// its content scripts (`StorageArea.setAccessLevel`, TRUSTED_CONTEXTS = the extension's own pages
// and worker), so a content script running in a Qlik page (a renderer shared with that page) cannot
// read them. Firefox offers setAccessLevel on storage.session only (MDN StorageArea.setAccessLevel;
// bug 1724754), so there the call is skipped and content scripts keep their access; our content
// script never reads storage.
import { browser } from 'wxt/browser';

type AccessLevel = 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS';
interface AccessLevelArea {
  setAccessLevel?(options: { accessLevel: AccessLevel }): Promise<void>;
}

/** Restricts storage.local (and sync, which we do not use) to trusted contexts; true when the browser applied it. */
export async function restrictStorageToTrustedContexts(): Promise<boolean> {
  const areas = [browser.storage.local, browser.storage.sync] as unknown as AccessLevelArea[];
  let applied = true;
  for (const area of areas) {
    if (typeof area?.setAccessLevel !== 'function') {
      applied = false;
      continue;
    }
    try {
      await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    } catch {
      applied = false; // this browser supports it for storage.session only
    }
  }
  return applied;
}
