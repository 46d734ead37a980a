// The rule metadata an export links to: the caller's, or the registry's. Its own module because the
// registry holds every rule (and the expression parser they use): only the SARIF renderer needs it,
// and the pages that parse or list analyses (lib/export/json.ts, input.ts) must not carry it.
import type { RuleDoc } from '../report/rule-docs';
import { RULES } from '../rules/index';
import type { ExportInput } from './input';

export const rulesOf = (input: ExportInput): readonly RuleDoc[] => input.rules ?? RULES;
