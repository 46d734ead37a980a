// Example expressions of Qlik's dollar-sign expansion help pages (Qlik Cloud help, "Dollar-sign
// expansions" and its sub-pages under .../Sense_Hub/Scripting/), as they are written in charts. Without
// the app's variables the parser reads each $(…) as an unknown operand, as Q01 does.
import { onPage, type ConformanceCase } from './case';

const S = 'Scripting/';

export const DOLLAR_CASES: readonly ConformanceCase[] = [
  ...onPage('Dollar-sign expansions', `${S}dollar-sign-expansions.htm`, [
    '$(vSales)',
    'Sum($(vField))',
    '$(=Sum(Sales))',
    'Sum(Sales) * $(vFactor)',
    "If(Year = $(vYear), 'current', 'other')",
    'Sum({<Year = {$(vYear)}>} Sales)',
    'Sum($(vSet) Sales)',
    '$(vMeasure) / $(vDivisor)',
    "=$(vMeasureName)",
  ]),
  ...onPage('Dollar-sign expansion using a variable', `${S}dollar-sign-expansion-variable.htm`, [
    '$(vSum)',
    'Sum(Sales$(vYear))',
    '$(#vValue)',
    '$(vValue) + 1',
    "'$(vText)'",
    'Sum([$(vField)])',
    'Count(distinct [$(vKey)])',
    '$(vSales) / $(vCost)',
    "Date($(vToday), 'YYYY-MM-DD')",
  ]),
  ...onPage('Dollar-sign expansion with parameters', `${S}dollar-sign-expansion-parameters.htm`, [
    '$(MUL(3,7))',
    '$(MUL(3))',
    "$(vConcat('a', 'b'))",
    '$(vSalesIn(2021))',
    'Sum($(vField(Sales)))',
    '$(vShare(Sales, Region))',
    "$(vFormat(Sum(Sales), '#,##0'))",
    '$(vColour(255, 0, 0))',
  ]),
  ...onPage('Dollar-sign expansion using an expression', `${S}dollar-sign-expansion-using-expression.htm`, [
    '$(=Year(Today()))',
    '$(=Only(Year)-1)',
    '$(=Sum(Amount))',
    "Sum({<Year = {$(=Year(Today()))}>} Sales)",
    "'Sales $(=Max(Year))'",
    '=$(=Max(Year)) - 1',
    "Sum({<Date = {'$(=Date(Today(), 'YYYY-MM-DD'))'}>} Sales)",
    "Sum({<Month = {'$(=Date(Max(Date), 'MMM YYYY'))'}>} Sales)",
    "='Latest: ' & '$(=Date(Max(Date), 'DD.MM.YYYY'))'",
  ]),
  ...onPage('Dollar-sign expansion: numeric values', `${S}dollar-sign-expansion-variable.htm`, [
    '$(#vPi) * 2',
    'Sum(Sales) * $(#vRate)',
    'Sum({<Year = {$(#vYear)}>} Sales)',
    'Round($(#vValue), 0.01)',
  ]),
  // A variable may hold any part of a set expression: the engine pastes its text in before parsing.
  ...onPage('Set modifiers with dollar-sign expansions', 'ChartFunctions/SetAnalysis/set-modifiers-dollar-sign-expansions.htm', [
    'Sum({<$(vFilter)>} Sales)',
    'Sum({$<Year = {2021}, $(vMoreFilters)>} Sales)',
    'Sum({$(vSetIdentifier)<Year = {2021}>} Sales)',
    'Sum({$(vSet)} Sales)',
    'Sum({<Year = {$(vYears)}, Month = {$(=Month(Today()))}>} Sales)',
    "Sum({<Region = {'$(vRegion)'}>} Sales)",
    'Sum({<Region = {"$(vRegionSearch)"}>} Sales)',
    'Sum({<[$(vField)] = {$(vValue)}>} Sales)',
    'Sum({<Date = {">=$(vStart)<=$(vEnd)"}>} Sales)',
    'Sum({<Year = {$(=Max(Year))}, Month = >} Sales)',
  ]),
  ...onPage('Variables in expressions', 'Variables/variables-in-expressions.htm', [
    'vSales',
    'vSales + 1',
    '$(vSales)',
    '=$(vSales)',
    'Sum(Sales) / vTarget',
    "If(vShowAll = 1, Sum({1} Sales), Sum(Sales))",
  ]),
];
