// The variables the engine lists as reserved (`qIsReserved`) when the load script sets them, some
// also as configuration (`qIsConfig`): the number interpretation, system, value-handling and error
// variables of Qlik help (cloud-services …/Sense_Hub/Scripting/NumberInterpretationVariables/
// NumberInterpretationVariables.htm, …/SystemVariables/system-variables.htm, …/ErrorVariables/
// ErrorVariables.htm). NxVariableListItem (Engine JSON API) names both kinds reserved: "ScriptError is
// a reserved variable, set by the engine; DayNames is a reserved variable, set by the user". Which
// ones carry qIsConfig as well is not documented; the split below is the simulated engine's, and no
// rule tells the two apart (D06 skips both). Names are case-sensitive. One home for the list: an app
// folder analysed offline flags the script's variables with it (lib/offline/snapshot.ts) as the
// simulated engine lists them (test/sim/engine/layout.ts).

/** Number interpretation variables (and the two load settings): `qIsConfig` and `qIsReserved`. */
export const CONFIG_VARIABLES: readonly string[] = [
  'ThousandSep', 'DecimalSep', 'MoneyThousandSep', 'MoneyDecimalSep', 'MoneyFormat', 'TimeFormat', 'DateFormat', 'TimestampFormat',
  'FirstWeekDay', 'BrokenWeeks', 'ReferenceDay', 'FirstMonthOfYear', 'CollationLocale', 'CreateSearchIndexOnReload', 'MonthNames',
  'LongMonthNames', 'DayNames', 'LongDayNames', 'NumericalAbbreviation',
];

/** System, value-handling and error variables: `qIsReserved`. */
export const RESERVED_VARIABLES: readonly string[] = [
  'ScriptError', 'ScriptErrorCount', 'ScriptErrorList', 'ErrorMode', 'HidePrefix', 'HideSuffix', 'StripComments', 'Verbatim',
  'OpenUrlTimeout', 'NullInterpret', 'NullValue', 'OtherSymbol', 'QvPath', 'QvRoot', 'QvWorkPath', 'QvWorkRoot', 'WinPath', 'WinRoot',
];

/** How the engine flags a variable of this name that the script sets. */
export function reservedFlags(name: string): { qIsReserved?: true; qIsConfig?: true } {
  if (CONFIG_VARIABLES.includes(name)) return { qIsReserved: true, qIsConfig: true };
  if (RESERVED_VARIABLES.includes(name)) return { qIsReserved: true };
  return {};
}
