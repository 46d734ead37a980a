// "Log in" when the tenant says the user is not signed in: open the tenant's own login page in a
// tab, then wait until `GET /api/v1/users/me` answers 200 and carry on by ourselves.
//
// The login is always asked for with a `returnto` on the tenant itself (the app's own page):
// `/login?returnto=<extension URL>` is refused with LOGIN-8 / LOGIN-10, and a same-origin
// returnto needs no web integration (../shared/research/connectivity.md 1.3; qlik.dev "Build web
// solutions": check `/api/v1/users/me`, if not 200 go to `/login?returnto=<full address>`).
import { appPageUrl, type QlikAppLocation } from '../qlik/url';

/** The tenant's login page, coming back to the app. Qlik Cloud only (QSEoW's proxy has its own login). */
export function loginPageUrl(app: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId' | 'hostKind'>): string | undefined {
  if (app.hostKind === 'other') return undefined;
  return `${app.origin}/login?returnto=${encodeURIComponent(appPageUrl(app))}`;
}

export interface WaitOptions {
  intervalMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Asks `status()` (the HTTP status of `GET /api/v1/users/me`) until it is 200. Resolves true then,
 * false on timeout or abort. A failed ask (network, tab busy) counts as "not yet".
 */
export async function waitUntilSignedIn(status: () => Promise<number>, options: WaitOptions = {}): Promise<boolean> {
  const { intervalMs = 1_000, timeoutMs = 5 * 60_000, signal, sleep = defaultSleep, now = Date.now } = options;
  const deadline = now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) return false;
    const answer = await status().catch(() => 0);
    if (answer === 200) return true;
    if (now() + intervalMs > deadline) return false;
    await sleep(intervalMs);
  }
}

export interface ContinueAfterLoginDeps {
  /** `GET /api/v1/users/me` the way the analysis will call the tenant (same mode, same tab) */
  openProbe(): Promise<{ status(): Promise<number>; close(): void }>;
  /** closes the login tab once it has done its job (it shows the app again by then) */
  closeLoginTab(): Promise<void>;
  /** starts the analysis again */
  resume(): void;
  wait?: WaitOptions;
}

/** After "Log in": wait for the sign-in, then close the login tab and run the analysis again. */
export async function continueAfterLogin(deps: ContinueAfterLoginDeps): Promise<boolean> {
  let probe: Awaited<ReturnType<ContinueAfterLoginDeps['openProbe']>>;
  try {
    probe = await deps.openProbe();
  } catch {
    return false; // the tab went away: nothing to continue
  }
  let signedIn: boolean;
  try {
    signedIn = await waitUntilSignedIn(() => probe.status(), deps.wait);
  } finally {
    probe.close();
  }
  if (!signedIn) return false;
  await deps.closeLoginTab().catch(() => {});
  deps.resume();
  return true;
}
