// The real OptionsEnvironment: the extension's addresses and OAuth sign-in through the background-free
// helpers of lib/extension/connection (they run in any extension page).
import type { OptionsEnvironment } from '../../components/options/environment';
import { extensionOriginInfo, oauthRedirectUrl } from '../../lib/extension/connection/extension-origin';
import { loadTokens, signInWithOAuth, signOut } from '../../lib/extension/connection/oauth';

export function createOptionsEnvironment(): OptionsEnvironment {
  return {
    originInfo: extensionOriginInfo(),
    oauthRedirectUrl: oauthRedirectUrl(),
    // Chromium does not apply declarativeNetRequest header rules to WebSocket handshakes; Firefox
    // does (lib/extension/connection/api-key-rule.ts, test/e2e/connection-api-key.spec.ts).
    apiKeyEngine: import.meta.env.FIREFOX,
    isSignedIn: async (origin, clientId) => (await loadTokens(origin, clientId)) !== null,
    signIn: async (origin, clientId) => {
      await signInWithOAuth(origin, clientId);
    },
    signOut,
    copy: (text) => navigator.clipboard.writeText(text),
  };
}
