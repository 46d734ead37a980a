/** Bit flags of a function-table row. */
export const AGG = 1; // an aggregation function (qAggrFunc in the engine BNF)
export const SET = 2; // accepts a set expression {…}
export const DST = 4; // accepts DISTINCT / NODISTINCT
export const TOT = 8; // accepts TOTAL [<fields>]
export const DEP = 16; // deprecated (qDepr in the engine BNF)
export const CHT = 32; // chart-only function, taken from the inqlik table (not in the script BNF)

/** [name, minArgs, maxArgs, flags, group] */
export type FunctionRow = readonly [name: string, minArgs: number, maxArgs: number, flags: number, group: string];
