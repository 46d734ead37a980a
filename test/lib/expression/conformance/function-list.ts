// The functions Qlik's help lists for chart expressions: "Chart functions" and the script-and-chart
// function pages it links to (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/
// ChartFunctions/functions-in-charts.htm and .../Scripting/functions-in-scripts-chart-expressions.htm),
// by group. The function table must know every one of them.
export const HELP_CHART_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  aggregation: ['Avg', 'Count', 'FirstSortedValue', 'Max', 'MaxString', 'Median', 'Min', 'MinString', 'MissingCount', 'Mode', 'NullCount', 'NumericCount', 'Only', 'Sum', 'TextCount', 'Concat'],
  statistical: [
    'Correl', 'Fractile', 'FractileExc', 'Kurtosis', 'LINEST_B', 'LINEST_DF', 'LINEST_F', 'LINEST_M', 'LINEST_R2', 'LINEST_SEB', 'LINEST_SEM',
    'LINEST_SEY', 'LINEST_SSREG', 'LINEST_SSRESID', 'Skew', 'Stdev', 'Sterr', 'STEYX',
  ],
  'statistical tests': [
    'Chi2Test_chi2', 'Chi2Test_df', 'Chi2Test_p', 'TTest_conf', 'TTest_df', 'TTest_dif', 'TTest_lower', 'TTest_sig', 'TTest_sterr', 'TTest_t',
    'TTest_upper', 'TTestw_conf', 'TTestw_df', 'TTestw_dif', 'TTestw_lower', 'TTestw_sig', 'TTestw_sterr', 'TTestw_t', 'TTestw_upper', 'TTest1_conf',
    'TTest1_df', 'TTest1_dif', 'TTest1_lower', 'TTest1_sig', 'TTest1_sterr', 'TTest1_t', 'TTest1_upper', 'TTest1w_conf', 'TTest1w_df', 'TTest1w_dif',
    'TTest1w_lower', 'TTest1w_sig', 'TTest1w_sterr', 'TTest1w_t', 'TTest1w_upper', 'ZTest_conf', 'ZTest_dif', 'ZTest_sig', 'ZTest_sterr', 'ZTest_z',
    'ZTest_lower', 'ZTest_upper', 'ZTestw_conf', 'ZTestw_dif', 'ZTestw_lower', 'ZTestw_sig', 'ZTestw_sterr', 'ZTestw_upper', 'ZTestw_z',
  ],
  financial: ['IRR', 'NPV', 'XIRR', 'XNPV', 'BlackAndSchole', 'FV', 'nPer', 'Pmt', 'PV', 'Rate'],
  'inter-record': [
    'Above', 'Below', 'Bottom', 'Column', 'ColumnNo', 'Dimensionality', 'First', 'Last', 'NoOfColumns', 'NoOfRows', 'RowNo',
    'SecondaryDimensionality', 'Top', 'Before', 'After',
  ],
  ranking: ['Rank', 'HRank', 'VRank'],
  aggr: ['Aggr'],
  range: [
    'RangeAvg', 'RangeCorrel', 'RangeCount', 'RangeFractile', 'RangeFractileExc', 'RangeIRR', 'RangeKurtosis', 'RangeMax', 'RangeMaxString', 'RangeMin',
    'RangeMinString', 'RangeMissingCount', 'RangeMode', 'RangeNPV', 'RangeNullCount', 'RangeNumericCount', 'RangeOnly', 'RangeSkew', 'RangeStdev',
    'RangeSum', 'RangeTextCount', 'RangeXIRR', 'RangeXNPV',
  ],
  conditional: ['Alt', 'Class', 'Coalesce', 'If', 'Match', 'MixMatch', 'Pick', 'WildMatch', 'EmptyIsNull', 'IsNull', 'Null'],
  logical: ['IsNum', 'IsText', 'True', 'False'],
  string: [
    'Capitalize', 'Chr', 'Evaluate', 'FindOneOf', 'Hash128', 'Hash160', 'Hash256', 'Index', 'IsJson', 'JsonGet', 'JsonSet', 'KeepChar', 'Left', 'Len',
    'LevenshteinDist', 'Lower', 'LTrim', 'Mid', 'Ord', 'PurgeChar', 'Repeat', 'Replace', 'Right', 'RTrim', 'SubField', 'SubStringCount', 'TextBetween',
    'Trim', 'Upper', 'ApplyCodepage',
  ],
  'date and time': [
    'AddMonths', 'AddYears', 'Age', 'ConvertToLocalTime', 'Day', 'DayEnd', 'DayName', 'DayNumberOfQuarter', 'DayNumberOfYear', 'DayStart', 'FirstWorkDate',
    'GMT', 'Hour', 'InDay', 'InDayToTime', 'InLunarWeek', 'InLunarWeekToDate', 'InMonth', 'InMonths', 'InMonthsToDate', 'InMonthToDate', 'InQuarter',
    'InQuarterToDate', 'InWeek', 'InWeekToDate', 'InYear', 'InYearToDate', 'LastWorkDate', 'LocalTime', 'LunarWeekEnd', 'LunarWeekName',
    'LunarWeekStart', 'MakeDate', 'MakeTime', 'MakeWeekDate', 'Minute', 'Month', 'MonthEnd', 'MonthName', 'MonthsEnd', 'MonthsName', 'MonthsStart',
    'MonthStart', 'NetWorkDays', 'Now', 'QuarterEnd', 'QuarterName', 'QuarterStart', 'Second', 'SetDateYear', 'SetDateYearMonth', 'TimeZone', 'Today',
    'UTC', 'Week', 'WeekDay', 'WeekEnd', 'WeekName', 'WeekStart', 'WeekYear', 'Year', 'YearEnd', 'YearName', 'YearStart', 'YearToDate',
  ],
  formatting: ['Date', 'Dual', 'Interval', 'Money', 'Num', 'Time', 'Timestamp'],
  interpretation: ['Date#', 'Interval#', 'Money#', 'Num#', 'Text', 'Time#', 'Timestamp#'],
  numeric: ['BitCount', 'Ceil', 'Combin', 'Div', 'Even', 'Fabs', 'Fact', 'Floor', 'Fmod', 'Frac', 'Mod', 'Odd', 'Permut', 'Round', 'Sign', 'NumAvg', 'NumCount', 'NumMax', 'NumMin', 'NumSum'],
  'exponential and trigonometric': ['e', 'Exp', 'Log', 'Log10', 'Pi', 'Pow', 'Sqr', 'Sqrt', 'Acos', 'Acosh', 'Asin', 'Asinh', 'Atan', 'Atan2', 'Atanh', 'Cos', 'Cosh', 'Sin', 'Sinh', 'Tan', 'Tanh'],
  'statistical distribution': [
    'BetaDensity', 'BetaDist', 'BetaInv', 'BinomDist', 'BinomFrequency', 'BinomInv', 'ChiDensity', 'ChiDist', 'ChiInv', 'FDensity', 'FDist', 'FInv',
    'GammaDensity', 'GammaDist', 'GammaInv', 'NormDist', 'NormInv', 'PoissonDensity', 'PoissonDist', 'PoissonFrequency', 'PoissonInv', 'TDensity',
    'TDist', 'TInv',
  ],
  color: [
    'ARGB', 'Black', 'Blue', 'Brown', 'Color', 'ColorMapHue', 'ColorMapJet', 'ColorMix1', 'ColorMix2', 'Cyan', 'DarkGray', 'Green', 'HSL', 'LightBlue',
    'LightCyan', 'LightGray', 'LightGreen', 'LightMagenta', 'LightRed', 'Magenta', 'QlikTechBlue', 'QlikTechGray', 'Red', 'RGB', 'SysColor', 'White', 'Yellow',
  ],
  field: [
    'GetAlternativeCount', 'GetCurrentSelections', 'GetExcludedCount', 'GetFieldSelections', 'GetNotSelectedCount', 'GetObjectDimension', 'GetObjectField',
    'GetObjectMeasure', 'GetPossibleCount', 'GetSelectedCount',
  ],
  'system and object': [
    'Author', 'ClientPlatform', 'ComputerName', 'DocumentName', 'DocumentPath', 'DocumentTitle', 'EngineVersion', 'GetActiveSheetId', 'GetExtendedProperty',
    'GetSysAttr', 'InObject', 'IsPartialReload', 'ObjectId', 'OSUser', 'ProductVersion', 'ReloadTime', 'StateName',
  ],
  'synthetic dimension': ['ValueList', 'ValueLoop'],
  table: ['FieldIndex', 'FieldName', 'FieldNumber', 'FieldValue', 'FieldValueCount', 'NoOfFields', 'NoOfTables', 'TableName', 'TableNumber'],
  mapping: ['ApplyMap', 'MapSubString'],
  geospatial: [
    'GeoAggrGeometry', 'GeoBoundingBox', 'GeoCountVertex', 'GeoGetBoundingBox', 'GeoGetPolygonCenter', 'GeoInvProjectGeometry', 'GeoMakePoint',
    'GeoProject', 'GeoProjectGeometry', 'GeoReduceGeometry',
  ],
  'server-side extensions': ['ScriptAggr', 'ScriptAggrEx', 'ScriptAggrExStr', 'ScriptAggrStr', 'ScriptEval', 'ScriptEvalEx', 'ScriptEvalExStr', 'ScriptEvalStr'],
};
