import rule from '../../../../lib/rules/design/missing-app-description';
import { app } from '../../../fixtures/builders';
import { testRule } from '../rule-tester';

testRule(rule, {
  valid: [{ name: 'an app with a description', app: app().build() }],
  invalid: [{ name: 'an app with a blank one', app: app({ description: '  ' }).build(), found: ['D03 app:app-1 App "Test app" has no description.'] }],
});
