// A snapshot collected over REST only (the engine was out of reach in this connection mode) carries
// the collection issue ENGINE_UNAVAILABLE on the engine-only parts; the UI says so with this note.
import type { AppSnapshot } from './schema';

/** Collection issue code of every part left out because the engine was not reachable. */
export const ENGINE_UNAVAILABLE = 'ENGINE_UNAVAILABLE';

/** The note a REST-only snapshot carries for the UI: engine analysis needs another mode. */
export function engineUnavailableNote(snapshot: Pick<AppSnapshot, 'collectionIssues'>): string | undefined {
  const issue = snapshot.collectionIssues.find((i) => i.code === ENGINE_UNAVAILABLE);
  if (!issue) return undefined;
  return `Engine analysis needs another mode. Only what the REST APIs give was analysed: ${issue.message}. Sheets, objects, expressions, master items, variables, bookmarks, the data model and timings need the engine.`;
}
