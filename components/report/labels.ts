// Words for enum values shown in the report.
import type { TargetKind } from '../../lib/analyze/result';

export { CATEGORY_NAME, SEVERITY_NAME, SEVERITY_PLURAL, TARGET_KIND_LABEL } from '../../lib/report/labels';

/** Targets Qlik can open in the tab: sheets and objects, master items, the load script. */
export function defaultCanShowInApp(target: { kind: TargetKind; sheet?: unknown }): boolean {
  return ['sheet', 'object', 'master-measure', 'master-dimension', 'master-object', 'script'].includes(target.kind) || target.sheet !== undefined;
}
