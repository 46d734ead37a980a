import { describe, expect, it, vi } from 'vitest';
import { continueAfterLogin, loginPageUrl, waitUntilSignedIn } from '../../../lib/extension/login';

const APP = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';

/** a clock that only moves when the code sleeps */
function fakeTime() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('loginPageUrl', () => {
  it('is the tenant login coming back to the app page on the tenant, never to an extension page', () => {
    const url = loginPageUrl({ origin: 'https://demo.eu.qlikcloud.com', prefix: '', appId: APP, hostKind: 'qlik-cloud' });
    expect(url).toBe(`https://demo.eu.qlikcloud.com/login?returnto=${encodeURIComponent(`https://demo.eu.qlikcloud.com/sense/app/${APP}`)}`);
    const returnTo = new URL(url ?? '').searchParams.get('returnto') ?? '';
    expect(new URL(returnTo).origin).toBe('https://demo.eu.qlikcloud.com');
  });

  it('has none for other servers (their proxy has its own login)', () => {
    expect(loginPageUrl({ origin: 'https://qlik.example.com', prefix: '/qs', appId: APP, hostKind: 'other' })).toBeUndefined();
  });
});

describe('waitUntilSignedIn', () => {
  it('asks until users/me answers 200; failed asks count as "not yet"', async () => {
    const answers: (number | Error)[] = [401, 401, new TypeError('Failed to fetch'), 200];
    const status = vi.fn(async () => {
      const next = answers.shift() ?? 401;
      if (next instanceof Error) throw next;
      return next;
    });
    expect(await waitUntilSignedIn(status, { intervalMs: 1000, ...fakeTime() })).toBe(true);
    expect(status).toHaveBeenCalledTimes(4);
  });

  it('gives up after the timeout, or when aborted', async () => {
    const status = vi.fn(async () => 401);
    expect(await waitUntilSignedIn(status, { intervalMs: 1000, timeoutMs: 5000, ...fakeTime() })).toBe(false);
    expect(status).toHaveBeenCalledTimes(6);
    const abort = new AbortController();
    abort.abort();
    expect(await waitUntilSignedIn(async () => 200, { signal: abort.signal })).toBe(false);
  });
});

describe('continueAfterLogin', () => {
  it('once signed in: closes the probe and the login tab, then runs the analysis again', async () => {
    const order: string[] = [];
    const answers = [401, 200];
    const ok = await continueAfterLogin({
      openProbe: async () => ({ status: async () => answers.shift() ?? 401, close: () => void order.push('probe closed') }),
      closeLoginTab: async () => void order.push('login tab closed'),
      resume: () => void order.push('resumed'),
      wait: { intervalMs: 1, ...fakeTime() },
    });
    expect(ok).toBe(true);
    expect(order).toEqual(['probe closed', 'login tab closed', 'resumed']);
  });

  it('never resumes when the sign-in does not happen or the tab is gone', async () => {
    const resume = vi.fn();
    const close = vi.fn();
    expect(await continueAfterLogin({ openProbe: async () => ({ status: async () => 401, close }), closeLoginTab: async () => {}, resume, wait: { intervalMs: 1000, timeoutMs: 3000, ...fakeTime() } })).toBe(false);
    expect(close).toHaveBeenCalled();
    expect(await continueAfterLogin({ openProbe: () => Promise.reject(new Error('tab gone')), closeLoginTab: async () => {}, resume })).toBe(false);
    expect(resume).not.toHaveBeenCalled();
  });
});
