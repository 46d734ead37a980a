// Read-only at run time (lib/qlik/read-only.ts): every method of the engine spec is walked through a
// real engine session against the simulated engine; only the allow-listed ones leave, everything
// that could change the app is refused before it is sent, and the simulator's call record shows it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../../../lib/qlik/engine/errors';
import { guardSocket } from '../../../lib/qlik/engine/guarded-socket';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import type { WebSocketLike } from '../../../lib/qlik/engine/types';
import { ENGINE_ALLOW_LIST, ENGINE_ALLOWED_METHODS, HTTP_ALLOWED_PATHS, httpRefusal, isAllowedEngineCall } from '../../../lib/qlik/read-only';
import { createRestClient } from '../../../lib/qlik/rest/client';
import { appModelOf, loadAppFolder } from '../../sim/app/index';
import { UNLISTED_WRITES, WRITING_RIGHTS, isPersistentChange, persistentChanges } from '../../sim/engine/persistent-changes';
import { DEFAULT_APPS_DIR } from '../../sim/index';
import { developer } from '../../sim/spec/engine-harness';
import type { CallRecord, SimApp } from '../../sim/types';
import { collectApp } from '../../../lib/collect/index';
import { inMemorySocketFactory, onVirtualClock } from '../collect/sim-harness';

interface SpecMethod {
  name: string;
  'x-qlik-access-control'?: string[];
}
const SPEC_PATH = fileURLToPath(new URL('../../sim/spec/vendor/engine-rpc.json', import.meta.url));
const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as { methods: SpecMethod[] };
const specMethods = spec.methods.map((m) => {
  const [type, method] = m.name.split('.') as [string, string];
  return { type, method, rights: m['x-qlik-access-control'] ?? [] };
});

/** The mutating methods hardening issue #18 names, each must be refused. */
const NAMED_MUTATORS = [
  'Doc.DoSave', 'GenericObject.SetProperties', 'Doc.DoReload', 'Global.DeleteApp', 'Doc.CommitDraft', 'Doc.SaveObjects',
  'Doc.CreateConnection', 'Doc.ModifyConnection', 'Doc.DeleteConnection', 'Doc.RemoveVariable', 'Global.CopyApp', 'Doc.Undo', 'Doc.Redo',
];

describe('the engine allow-list, against the engine spec (engine-rpc.json)', () => {
  it('holds only methods the spec has, for the type it has them on', () => {
    const known = new Set(spec.methods.map((m) => m.name));
    for (const [type, methods] of Object.entries(ENGINE_ALLOW_LIST)) for (const method of methods) expect(known, `${type}.${method}`).toContain(`${type}.${method}`);
  });

  it('holds no method that needs a writing right or changes saved state (x-qlik-access-control)', () => {
    const writers = specMethods.filter((m) => isAllowedEngineCall(m.type, m.method) && (m.rights.some((r) => WRITING_RIGHTS.has(r)) || UNLISTED_WRITES.has(`${m.type}.${m.method}`)));
    expect(writers).toEqual([]);
    // the rights the allowed methods do need are reads: GetScript and CheckScriptSyntax need `reload`
    const rights = new Set(specMethods.filter((m) => isAllowedEngineCall(m.type, m.method)).flatMap((m) => m.rights));
    expect([...rights].sort()).toEqual(['reload']);
  });

  it('refuses every method named in the hardening issue', () => {
    for (const name of NAMED_MUTATORS) {
      const [type, method] = name.split('.') as [string, string];
      expect(isAllowedEngineCall(type, method), name).toBe(false);
      expect(isPersistentChange(type, method), name).toBe(true);
    }
  });
});

