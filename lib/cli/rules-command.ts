// `qlarity rules`: the rule catalogue with severities and options, as text or JSON.
import { z } from 'zod';
import { CATEGORIES } from '../analyze/result';
import type { AnyRule } from '../analyze/rule';
import { UsageError, parseOptions } from './args';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import type { CliIo } from './analyze';

const RULES_USAGE = `Usage:
  qlarity rules [--format text|json] [--category C]

Lists every rule: code, name, category, default severity, whether it is on by default, what it
needs from the app, and its options with their defaults. Set severities and options with
\`qlarity analyze --config FILE\` (JSON), e.g. {"rules": {"D04": "off", "P01": {"options": {…}}}}.

  --format text|json    default text
  --category C          only this category (${CATEGORIES.join(', ')})
  -h, --help            this text

${EXIT_CODES_TEXT}`;

export interface RuleOption {
  name: string;
  type: string;
  default: unknown;
  description?: string;
}

export interface RuleListing {
  code: string;
  name: string;
  category: string;
  severity: string;
  enabledByDefault: boolean;
  summary: string;
  needs: string[];
  options: RuleOption[];
}

/** The options of a rule from its zod schema: name, JSON Schema type, default, description. */
function optionsOf(rule: AnyRule): RuleOption[] {
  const schema = z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string; default?: unknown; description?: string }> };
  const defaults = rule.options.parse({}) as Record<string, unknown>;
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type ?? 'value',
    default: defaults[name],
    ...(p.description ? { description: p.description } : {}),
  }));
}

function listRules(rules: readonly AnyRule[]): RuleListing[] {
  return rules.map((r) => ({
    code: r.code,
    name: r.name,
    category: r.category,
    severity: r.severity,
    enabledByDefault: r.defaultEnabled !== false,
    summary: r.summary,
    needs: [...r.needs],
    options: optionsOf(r),
  }));
}

function formatRules(listing: RuleListing[]): string {
  const lines: string[] = [];
  for (const r of listing) {
    lines.push(`${r.code}  ${r.severity.padEnd(7)} ${r.category.padEnd(11)} ${r.name}${r.enabledByDefault ? '' : '  (off by default)'}`);
    lines.push(`      ${r.summary}`);
    for (const o of r.options) lines.push(`      option ${o.name} (${o.type}, default ${JSON.stringify(o.default)})${o.description ? `: ${o.description}` : ''}`);
  }
  lines.push('', `${listing.length} rules.`);
  return `${lines.join('\n')}\n`;
}

export async function runRules(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseOptions(argv, { format: { type: 'string' }, category: { type: 'string' }, help: { type: 'boolean', short: 'h' } }));
    if (values.format !== undefined && values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, got "${values.format}"`);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${RULES_USAGE}\n`);
    return EXIT.usage;
  }
  if (values.help) {
    io.stdout(`${RULES_USAGE}\n`);
    return EXIT.ok;
  }
  const { RULES } = await import('../rules/index');
  const listing = listRules(RULES).filter((r) => !values.category || r.category === values.category);
  if (values.category && listing.length === 0) {
    io.stderr(`No rules in category "${values.category}".\n\n${RULES_USAGE}\n`);
    return EXIT.usage;
  }
  io.stdout(values.format === 'json' ? `${JSON.stringify(listing, null, 2)}\n` : formatRules(listing));
  return EXIT.ok;
}
