import { describe, expect, it } from 'vitest';
import { missingNeed } from '../../../lib/analyze/needs';
import { app } from '../../fixtures/builders';

describe('missingNeed', () => {
  it('is satisfied by a complete snapshot', () => {
    const s = app().table('T', { fields: ['A'] }).script('LOAD 1 AS A AUTOGENERATE 1;').reloads({}).timings([]).evaluation({}).build();
    expect(missingNeed(s, ['objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations', 'variables', 'bookmarks', 'dataModel', 'script', 'reloads', 'evaluation', 'timings', 'extensions', 'themes'])).toBeUndefined();
  });

  it('gives the reason of each missing part', () => {
    expect(missingNeed(app({ directQuery: true }).build(), ['dataModel'])).toBe('Direct Query app: there is no in-memory data model');
    expect(missingNeed(app().build(), ['dataModel'])).toBe('the data model is empty (the app holds no data)');
    expect(missingNeed(app().noDataModel().build(), ['dataModel'])).toBe('the data model was not collected');
    expect(missingNeed(app().noScript().build(), ['script'])).toBe('no rights to read the load script');
    expect(missingNeed(app().build(), ['reloads'])).toBe('reload history was not collected');
    expect(missingNeed(app().build(), ['timings'])).toBe('object layouts and timings were not collected');
    expect(missingNeed(app().patch((s) => delete s.themes).build(), ['themes'])).toBe('the installed themes were not collected');
  });

  it('prefers the collection issue of a part that failed as a whole', () => {
    const s = app().issue({ part: 'evaluation', code: 'HTTP_403', message: 'forbidden' }).build();
    expect(missingNeed(s, ['evaluation'])).toBe('the app evaluation could not be collected: forbidden');
    const objects = app().issue({ part: 'objects', code: 'ENGINE_5', message: 'engine error' }).build();
    expect(missingNeed(objects, ['objects'])).toBe('objects could not be collected: engine error');
  });

  it('says "in full" when the snapshot holds the part the issue is about', () => {
    const reason = 'the load script creates variables with computed names';
    const held = app().variable('vA', '1').issue({ part: 'variables', code: 'OFFLINE', message: reason }).build();
    expect(missingNeed(held, ['variables'])).toBe(`variables could not be collected in full: ${reason}`);
    const lacking = app().issue({ part: 'variables', code: 'ENGINE_5', message: 'GetVariableList failed' }).build();
    expect(missingNeed(lacking, ['variables'])).toBe('variables could not be collected: GetVariableList failed');
  });

  it('asks for engine checks only when expressions were sent to the engine', () => {
    const unchecked = app().sheet().kpi({ measure: 'Sum(A)' }).build();
    expect(missingNeed(unchecked, ['expressionChecks'])).toBe('the engine expression check (CheckExpression) was not collected');
    const checked = app().sheet().kpi({ measure: 'Sum(A)' }).app.engineCheck('Sum(A)', { badFieldNames: [], dangerousFieldNames: [] }).build();
    expect(missingNeed(checked, ['expressionChecks'])).toBeUndefined();
  });

  it('a failed GetFieldsFromExpression (an expressions issue too) leaves the checks usable; a check left unanswered does not', () => {
    const fieldsFailed = { part: 'expressions', code: 'ENGINE_5', message: 'GetFieldsFromExpression failed' } as const;
    const checked = app().sheet().kpi({ measure: 'Sum(A)' }).app.engineCheck('Sum(A)', { badFieldNames: [], dangerousFieldNames: [] }).issue(fieldsFailed).build();
    expect(missingNeed(checked, ['expressionChecks'])).toBeUndefined();
    const checkFailed = { part: 'expressions', code: 'ENGINE_-128', message: 'CheckExpression failed' } as const;
    const unanswered = app().sheet().kpi({ measure: 'Sum(A)' }).kpi({ measure: 'Sum(B)' }).app.engineCheck('Sum(A)', { badFieldNames: [], dangerousFieldNames: [] }).issue(checkFailed).build();
    expect(missingNeed(unanswered, ['expressionChecks'])).toBe('expressions could not be collected in full: CheckExpression failed');
  });
});
