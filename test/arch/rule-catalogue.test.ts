// The report's metadata-only rule catalogue (lib/report/rule-catalogue.ts) is generated from the
// registry and must say exactly what the rules say.
import { describe, expect, it } from 'vitest';
import { RULE_DOCS } from '../../lib/report/rule-catalogue';
import { RULES } from '../../lib/rules/index';
import { CATALOGUE_PATH, catalogueIsCurrent, ruleDocsOf } from '../../scripts/gen-rule-catalogue';

describe('the metadata-only rule catalogue', () => {
  it(`${CATALOGUE_PATH} is up to date with the rules (npm run docs regenerates it)`, () => {
    expect(catalogueIsCurrent()).toBe(true);
  });

  it('holds every rule of the registry with its report texts', () => {
    expect(RULE_DOCS).toEqual(ruleDocsOf(RULES));
    expect(RULE_DOCS.map((r) => r.code)).toEqual(RULES.map((r) => r.code));
  });
});
