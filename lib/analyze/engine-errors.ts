// Engine calculation error codes (LOCERR_CALC_*, engine-rpc.json "x-qlik-const"), and which of
// them mean a resource limit (P05) or an unfulfilled calculation condition (not an error).
export const ENGINE_ERRORS: ReadonlyMap<number, string> = new Map([
  [7000, 'All expressions disabled'],
  [7001, 'Dimension or measure not in library'],
  [7002, 'Out of object memory'],
  [7003, 'Too many cells'],
  [7004, 'Calculation timed out'],
  [7005, 'Calculation condition unfulfilled'],
  [7006, 'Mixed DBMS and in-memory aggregation is not supported'],
  [7007, 'Direct query attempted against missing or non-direct table'],
  [7008, 'Invalid properties sort order'],
  [7009, 'Calculation pages too large'],
  [7010, 'Semantic fields not allowed in calculation'],
  [7011, 'The object is not in a valid data state'],
  [7012, 'The pivot dimensions already exist'],
  [7013, 'A direct table field is missing'],
  [7014, 'A calculation condition stopped the calculation'],
  [8000, 'Invalid extends id for properties'],
  [8001, 'Linked object not found on layout'],
  [8002, 'Invalid linked object'],
]);

/** memory, cell-count, time and page-size limits: P05 */
export const LIMIT_ERRORS: ReadonlySet<number> = new Set([7002, 7003, 7004, 7009]);
/** a calculation condition, not a failure */
export const CONDITION_CODES: ReadonlySet<number> = new Set([7005, 7014]);

export const describeEngineError = (code: number): string => `${ENGINE_ERRORS.get(code) ?? 'Engine error'} (${code})`;
