import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { DEFAULT_QUOTA_BYTES, quotaShareOption } from '../shared/quota';
import { appSizeBytes } from '../../snapshot/app-size';
import { formatBytes } from '../../format/bytes';
import { SOURCES } from '../shared/sources';
import { formatPercent } from '../../format/numbers';

export default defineRule({
  code: 'R11',
  name: 'app-memory-near-quota',
  category: 'resource',
  severity: 'warning',
  summary: "The app's size in memory is close to the tenant's app-size quota.",
  why: {
    text: "An app over its size quota cannot be reloaded or opened any more. Qlik's App Analyzer warns from 80 % of the quota so there is time to act.",
    sources: [SOURCES.appAnalyzer, SOURCES.qlikApiApps],
  },
  howToFix: 'Drop unused and high-cardinality fields (R01, R07, R08), aggregate large tables, or move the app to a space with a larger quota.',
  severityReason:
    "Measured against the tenant's quota: the app still opens and reloads, but over the quota it no longer does; the App Analyzer warns from 80 %.",
  options: z.object({
    quotaBytes: z._default(z.number().check(z.positive()), DEFAULT_QUOTA_BYTES).check(z.describe("the tenant's in-memory app size quota in bytes (default 5 GiB; set your entitlement)")),
    share: quotaShareOption(),
  }),
  needs: ['appSize'],
  check(ctx) {
    const size = appSizeBytes(ctx.snapshot);
    if (size === undefined) return ctx.cannotRun('the app size (static_byte_size) was not collected');
    const { quotaBytes, share } = ctx.options;
    if (size < quotaBytes * share) return;
    ctx.report({
      target: ctx.index.appTarget(),
      message: `The app needs ${formatBytes(size)} in memory, ${formatPercent(size / quotaBytes)} of the ${formatBytes(quotaBytes)} quota (threshold ${formatPercent(share)}).`,
      data: { bytes: size, quotaBytes },
      content: 'app-size',
    });
  },
});
