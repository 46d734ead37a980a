// What a tenant admin must allow-list for the direct modes, and the OAuth redirect URL, as the
// options page shows them.
import { browser } from 'wxt/browser';

export interface ExtensionOriginInfo {
  /** `chrome-extension://<id>` or `moz-extension://<uuid>` */
  origin: string;
  /** Firefox picks a random UUID per installation (Mozilla Extension Workshop, "Browser compatibility") */
  perInstall: boolean;
  note: string;
}

export function originFromBaseUrl(baseUrl: string): ExtensionOriginInfo {
  const url = new URL(baseUrl);
  // not URL.origin: for non-special schemes some URL implementations answer "null"
  const origin = `${url.protocol}//${url.host}`;
  const perInstall = origin.startsWith('moz-extension:');
  const note = perInstall
    ? 'Firefox gives every installation of an add-on its own random address, so this origin is only valid for this ' +
      'browser profile: each Firefox user needs their own entry in the web integration (and it changes if the ' +
      'add-on is reinstalled). "My Qlik session" mode needs none of this.'
    : 'This origin is the same for every Chrome user of this Qlarity build. Allow-listing it lets this extension act as ' +
      'the signed-in user; it does not prove which code runs under that ID (an extension loaded unpacked with the same ' +
      'key gets the same origin). See the README, "What an extension-origin allow-list protects".';
  return { origin, perInstall, note };
}

export function extensionOriginInfo(): ExtensionOriginInfo {
  return originFromBaseUrl(browser.runtime.getURL('/'));
}

/**
 * The redirect URL to register on the OAuth client: `https://<id>.chromiumapp.org/qlik` in Chrome,
 * `https://<hash>.extensions.allizom.org/qlik` in Firefox (browser.identity.getRedirectURL; MDN).
 * Undefined when the identity API is not available (permission missing).
 */
export function oauthRedirectUrl(): string | undefined {
  const identity = (browser as { identity?: { getRedirectURL(path?: string): string } }).identity;
  return identity?.getRedirectURL('qlik');
}