describe('walking every engine method through a session on the simulated engine', () => {
  let app: SimApp;
  beforeAll(async () => {
    app = await loadAppFolder(`${DEFAULT_APPS_DIR}/demo`);
    appModelOf(app).behaviour.openDocMs = 0;
  });

  const allowedCount = specMethods.filter((m) => isAllowedEngineCall(m.type, m.method)).length;
  it(`sends only the ${allowedCount} allow-listed methods: the other ${specMethods.length - allowedCount} of the spec are refused before they leave`, async () => {
    const calls: CallRecord[] = [];
    const sent: string[] = [];
    const record = (c: CallRecord) => calls.push(c);
    const factory = inMemorySocketFactory(app, developer, record);
    const engine = await openEngineSession({
      url: 'https://tenant.example',
      appId: app.id,
      keepaliveMs: 0,
      createSocket: (url) => {
        const socket = factory(url);
        const send = socket.send.bind(socket);
        socket.send = (data) => {
          sent.push(String((JSON.parse(data) as { method?: unknown }).method));
          send(data);
        };
        return socket;
      },
    });
    try {
      const model = appModelOf(app);
      const sheetId = [...model.objects.values()].find((o) => o.type === 'sheet')?.id ?? '';
      const bookmarkId = [...model.bookmarks.keys()][0] ?? '';
      const doc = engine.doc as unknown as { handle: number; session: EnigmaSessionForTest };
      const session = doc.session;
      const object = (await engine.doc.getObject(sheetId)) as unknown as { handle: number };
      const bookmark = (await engine.doc.getBookmark(bookmarkId)) as unknown as { handle: number };
      // types whose handles only refused methods give (GetField, GetVariableById …): an API on an
      // unused handle number, so the interceptor knows the type of the call
      const handleOf = (type: string): number => {
        if (type === 'Global') return -1;
        if (type === 'Doc') return doc.handle;
        if (type === 'GenericObject') return object.handle;
        if (type === 'GenericBookmark') return bookmark.handle;
        const handle = 9000 + type.length;
        session.getObjectApi({ handle, id: `walk-${type}`, type, genericType: type });
        return handle;
      };
      const sentBefore = sent.length;
      const outcomes = new Map<string, 'refused' | 'sent'>();
      for (const { type, method } of specMethods) {
        const result = await session.send({ handle: handleOf(type), method, params: [] }).then(
          () => 'sent' as const,
          (error: unknown) => (error instanceof EngineError && error.kind === 'refused' ? ('refused' as const) : ('sent' as const)),
        );
        outcomes.set(`${type}.${method}`, result);
      }
      const allowed = specMethods.filter((m) => isAllowedEngineCall(m.type, m.method)).map((m) => `${m.type}.${m.method}`);
      const refused = [...outcomes].filter(([, r]) => r === 'refused').map(([name]) => name);
      expect(refused.length).toBe(specMethods.length - allowed.length);
      for (const name of allowed) expect(outcomes.get(name), name).toBe('sent');
      for (const name of NAMED_MUTATORS) expect(outcomes.get(name), name).toBe('refused');
      // what left the client is exactly the allowed calls, and the engine saw nothing else
      expect(sent.slice(sentBefore).sort()).toEqual(allowed.map((n) => n.split('.')[1]).sort());
      expect(calls.filter((c) => !isAllowedEngineCall(c.objectType, c.method))).toEqual([]);
      expect(persistentChanges(calls)).toEqual([]);
    } finally {
      await engine.close();
    }
  }, 60_000);

  it('the allow-list is exactly what a whole collection of the demo app calls, plus what enigma.js sends when it resumes', async () => {
    const calls: CallRecord[] = [];
    await onVirtualClock(async () => {
      const engine = await openEngineSession({ url: 'https://tenant.example', appId: app.id, createSocket: inMemorySocketFactory(app, developer, (c) => calls.push(c)) });
      try {
        await collectApp({ engine, appId: app.id, source: { host: 'tenant.example', mode: 'test' } });
      } finally {
        await engine.close();
      }
    });
    const called = new Set(calls.map((c) => `${c.objectType}.${c.method}`));
    const listed = Object.entries(ENGINE_ALLOW_LIST).flatMap(([type, methods]) => [...methods].map((m) => `${type}.${m}`));
    expect([...called].filter((name) => !listed.includes(name))).toEqual([]);
    // GetActiveDoc: enigma.js, on a resume (session-resume.test.ts); GetHyperCubeData: a straight
    // table's first page in the timing pass when its layout does not already carry it (the demo's do)
    expect(listed.filter((name) => !called.has(name)).sort()).toEqual(['GenericObject.GetHyperCubeData', 'Global.GetActiveDoc']);
    expect(persistentChanges(calls)).toEqual([]);
  }, 120_000);

  it('the socket itself refuses any frame whose method is not allowed (enigma.js sends its resume requests past interceptors)', () => {
    const frames: string[] = [];
    const inner: WebSocketLike = { readyState: 1, OPEN: 1, send: (d) => frames.push(d), close: () => undefined, onopen: null, onclose: null, onerror: null, onmessage: null };
    const socket = guardSocket(inner);
    for (const { method } of specMethods) {
      const frame = JSON.stringify({ jsonrpc: '2.0', id: 1, handle: 1, method, params: [] });
      if (ENGINE_ALLOWED_METHODS.has(method)) socket.send(frame);
      else expect(() => socket.send(frame), method).toThrow(/refused to send/);
    }
    expect(() => socket.send('not json')).toThrow(/refused/);
    expect(frames.map((f) => (JSON.parse(f) as { method: string }).method).every((m) => ENGINE_ALLOWED_METHODS.has(m))).toBe(true);
    socket.refuseAll(new EngineError('gone', 'unresponsive'));
    expect(() => socket.send(JSON.stringify({ method: 'GetLayout' }))).toThrow('gone');
  });
});

