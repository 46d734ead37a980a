// The npm package `serializeapp` (3.0.0, a dev dependency): a real peer that reads a whole app
// through enigma.js (sheets, stories, master objects and app props as full property trees, master
// items, bookmarks, variables, fields, connections, media). It takes the enigma.js Doc object.
// It requires the `promise` package without declaring it, so that is a dev dependency of ours.
// It runs in a plain enigma.js session, as its users run it: ours refuses the methods outside the
// analysis's read-only allow-list (lib/qlik/read-only.ts), such as GetConnections.
import { createRequire } from 'node:module';
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
import type { CreateSocket } from '../lib/qlik/engine/types.ts';
import { buildEngineUrl } from '../lib/qlik/engine/url.ts';

type SerializeApp = (doc: unknown) => Promise<Record<string, unknown>>;

export function loadSerializeApp(): SerializeApp {
  return createRequire(import.meta.url)('serializeapp') as SerializeApp;
}

/** The app opened in a plain enigma.js session (no interceptors of ours). */
export async function openPlainSession(baseUrl: string, appId: string, create: CreateSocket): Promise<{ doc: unknown; close(): Promise<void> }> {
  const session = enigma.create({ schema, url: buildEngineUrl({ baseUrl, appId }), createSocket: (url: string) => create(url) as unknown as WebSocket });
  const global = (await session.open()) as unknown as { openDoc(id: string): Promise<unknown> };
  const doc = await global.openDoc(appId);
  return { doc, close: async () => void (await session.close()) };
}
