// Forms the help neither shows nor forbids but that render in Qlik's own published apps (the Qlik
// Sense monitoring apps and the Qlik Cloud analyzer apps): a form that renders in Qlik's own apps is
// valid. Evidence: issue #14 ("Precision"), which saw each of them render in those apps while our parser
// called them syntax errors. `page` names the apps and what the form does there.
// The apps in ../shared/corpus (Reload Analyzer, Consumer Sales, App H) hold none of the three
// forms: every string in their JSON files, unescaped, was searched (2026-12-07) for an unquoted
// `={*}`, `TOTAL DISTINCT` and a set modifier opening with a bare field (`{<A,` / `{<A>}`); their
// set expressions use only quoted element lists (`ReloadID={"*"}` in Reload Analyzer). So the issue
// stays the evidence until a published app that has them is in the corpus.
import type { ConformanceCase } from './case';

const app = (name: string, exprs: readonly string[]): ConformanceCase[] => exprs.map((expr) => ({ expr, page: name }));

export const PUBLISHED_APP_CASES: readonly ConformanceCase[] = [
  // {<F={*}>}: an unquoted * as the element list (all values of F).
  ...app('Qlik Sense monitoring and Qlik Cloud analyzer apps: {<F={*}>} selects every value of F', [
    'Count({<UserId={*}>} DISTINCT UserId)',
    'Sum({<Year={*}, Month=>} Sessions)',
  ]),
  // Count(TOTAL DISTINCT x): the qualifiers in the other order than the help writes them.
  ...app('Qlik Sense monitoring and Qlik Cloud analyzer apps: Count(TOTAL DISTINCT x)', [
    'Count(TOTAL DISTINCT UserId)',
    'Count({<Year={2021}>} TOTAL DISTINCT UserId)',
  ]),
  // {<A,B>}: field names without an element set clear the selections in those fields, like <A=,B=>.
  ...app('Qlik Sense monitoring and Qlik Cloud analyzer apps: {<A,B>} clears the selections in A and B', [
    'Sum({<Year, Month>} Sales)',
    'Count({$<AppName, SpaceName>} DISTINCT UserId)',
    'Sum({<Year, Month={1}>} Sales)',
  ]),
];
