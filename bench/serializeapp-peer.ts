// The npm package `serializeapp` (3.0.0, a dev dependency): a real peer that reads a whole app
// through enigma.js (sheets, stories, master objects and app props as full property trees, master
// items, bookmarks, variables, fields, connections, media). It takes the enigma.js Doc object.
// serializeapp requires the `promise` package without declaring it as a dependency; it only uses
// its `Promise.all`, so that one require is answered with the native Promise (promise-shim.cjs).
import Module, { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

type SerializeApp = (doc: unknown) => Promise<Record<string, unknown>>;

const shim = fileURLToPath(new URL('./promise-shim.cjs', import.meta.url));

export function loadSerializeApp(): SerializeApp {
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = (request, ...rest) => (request === 'promise' ? shim : original(request, ...rest));
  try {
    return createRequire(import.meta.url)('serializeapp') as SerializeApp;
  } finally {
    resolver._resolveFilename = original;
  }
}
