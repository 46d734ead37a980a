// One case of the parser conformance suite: an expression and the Qlik help page it comes from.
export interface ConformanceCase {
  readonly expr: string;
  /** the help page's title and its path under https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/ */
  readonly page: string;
}

/** A broken form: the parser must report an error-severity syntax diagnostic. */
export interface BrokenCase {
  readonly expr: string;
  readonly why: string;
}

export function onPage(title: string, path: string, exprs: readonly string[]): ConformanceCase[] {
  return exprs.map((expr) => ({ expr, page: `${title} (${path})` }));
}
