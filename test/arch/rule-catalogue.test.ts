// The metadata-only rule catalogues (lib/report/rule-catalogue.ts for the report,
// lib/report/rule-settings-catalogue.ts for the options page) are generated from the registry and
// must say exactly what the rules say.
import { describe, expect, it } from 'vitest';
import { RULE_DOCS } from '../../lib/report/rule-catalogue';
import { RULE_SETTINGS } from '../../lib/report/rule-settings-catalogue';
import { RULES } from '../../lib/rules/index';
import { CATALOGUE_PATH, SETTINGS_CATALOGUE_PATH, catalogueIsCurrent, ruleDocsOf, ruleSettingsDocsOf, staleCatalogues } from '../../scripts/gen-rule-catalogue';

describe('the metadata-only rule catalogue', () => {
  it(`${CATALOGUE_PATH} and ${SETTINGS_CATALOGUE_PATH} are up to date with the rules (npm run docs regenerates them)`, () => {
    expect(staleCatalogues()).toEqual([]);
    expect(catalogueIsCurrent()).toBe(true);
  });

  it('holds every rule of the registry with its report texts', () => {
    expect(RULE_DOCS).toEqual(ruleDocsOf(RULES));
    expect(RULE_DOCS.map((r) => r.code)).toEqual(RULES.map((r) => r.code));
  });

  it('holds every rule of the registry with its severity and its options as form fields', () => {
    expect(RULE_SETTINGS).toEqual(ruleSettingsDocsOf(RULES));
    expect(RULE_SETTINGS.map((r) => r.code)).toEqual(RULES.map((r) => r.code));
  });
});
