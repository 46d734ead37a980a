// Accessibility check of one page with axe-core: fails on serious or critical violations and
// says which rule and which elements.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** `rules`: only these axe rules (e.g. the colour checks again in dark mode); default: all. */
export async function expectAccessible(page: Page, rules?: string[]): Promise<void> {
  const builder = new AxeBuilder({ page });
  const results = await (rules ? builder.withRules(rules) : builder).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const described = blocking.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(described, described.join('\n')).toEqual([]);
}
