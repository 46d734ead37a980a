// What the extension knows about one browser tab: the contract between the background and the
// popup / side panel. Built by lib/extension/tab-state.ts from the tab's address.
import { z } from '../schema/zod';
import { QlikPlatform } from '../qlik/platform';
import type { QlikAppLocation } from '../qlik/url';
import { AnalysisRun } from './run';

export const TabId = z.number().check(z.int(), z.nonnegative());

/** The Qlik app shown in a tab (mirrors lib/qlik/url.ts `QlikAppLocation`, validated at the boundary). */
export const QlikApp = z.object({
  origin: z.url({ protocol: /^https?$/ }),
  host: z.string().check(z.minLength(1)),
  prefix: z.string(),
  hostKind: z.enum(['qlik-cloud', 'qlik-cloud-gov', 'other']),
  appId: z.string().check(z.minLength(1)),
  view: z.enum(['app', 'sheet', 'dataloadeditor', 'datamodelviewer', 'single']),
  sheetId: z.optional(z.string()),
  sheetMode: z.optional(z.enum(['analysis', 'edit'])),
});
export type QlikApp = z.infer<typeof QlikApp>;

// Ties the schema to the parser's type: a change on either side fails the typecheck.
const _parserFitsSchema = (loc: QlikAppLocation): QlikApp => loc;
const _schemaFitsParser = (app: QlikApp): QlikAppLocation => app;

/**
 * Which Qlik product serves the tab: confirmed from product-info.json when it answered, else what
 * the host name suggests (lib/extension/platform-lookup.ts).
 */
export const TabPlatform = z.object({
  platform: QlikPlatform,
  confirmed: z.boolean(),
  /** e.g. "Qlik Sense (November 2024)" */
  productLabel: z.optional(z.string().check(z.maxLength(200))),
  version: z.optional(z.string().check(z.maxLength(100))),
});
export type TabPlatform = z.infer<typeof TabPlatform>;


export const TabState = z.discriminatedUnion('kind', [
  /** A Qlik app page Qlarity may analyse. */
  z.object({ kind: z.literal('qlik-app'), tabId: TabId, app: QlikApp, run: z.nullable(AnalysisRun), platform: z.optional(TabPlatform) }),
  /** Looks like a Qlik app on a host outside the default permissions: the user must allow it first. */
  z.object({ kind: z.literal('needs-permission'), tabId: TabId, app: QlikApp, originPattern: z.string() }),
  /** Any other page (or one whose address the extension may not read). */
  z.object({ kind: z.literal('not-qlik'), tabId: TabId, host: z.optional(z.string()) }),
  /** No tab to talk about (closed, or a browser page). */
  z.object({ kind: z.literal('no-tab') }),
]);
export type TabState = z.infer<typeof TabState>;
