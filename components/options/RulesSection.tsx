// Severity per category and per rule, and each rule's options, generated from the rule metadata.
// RuleEditor edits one scope: all apps (RulesSection) or one app (AppRulesSection).
import { SeveritySetting } from '../../lib/analyze/config';
import { Category } from '../../lib/analyze/result';
import type { RuleSettingsDoc } from '../../lib/report/rule-docs';
import type { RuleScope, Settings } from '../../lib/protocol/settings';
import { ErrorText, NumberField, TextField, fieldId } from './fields';
import type { OptionField } from '../../lib/analyze/option-fields';
import { EMPTY_SCOPE, globalScope, resetRule, ruleEntry, setCategorySeverity, setRuleOption, setRuleSeverity, withGlobalScope } from './rule-config';
import type { FieldErrors } from './validate';
import { CATEGORY_NAME } from '../report/labels';


interface Props {
  rules: readonly RuleSettingsDoc[];
  settings: Settings;
  errors: FieldErrors;
  onChange(settings: Settings): void;
}

function SeveritySelect(props: { id: string; label: string; defaultLabel: string; value: SeveritySetting | undefined; onChange(value: SeveritySetting | undefined): void }) {
  return (
    <div class="field inline">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        onChange={(event) => {
          const raw = (event.currentTarget as HTMLSelectElement).value;
          props.onChange(raw ? SeveritySetting.parse(raw) : undefined);
        }}
      >
        <option value="">{props.defaultLabel}</option>
        {SeveritySetting.options.map((s) => (
          <option value={s} key={s}>
            {s}
          </option>
        ))}
      </select>
    </div>
  );
}

export function RulesSection({ rules, settings, errors, onChange }: Props) {
  const scope = globalScope(settings);
  return (
    <fieldset>
      <legend>Rules</legend>
      <p class="muted small">
        A rule's own setting wins over its category's. "Default" keeps the severity each rule ships with.
      </p>
      <button type="button" disabled={Object.keys(scope.rules).length === 0 && Object.keys(scope.categories).length === 0} onClick={() => onChange(withGlobalScope(settings, EMPTY_SCOPE))}>
        Reset all rules to default
      </button>
      <RuleEditor rules={rules} scope={scope} errors={errors} errorPrefix="analysis" idPrefix="" onChange={(next) => onChange(withGlobalScope(settings, next))} />
    </fieldset>
  );
}

interface EditorProps {
  rules: readonly RuleSettingsDoc[];
  scope: RuleScope;
  errors: FieldErrors;
  /** where this scope's errors live: "analysis" or "analysis.apps.<id>" */
  errorPrefix: string;
  /** "" for all apps (ids such as #rule-P01-severity), "app0-" for the first app */
  idPrefix: string;
  /** "for this app" in labels of a per-app scope */
  labelSuffix?: string;
  onChange(scope: RuleScope): void;
}

export function RuleEditor({ rules, scope, errors, errorPrefix, idPrefix, labelSuffix = '', onChange }: EditorProps) {
  const unknown = Object.entries(errors).filter(([path]) => path.startsWith(`${errorPrefix}.rules.`) && !path.slice(`${errorPrefix}.rules.`.length).includes('.'));
  return (
    <>
      {unknown.map(([path, message]) => (
        <p class="alert" key={path}>
          {message}
        </p>
      ))}
      {Category.options.map((category) => {
        const inCategory = rules.filter((r) => r.category === category);
        if (!inCategory.length) return null;
        return (
          <details key={category} class="rule-group">
            <summary>
              {CATEGORY_NAME[category]} <span class="muted">({inCategory.length} rules)</span>
            </summary>
            <SeveritySelect
              id={`${idPrefix}category-${category}`}
              label={`Severity of all ${CATEGORY_NAME[category].toLowerCase()} rules${labelSuffix}`}
              defaultLabel={labelSuffix ? 'Default (as for all apps)' : "Default (each rule's own)"}
              value={scope.categories[category]}
              onChange={(severity) => onChange(setCategorySeverity(scope, category, severity))}
            />
            <ul class="rule-list">
              {inCategory.map((rule) => (
                <RuleRow key={rule.code} rule={rule} scope={scope} errors={errors} errorPrefix={errorPrefix} idPrefix={idPrefix} labelSuffix={labelSuffix} onChange={onChange} />
              ))}
            </ul>
          </details>
        );
      })}
    </>
  );
}

