// The key an app's results are stored under (storage, history, runs), without zod: the popup's
// first render needs it.
import type { QlikAppLocation } from '../qlik/url';

/** The key results are stored under: one per app, whatever sheet is open. */
export function appKeyOf(app: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>): string {
  return `${app.origin}${app.prefix}|${app.appId}`;
}
