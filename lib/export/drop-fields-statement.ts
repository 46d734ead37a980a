// The DROP FIELDS statement for a list of field names: the one builder for rule R01's summary and
// the DROP FIELDS export. No imports, so rules can use it without pulling in the exports.

/** `[name]` with `]` doubled, as the Qlik script reads a bracketed field name. */
export const bracketFieldName = (name: string): string => `[${name.replace(/\]/g, ']]')}]`;

export function dropFieldsStatement(names: readonly string[]): string {
  return `DROP FIELDS ${names.map(bracketFieldName).join(', ')};`;
}
