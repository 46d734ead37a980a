// The messages about what the background stores: analyses (with their snapshots) and settings,
// and the rules' verdict on a rule configuration. The options page sends them; the popup never
// does, so it does not load these schemas.
import { z } from '../schema/zod';
import { request } from './envelope';
import { AnalysedApp, StoredAnalysis } from './stored-analysis';
import { RuleConfig, Settings } from './settings';

export const storedRequests = {
  /**
   * The last full analysis (result + snapshot, hidden findings applied) of an app, or null. The
   * side panel reads the same IndexedDB directly (lib/extension/last-analysis.ts) because a
   * snapshot can be several MB; this request serves pages or tools that cannot.
   */
  'get-last-analysis': {
    request: request('get-last-analysis', { appKey: z.string().check(z.minLength(1)) }),
    response: z.nullable(StoredAnalysis),
  },
  /** The apps with a stored analysis, newest first (the options page offers them for per-app rules). */
  'list-analysed-apps': {
    request: request('list-analysed-apps', {}),
    response: z.array(AnalysedApp),
  },
  'get-settings': {
    request: request('get-settings', {}),
    response: Settings,
  },
  'set-settings': {
    request: request('set-settings', { settings: Settings }),
    response: Settings,
  },
  /**
   * What the rules say about a rule configuration: keys that name no rule, option values a rule's
   * own schema refuses; per field path (`analysis.rules.P01.options.firstMs`), empty when accepted.
   * The background has the rules, so the options page validates without bundling them.
   */
  'check-rule-config': {
    request: request('check-rule-config', { analysis: z.optional(RuleConfig) }),
    response: z.record(z.string(), z.string()),
  },
} as const;