describe('the HTTP allow-list (REST client and in-tab bridge)', () => {
  it('allows GET and HEAD on the listed paths, with an optional virtual proxy prefix and a query', () => {
    for (const path of HTTP_ALLOWED_PATHS) expect(httpRefusal('GET', path.replace(/\{id\}/g, 'abc-1')), path).toBeUndefined();
    expect(httpRefusal('get', '/api/v1/reloads?appId=a&limit=10')).toBeUndefined();
    expect(httpRefusal('HEAD', '/qs/qps/csrftoken?xrfkey=0123456789abcdef')).toBeUndefined();
    expect(httpRefusal('GET', '/api/v1/apps/a%2Fb/data/metadata')).toBeUndefined();
  });

  it.each([
    ['POST', '/api/v1/reloads'],
    ['POST', '/api/v1/apps/a/evaluations'],
    ['PUT', '/api/v1/apps/a'],
    ['PATCH', '/api/v1/apps/a'],
    ['DELETE', '/api/v1/apps/a'],
    ['POST', '/api/v1/apps/a/copy'],
    ['GET', '/api/v1/apps/a/export'],
    ['GET', '/api/v1/apps/a/publish'],
    ['GET', '/api/v1/users'],
    ['GET', '/api/v1/apps/a/../../users'],
    ['GET', '/api/v1/apps/a/%2e%2e/b'],
    ['GET', '/a/b/api/v1/users/me'],
    ['OPTIONS', '/api/v1/users/me'],
  ])('refuses %s %s', (method, path) => {
    expect(httpRefusal(method, path)).toMatch(/^Qlarity refused to send/);
  });

  it('the REST client refuses before fetch is called', async () => {
    const seen: string[] = [];
    const rest = createRestClient({ baseUrl: 'https://t', fetch: async (u) => (seen.push(u), new Response('{}')) });
    await expect(rest.getJson('/api/v1/apps/a/export', (await import('zod')).z.unknown())).rejects.toMatchObject({ code: 'READ_ONLY' });
    await expect(rest.getText('/api/v1/users')).rejects.toThrow(/not on the read-only allow-list/);
    expect(seen).toEqual([]);
  });
});

interface EnigmaSessionForTest {
  send(request: { handle: number; method: string; params: unknown[] }): Promise<unknown>;
  getObjectApi(args: { handle: number; id: string; type: string; genericType: string }): unknown;
}
