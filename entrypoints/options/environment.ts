// The real OptionsEnvironment: the extension's addresses and OAuth sign-in through the background-free
// helpers of lib/extension/connection (they run in any extension page).
import type { OptionsEnvironment } from '@/components/options/environment';
import { extensionOriginInfo, oauthRedirectUrl } from '@/lib/extension/connection/extension-origin';
import { loadTokens, signInWithOAuth, signOut } from '@/lib/extension/connection/oauth';

export function createOptionsEnvironment(): OptionsEnvironment {
  return {
    originInfo: extensionOriginInfo(),
    oauthRedirectUrl: oauthRedirectUrl(),
    isSignedIn: async (origin, clientId) => (await loadTokens(origin, clientId)) !== null,
    signIn: async (origin, clientId) => {
      await signInWithOAuth(origin, clientId);
    },
    signOut,
    copy: (text) => navigator.clipboard.writeText(text),
  };
}
