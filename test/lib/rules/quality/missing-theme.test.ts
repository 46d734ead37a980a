import rule from '../../../../lib/rules/quality/missing-theme';
import { app } from '../../../fixtures/builders';
import { testRule } from '../rule-tester';

testRule(rule, {
  valid: [
    { name: 'a built-in theme', app: app({ theme: 'sense-breeze' }).build() },
    { name: 'an installed theme', app: app({ theme: 'acme' }).patch((s) => (s.themes = [{ id: 'acme' }])).build() },
  ],
  invalid: [
    {
      name: 'a custom theme that is not installed',
      app: app({ theme: 'corporate-2019' }).build(),
      findings: [{ target: { kind: 'app' }, messageContains: '"corporate-2019"' }],
    },
  ],
});
