// A statement to paste into the load script (R01's DROP FIELDS), with what to know before pasting it.
import type { UnusedFieldSummary } from '../rules/shared/unused-field-summary';

export interface ReadyStatement {
  text: string;
  /** a caveat, e.g. R01's: after a BINARY load, DROP FIELDS does not release all the memory */
  warning?: string;
}

/** R01's DROP FIELDS statement of the high-confidence unused fields, with its BINARY caveat when there is one. */
export function dropFieldsOf(summary: UnusedFieldSummary): ReadyStatement | undefined {
  if (!summary.dropStatement) return undefined;
  return { text: summary.dropStatement, ...(summary.warning ? { warning: summary.warning } : {}) };
}
