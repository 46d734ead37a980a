// The tenant's interactive login: `GET /login` (form), `POST /login` (credentials → session
// cookies → redirect to returnto), `GET /logout`.
// On Qlik Cloud `GET /login` 302s to the identity provider [V: openapi login.json]; the simulator is
// its own identity provider, so it answers with the form directly.
import type { ServerResponse } from 'node:http';
import { CSRF_COOKIE, SESSION_COOKIE, identify } from './auth';
import { escapeHtml, header, parseCookies, readFormOrJson, redirect, sendHtml, sendJson } from './http';
import { decideReturnTo } from './returnto';
import { type AnyRoute, type RouteContext, path } from './routes';
import type { LoginSession, Tenant } from './tenant';

/**
 * Cookie attributes. Names are verified (see auth.ts); `SameSite=None; Secure` is what embedding
 * from other sites requires [I: connectivity.md 1.4, from qlik.dev "Third-party cookie handling"];
 * HttpOnly is inferred. Over plain HTTP (`--http`) browsers drop `Secure` cookies, so the
 * simulator then sends `SameSite=Lax` without `Secure`.
 */
function cookieAttributes(secure: boolean, maxAgeSeconds?: number): string {
  const base = secure ? 'Path=/; Secure; HttpOnly; SameSite=None' : 'Path=/; HttpOnly; SameSite=Lax';
  return maxAgeSeconds === undefined ? base : `${base}; Max-Age=${maxAgeSeconds}`;
}

export function sessionCookies(tenant: Tenant, session: LoginSession, secure: boolean): string[] {
  const attrs = cookieAttributes(secure);
  return [
    `${SESSION_COOKIE}=${session.sid}; ${attrs}`,
    `${SESSION_COOKIE}.sig=${tenant.sign(session.sid)}; ${attrs}`,
    `${CSRF_COOKIE}=${session.csrfSecret}; ${attrs}`,
    `${CSRF_COOKIE}.sig=${tenant.sign(session.csrfSecret)}; ${attrs}`,
  ];
}

function clearedCookies(secure: boolean): string[] {
  const attrs = cookieAttributes(secure, 0);
  return [SESSION_COOKIE, `${SESSION_COOKIE}.sig`, CSRF_COOKIE, `${CSRF_COOKIE}.sig`].map((name) => `${name}=; ${attrs}`);
}

function loginPage(tenant: Tenant, returnTo: string | null, integrationId: string | null, message?: string): string {
  const hidden = [
    returnTo !== null ? `<input type="hidden" name="returnto" value="${escapeHtml(returnTo)}">` : '',
    integrationId !== null ? `<input type="hidden" name="qlik-web-integration-id" value="${escapeHtml(integrationId)}">` : '',
  ].join('');
  const users = tenant
    .allUsers()
    .map((u) => `<li><code>${escapeHtml(u.email)}</code> / <code>${escapeHtml(u.password)}</code> (${u.role})</li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in - Qlik</title></head>
<body style="font-family:sans-serif;max-width:28rem;margin:4rem auto">
<h1>Log in to ${escapeHtml(tenant.tenantHost)}</h1>
${message ? `<p role="alert" id="login-error" style="color:#b00">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/login" id="login-form">
${hidden}
<p><label>Email <input name="username" id="username" autocomplete="username" required></label></p>
<p><label>Password <input name="password" id="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit" id="login-submit">Log in</button></p>
</form>
<p>Simulated tenant users:</p><ul>${users}</ul>
</body></html>`;
}

/** the LOGIN-8/LOGIN-10 check shared by GET and POST; sends the 401 when it fails */
function checkReturnTo(ctx: RouteContext, returnTo: string | null, integrationId: string | null): string | undefined {
  const decision = decideReturnTo(returnTo, ctx.selfOrigin, ctx.tenant.webIntegration(integrationId), integrationId !== null && integrationId !== '');
  if (!decision.ok) {
    sendJson(ctx.res, 401, decision.body);
    return undefined;
  }
  return decision.location;
}

function integrationIdOf(ctx: RouteContext, form?: Record<string, string>): string | null {
  return header(ctx.req, 'qlik-web-integration-id') ?? ctx.url.searchParams.get('qlik-web-integration-id') ?? form?.['qlik-web-integration-id'] ?? null;
}

function logout(ctx: RouteContext, res: ServerResponse): void {
  const sid = parseCookies(header(ctx.req, 'cookie')).get(SESSION_COOKIE);
  if (sid) ctx.tenant.endLoginSession(sid);
  redirect(res, '/login', 302, { 'set-cookie': clearedCookies(ctx.secure) });
}

export const loginRoutes: AnyRoute[] = [
  {
    method: 'GET',
    pattern: path('/login'),
    access: 'public',
    handler: (ctx) => {
      const returnTo = ctx.url.searchParams.get('returnto');
      const integrationId = integrationIdOf(ctx);
      const location = checkReturnTo(ctx, returnTo, integrationId);
      if (location === undefined) return;
      const known = identify(ctx.tenant, ctx.req, ctx.url, { webSocket: false });
      if (known.caller?.via === 'cookie' && ctx.url.searchParams.get('prompt') !== 'login') return redirect(ctx.res, location);
      sendHtml(ctx.res, 200, loginPage(ctx.tenant, returnTo, integrationId));
    },
  },
  {
    method: 'POST',
    pattern: path('/login'),
    access: 'public',
    handler: async (ctx) => {
      const form = (await readFormOrJson(ctx.req)) ?? {};
      const returnTo = form.returnto ?? ctx.url.searchParams.get('returnto');
      const integrationId = integrationIdOf(ctx, form);
      const location = checkReturnTo(ctx, returnTo, integrationId);
      if (location === undefined) return;
      const user = ctx.tenant.userByLogin(form.username ?? '', form.password ?? '');
      if (!user) return sendHtml(ctx.res, 401, loginPage(ctx.tenant, returnTo, integrationId, 'Wrong email or password.'));
      const session = ctx.tenant.createLoginSession(user);
      redirect(ctx.res, location, 302, { 'set-cookie': sessionCookies(ctx.tenant, session, ctx.secure) });
    },
  },
  { method: 'GET', pattern: path('/logout'), access: 'public', handler: (ctx) => logout(ctx, ctx.res) },
  { method: 'POST', pattern: path('/logout'), access: 'public', handler: (ctx) => logout(ctx, ctx.res) },
];
