// The npm package `serializeapp` (3.0.0, a dev dependency): a real peer that reads a whole app
// through enigma.js (sheets, stories, master objects and app props as full property trees, master
// items, bookmarks, variables, fields, connections, media). It takes the enigma.js Doc object.
// It requires the `promise` package without declaring it, so that is a dev dependency of ours.
import enigma from 'enigma.js';
import schema from 'enigma.js/schemas/12.2027.0.json';
import { createRequire } from 'node:module';
import type { CreateSocket } from '../lib/qlik/engine/types';
import { buildEngineUrl } from '../lib/qlik/engine/url';

type SerializeApp = (doc: unknown) => Promise<Record<string, unknown>>;

export function loadSerializeApp(): SerializeApp {
  return createRequire(import.meta.url)('serializeapp') as SerializeApp;
}

/**
 * A plain enigma.js session for the peer. serializeapp reads more than an analysis needs (data
 * connections, media lists …), which Qlarity's own sessions refuse by their read-only allow-list
 * (lib/qlik/read-only.ts); the peer is not Qlarity, so it gets enigma.js as its authors use it.
 */
export async function openPeerSession(baseUrl: string, appId: string, createSocket: CreateSocket): Promise<{ doc: unknown; close(): Promise<void> }> {
  const identity = `serializeapp-${Math.random().toString(36).slice(2)}`;
  const session = enigma.create({ schema, url: buildEngineUrl({ baseUrl, appId, identity }), createSocket: createSocket as never, suspendOnClose: false });
  const global = (await session.open()) as unknown as { openDoc(id: string): Promise<unknown> };
  const doc = await global.openDoc(appId);
  return { doc, close: () => session.close().then(() => undefined) };
}
