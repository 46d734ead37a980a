import { describe, expect, it } from 'vitest';
import {
  QlikProblemError,
  checkFreshSession,
  closeEventOf,
  describeQlikFailure,
  parseRetryAfter,
  qlikError,
  readQlikErrorBody,
  retryDelayMs,
  type ProblemContext,
  type QlikFailure,
  type QlikProblemCode,
} from '../../../lib/qlik/errors';

const cloud: ProblemContext = { mode: 'session', host: 'acme.eu.qlikcloud.com', appId: 'app-1' };
const wi: ProblemContext = { mode: 'web-integration', host: 'acme.eu.qlikcloud.com', extensionOrigin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', webIntegrationId: 'wi-123' };

const LOGIN_10 = JSON.stringify({ errors: [{ title: 'returnto not included in web integration whitelist', code: 'LOGIN-10', status: '401' }] });
const LOGIN_8 = JSON.stringify({ title: 'Illegal returnto value', code: 'LOGIN-8', status: '401' });

const table: [string, QlikFailure, ProblemContext, QlikProblemCode, RegExp, boolean][] = [
  ['4203', { kind: 'socket-closed', code: 4203, beforeOpen: true }, cloud, 'no-app-permission', /permission to open app app-1.*Can view/s, false],
  ['4204', { kind: 'socket-closed', code: 4204, beforeOpen: true }, cloud, 'app-not-found', /could not find app app-1.*reopen it from the hub/s, false],
  ['4205', { kind: 'socket-closed', code: 4205, beforeOpen: false }, cloud, 'rate-limited', /Too many engine requests.*Wait a minute/s, true],
  ['4230', { kind: 'socket-closed', code: 4230, beforeOpen: true }, cloud, 'not-entitled', /not entitled.*licence/s, false],
  ['4240', { kind: 'socket-closed', code: 4240, beforeOpen: true }, cloud, 'no-engines', /no engines available.*few minutes/s, true],
  ['4201', { kind: 'socket-closed', code: 4201, beforeOpen: false }, cloud, 'session-timed-out', /timed out/, true],
  ['4003', { kind: 'socket-closed', code: 4003, beforeOpen: false }, cloud, 'engine-busy', /stopped the session/, true],
  ['4206', { kind: 'socket-closed', code: 4206, beforeOpen: false }, cloud, 'server-error', /problem connecting/, true],
  ['1006 before open, session', { kind: 'socket-closed', code: 1006, beforeOpen: true }, cloud, 'network', /refused before it opened.*Sign in to acme/s, true],
  ['1006 before open, web integration', { kind: 'socket-closed', code: 1006, beforeOpen: true }, wi, 'network', /chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop/, true],
  ['1006 mid-analysis', { kind: 'socket-closed', code: 1006, beforeOpen: false }, cloud, 'network', /dropped.*network/s, true],
  ['401', { kind: 'http', status: 401, body: '{"errors":[{"code":"LOGIN-1","title":"Authentication failed"}]}' }, cloud, 'not-logged-in', /not signed in.*Sign in to acme\.eu\.qlikcloud\.com in this tab/s, false],
  ['401 OAuth', { kind: 'http', status: 401 }, { ...cloud, mode: 'oauth' }, 'not-logged-in', /Sign in again from Qlarity's options page/, false],
  ['401 API key', { kind: 'http', status: 401 }, { ...cloud, mode: 'api-key' }, 'not-logged-in', /API key.*expired, revoked/s, false],
  ['LOGIN-10', { kind: 'http', status: 401, body: LOGIN_10 }, wi, 'origin-not-allowed', /LOGIN-10.*add chrome-extension:\/\/abcdefghijklmnopabcdefghijklmnop to the allowed origins of web integration wi-123/s, false],
  ['LOGIN-8', { kind: 'http', status: 401, body: LOGIN_8 }, wi, 'illegal-returnto', /LOGIN-8.*Sign in on acme\.eu\.qlikcloud\.com directly/s, false],
  ['LOGIN-2', { kind: 'http', status: 401, body: '{"code":"LOGIN-2","title":"No authentication configured for this hostname"}' }, cloud, 'wrong-tenant', /not a Qlik Cloud tenant address/, false],
  ['AUTH-5', { kind: 'http', status: 403, body: '{"errors":[{"code":"AUTH-5","title":"User is not a member of tenant"}]}' }, cloud, 'not-member', /not a member/, false],
  ['403 csrf', { kind: 'http', status: 403, body: '{"errors":[{"code":"HTTP-403","title":"Invalid or missing qlik-csrf-token"}]}' }, cloud, 'csrf-rejected', /CSRF.*Reload the Qlik tab/s, true],
  ['403 origin, web integration', { kind: 'http', status: 403, body: '{"errors":[{"title":"Origin chrome-extension://x is not in the web integration\'s allowed origins"}]}' }, wi, 'origin-not-allowed', /Administration → Web/, false],
  ['403 plain', { kind: 'http', status: 403 }, cloud, 'forbidden', /no access to app app-1|do not have access to app app-1/, false],
  ['404', { kind: 'http', status: 404, what: 'App metadata' }, cloud, 'app-not-found', /^App metadata: app app-1 was not found/, false],
  ['429', { kind: 'http', status: 429, retryAfter: '7' }, cloud, 'rate-limited', /rate-limiting.*in 7 s/s, true],
  ['500', { kind: 'http', status: 503 }, cloud, 'server-error', /internal error \(503\)/, true],
  ['timeout', { kind: 'timeout', what: 'The engine', ms: 30_000 }, cloud, 'timeout', /The engine did not answer within 30 s on acme/, true],
  ['SESSION_ATTACHED', { kind: 'session-attached' }, cloud, 'session-attached', /SESSION_ATTACHED.*without changing anything/s, true],
  ['network', { kind: 'network', message: 'Failed to fetch' }, cloud, 'network', /Could not reach acme\.eu\.qlikcloud\.com \(Failed to fetch\)/, true],
  ['tab gone', { kind: 'tab-gone' }, cloud, 'tab-gone', /closed, reloaded or left/, true],
  ['oauth', { kind: 'oauth', error: 'access_denied', description: 'user said no' }, { ...cloud, mode: 'oauth' }, 'oauth-failed', /access_denied \(user said no\).*redirect URL/s, false],
  ['api key, no engine', { kind: 'api-key-no-engine' }, { ...cloud, mode: 'api-key' }, 'api-key-no-engine', /My Qlik session/, false],
];

describe('describeQlikFailure', () => {
  it.each(table)('%s', (_name, failure, context, code, text, retryable) => {
    const problem = describeQlikFailure(failure, context);
    expect(problem.code).toBe(code);
    expect(`${problem.message} ${problem.action}`).toMatch(text);
    expect(problem.retryable).toBe(retryable);
    expect(problem.message.length).toBeGreaterThan(10);
    expect(problem.action.length).toBeGreaterThan(10);
  });

  it('names the origin to allow-list as data, for the options page', () => {
    expect(describeQlikFailure({ kind: 'http', status: 401, body: LOGIN_10 }, wi).allowOrigin).toBe(wi.extensionOrigin);
  });

  it('uses Retry-After for the delay', () => {
    expect(describeQlikFailure({ kind: 'http', status: 429, retryAfter: '3' }, cloud).retryAfterMs).toBe(3000);
  });

  it('keeps hostile bodies short and does not execute them', () => {
    const body = JSON.stringify({ errors: [{ code: 'X', title: '<img src=x onerror=alert(1)>'.repeat(100) }] });
    const problem = describeQlikFailure({ kind: 'http', status: 403, body }, cloud);
    expect(problem.message.length).toBeLessThan(500);
  });

  it('works without context', () => {
    expect(describeQlikFailure({ kind: 'socket-closed', code: 4204, beforeOpen: true }).message).toMatch(/could not find the app/);
  });
});

describe('QlikProblemError', () => {
  it('carries code and a full sentence (as toErrorInfo reads them)', () => {
    const error = qlikError({ kind: 'socket-closed', code: 4203, beforeOpen: true }, cloud);
    expect(error).toBeInstanceOf(QlikProblemError);
    expect(error.code).toBe('no-app-permission');
    expect(error.message).toContain(error.problem.action);
  });
});

describe('helpers', () => {
  it('reads Qlik error bodies in both shapes and ignores junk', () => {
    expect(readQlikErrorBody(LOGIN_10)).toEqual({ code: 'LOGIN-10', title: 'returnto not included in web integration whitelist' });
    expect(readQlikErrorBody(LOGIN_8)).toEqual({ code: 'LOGIN-8', title: 'Illegal returnto value' });
    expect(readQlikErrorBody('<html>')).toEqual({});
    expect(readQlikErrorBody('{"errors":[]}')).toEqual({});
    expect(readQlikErrorBody('{"code":5}')).toEqual({});
    expect(readQlikErrorBody(undefined)).toEqual({});
  });

  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Fri, 27 Nov 2026 04:00:10 GMT', Date.parse('Fri, 27 Nov 2026 04:00:00 GMT'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('finds the close event inside enigma errors', () => {
    expect(closeEventOf({ code: -1, message: 'Socket closed', original: { type: 'close', code: 4204, reason: 'App not found', wasClean: false } })).toEqual({ code: 4204, reason: 'App not found' });
    expect(closeEventOf({ type: 'close', code: 1006, reason: '', wasClean: false })).toEqual({ code: 1006, reason: '' });
    expect(closeEventOf({ code: -1, message: 'Not connected' })).toBeUndefined();
    expect(closeEventOf(new Error('x'))).toBeUndefined();
    expect(closeEventOf(null)).toBeUndefined();
  });

  it('refuses anything but a fresh session', () => {
    expect(checkFreshSession('SESSION_CREATED')).toBeNull();
    expect(checkFreshSession('SESSION_ATTACHED')?.code).toBe('session-attached');
    expect(checkFreshSession(undefined)?.code).toBe('session-attached');
  });

  it('backs off exponentially, boundedly, and not for permanent problems', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => retryDelayMs(a))).toEqual([500, 1000, 2000, 4000, 8000, undefined]);
    expect(retryDelayMs(0, describeQlikFailure({ kind: 'socket-closed', code: 4203, beforeOpen: true }))).toBeUndefined();
    expect(retryDelayMs(0, describeQlikFailure({ kind: 'http', status: 429, retryAfter: '2' }))).toBe(2000);
  });
});