function RuleRow({ rule, scope, errors, errorPrefix, idPrefix, labelSuffix, onChange }: { rule: RuleSettingsDoc; scope: RuleScope; errors: FieldErrors; errorPrefix: string; idPrefix: string; labelSuffix: string; onChange(scope: RuleScope): void }) {
  const entry = ruleEntry(scope, rule);
  const fields = rule.options;
  const defaultSeverity = labelSuffix ? 'as for all apps' : rule.defaultEnabled === false ? `off, ${rule.severity} when on` : rule.severity;
  return (
    <li class="rule" data-testid={`${idPrefix}rule-${rule.code}`}>
      <div class="row spread">
        <span>
          <span class="code">{rule.code}</span> <strong>{rule.name}</strong>
        </span>
        <button type="button" disabled={!entry.severity && !entry.options} aria-label={`Reset ${rule.code} ${rule.name}${labelSuffix} to default`} onClick={() => onChange(resetRule(scope, rule))}>
          Reset to default
        </button>
      </div>
      <p class="muted small">{rule.summary}</p>
      <SeveritySelect
        id={`${idPrefix}rule-${rule.code}-severity`}
        label={`Severity of ${rule.code}${labelSuffix}`}
        defaultLabel={`Default (${defaultSeverity})`}
        value={entry.severity}
        onChange={(severity) => onChange(setRuleSeverity(scope, rule, severity))}
      />
      {fields.map((field) => (
        <OptionInput
          key={field.key}
          id={fieldId(`${idPrefix}rule-${rule.code}-${field.key}`)}
          field={field}
          value={entry.options?.[field.key]}
          error={errors[`${errorPrefix}.rules.${rule.code}.options.${field.key}`] ?? errors[`${errorPrefix}.rules.${rule.name}.options.${field.key}`]}
          onChange={(value) => onChange(setRuleOption(scope, rule, field.key, value))}
        />
      ))}
    </li>
  );
}

function OptionInput({ id, field, value, error, onChange }: { id: string; field: OptionField; value: unknown; error: string | undefined; onChange(value: unknown): void }) {
  if (field.kind === 'boolean') {
    const checked = typeof value === 'boolean' ? value : field.defaultValue;
    return (
      <div class="field checkbox">
        <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)} />
        <label for={id}>
          {field.label} <span class="muted small">(default {field.defaultValue ? 'on' : 'off'})</span>
        </label>
        <ErrorText id={id} error={error} />
      </div>
    );
  }
  if (field.kind === 'number') {
    const limits = [field.min !== undefined ? `min ${field.min}` : '', field.max !== undefined ? `max ${field.max}` : ''].filter(Boolean).join(', ');
    return (
      <NumberField
        id={id}
        label={field.label}
        value={typeof value === 'number' ? value : field.defaultValue}
        min={field.min}
        max={field.max}
        step={field.integer ? '1' : 'any'}
        hint={`Default ${field.defaultValue ?? 'none'}${limits ? ` (${limits})` : ''}.`}
        error={error}
        onInput={onChange}
      />
    );
  }
  return (
    <TextField
      id={id}
      label={field.label}
      value={typeof value === 'string' ? value : (field.defaultValue ?? '')}
      hint={field.defaultValue ? `Default ${field.defaultValue}.` : 'Default: none (not checked).'}
      error={error}
      onInput={onChange}
    />
  );
}
