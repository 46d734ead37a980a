import rule from '../../../../lib/rules/quality/missing-extension';
import { app } from '../../../fixtures/builders';
import { testRule } from '../rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'native charts and installed extensions',
      app: app().patch((x) => (x.extensions = [{ name: 'acme-gantt' }])).sheet().barchart().object('acme-gantt').object('sn-table').build(),
    },
    {
      name: 'could not run when the extension list was not collected',
      app: app().patch((x) => delete x.extensions).sheet().object('acme-radar').build(),
      status: 'could-not-run',
    },
  ],
  invalid: [
    {
      name: 'an extension that is not installed',
      app: app().sheet().object('acme-radar', { id: 'x', title: 'Radar' }).build(),
      findings: [{ message: 'Object "Radar" uses visualization "acme-radar", which is not native and not installed as an extension on this tenant.' }],
    },
  ],
});
