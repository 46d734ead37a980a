import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/context/partial-collection';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('G04 partial-collection', () => {
  it('is silent when everything was collected', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('lists each part and object that failed with its reason', () => {
    const s = app()
      .sheet()
      .barchart({ id: 'c' })
      .app.issue({ part: 'objects', objectId: 'c', code: 'ENGINE_5', message: 'object not found' })
      .issue({ part: 'evaluations', code: 'HTTP_403', message: 'forbidden' })
      .build();
    expect(runRule(rule, s).messages.sort()).toEqual(['Object c could not be collected: object not found (ENGINE_5).', 'Part "evaluations" could not be collected: forbidden (HTTP_403).']);
  });
});
