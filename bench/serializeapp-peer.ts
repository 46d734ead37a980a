// The npm package `serializeapp` (3.0.0, a dev dependency): a real peer that reads a whole app
// through enigma.js (sheets, stories, master objects and app props as full property trees, master
// items, bookmarks, variables, fields, connections, media). It takes the enigma.js Doc object.
// It requires the `promise` package without declaring it, so that is a dev dependency of ours.
import { createRequire } from 'node:module';

type SerializeApp = (doc: unknown) => Promise<Record<string, unknown>>;

export function loadSerializeApp(): SerializeApp {
  return createRequire(import.meta.url)('serializeapp') as SerializeApp;
}
