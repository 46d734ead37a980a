import { describe, expect, it } from 'vitest';
import { missingNeed } from '../../../lib/analyze/needs';
import { app } from '../../fixtures/builders';

describe('missingNeed', () => {
  it('is satisfied by a complete snapshot', () => {
    const s = app().table('T', { fields: ['A'] }).script('LOAD 1 AS A AUTOGENERATE 1;').reloads({}).timings([]).evaluation({}).build();
    expect(missingNeed(s, ['objects', 'masterItems', 'variables', 'bookmarks', 'dataModel', 'script', 'reloads', 'evaluation', 'layouts', 'extensions', 'themes'])).toBeUndefined();
  });

  it('gives the reason of each missing part', () => {
    expect(missingNeed(app({ directQuery: true }).build(), ['dataModel'])).toBe('Direct Query app: there is no in-memory data model');
    expect(missingNeed(app().build(), ['dataModel'])).toBe('the data model is empty (the app holds no data)');
    expect(missingNeed(app().noDataModel().build(), ['dataModel'])).toBe('the data model was not collected');
    expect(missingNeed(app().noScript().build(), ['script'])).toBe('no rights to read the load script');
    expect(missingNeed(app().build(), ['reloads'])).toBe('reload history was not collected');
    expect(missingNeed(app().build(), ['layouts'])).toBe('object layouts and timings were not collected');
    expect(missingNeed(app().patch((s) => delete s.themes).build(), ['themes'])).toBe('the installed themes were not collected');
  });

  it('prefers the collection issue of a part that failed as a whole', () => {
    const s = app().issue({ part: 'evaluations', code: 'HTTP_403', message: 'forbidden' }).build();
    expect(missingNeed(s, ['evaluation'])).toBe('evaluations could not be collected: forbidden');
    const objects = app().issue({ part: 'objects', code: 'ENGINE_5', message: 'engine error' }).build();
    expect(missingNeed(objects, ['objects'])).toBe('objects could not be collected: engine error');
  });

  it('asks for engine checks only when expressions were sent to the engine', () => {
    const unchecked = app().sheet().kpi({ measure: 'Sum(A)' }).build();
    expect(missingNeed(unchecked, ['expressionChecks'])).toBe('the engine expression check (CheckExpression) was not collected');
    const checked = app().sheet().kpi({ measure: 'Sum(A)' }).app.engineCheck('Sum(A)', { badFieldNames: [], dangerousFieldNames: [] }).build();
    expect(missingNeed(checked, ['expressionChecks'])).toBeUndefined();
  });
});
