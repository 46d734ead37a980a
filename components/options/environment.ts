// What the options page needs from the browser beyond settings: the extension's own addresses and
// the OAuth sign-in. The real one lives in entrypoints/options/; tests pass a fake.
export interface OriginInfo {
  /** `chrome-extension://<id>` or `moz-extension://<uuid>` */
  origin: string;
  /** Firefox: a different origin per installation */
  perInstall: boolean;
  note: string;
}

export interface OptionsEnvironment {
  originInfo: OriginInfo;
  /** undefined when the identity API is missing */
  oauthRedirectUrl: string | undefined;
  /** the browser puts an API key on the engine WebSocket (Firefox: yes; Chrome: no, see api-key-rule.ts) */
  apiKeyEngine: boolean;
  isSignedIn(tenantOrigin: string, clientId: string): Promise<boolean>;
  /** must be called from a click handler */
  signIn(tenantOrigin: string, clientId: string): Promise<void>;
  signOut(tenantOrigin: string, clientId: string): Promise<void>;
  copy(text: string): Promise<void>;
}
