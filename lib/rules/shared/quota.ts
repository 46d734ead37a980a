// What the two near-quota rules (R11 app size, R12 reload peak) share: the default quota and the
// share of it at which to report (Qlik's App Analyzer warns from 80 %).
import { z } from '../../schema/zod';

/** The default in-memory quota, 5 GiB: users set their entitlement. */
export const DEFAULT_QUOTA_BYTES = 5 * 1024 ** 3;

/** The option `share`: the share of the quota at which to report. */
export const quotaShareOption = () => z._default(z.number().check(z.minimum(0), z.maximum(1)), 0.8).check(z.describe('share of the quota at which to report'));
