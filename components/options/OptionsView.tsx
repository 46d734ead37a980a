// The options page: connection per tenant, rule severities and options (for all apps and per app),
// data retention, export and import. Every change is validated as a whole before it is saved
// (the rules' options by the background, which has the rules); nothing is saved while invalid.
import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import type { Settings } from '../../lib/protocol/settings';
import { settingsProblems } from '../../lib/extension/settings/problems';
import { RULE_SETTINGS } from '../../lib/report/rule-settings-catalogue';
import type { RuleSettingsDoc } from '../../lib/report/rule-docs';
import { Header } from '../Header';
import type { ExtensionClient } from '../models/extension-client';
import type { AnalysedApp } from '../../lib/protocol/stored-analysis';
import { AppRulesSection } from './AppRulesSection';
import { ConnectionSection } from './ConnectionSection';
import type { OptionsEnvironment } from './environment';
import { RetentionSection } from './RetentionSection';
import { RulesSection } from './RulesSection';
import { TimingSection } from './TimingSection';
import { TransferSection } from './TransferSection';
import { readSettingsFile, validateSettings, type FieldErrors } from './validate';
import './options.css';
import { messageOf } from '../../lib/extension/errors';

interface Props {
  /** listAnalysedApps offers the apps analysed before for per-app rules (optional: an app id can be typed) */
  client: Pick<ExtensionClient, 'getSettings' | 'setSettings' | 'checkRuleConfig'> & Partial<Pick<ExtensionClient, 'listAnalysedApps'>>;
  env?: OptionsEnvironment;
  /** what the page shows of each rule (the generated catalogue; the background checks the values with the rules themselves) */
  rules?: readonly RuleSettingsDoc[];
}

export function OptionsView({ client, env, rules = RULE_SETTINGS }: Props) {
  const settings = useMemo(() => signal<Settings | null>(null), []);
  const saved = useMemo(() => signal<Settings | null>(null), []);
  const errors = useMemo(() => signal<FieldErrors>({}), []);
  const status = useMemo(() => signal<string | null>(null), []);
  const error = useMemo(() => signal<string | null>(null), []);
  const analysedApps = useMemo(() => signal<AnalysedApp[]>([]), []);
  useEffect(() => {
    client.listAnalysedApps?.().then(
      (apps) => (analysedApps.value = apps),
      () => {}, // only a convenience: an app id can still be typed
    );
  }, [client]);
  useEffect(() => {
    client.getSettings().then(
      (loaded) => (settings.value = saved.value = loaded),
      (e: unknown) => (error.value = messageOf(e)),
    );
  }, [client]);

  const current = settings.value;
  const checkRules = (analysis: Settings['analysis']) => client.checkRuleConfig(analysis);
  /** errors shown after a failed save follow the edits, so a fixed field clears at once */
  const recheck = async (next: Settings) => {
    const result = await validateSettings(next, checkRules, rules).catch(() => null); // unchecked: the next save checks again
    // a later edit has its own check: only the newest settings' errors are shown
    if (result && settings.value === next) errors.value = result.ok ? {} : result.errors;
  };
  const change = (next: Settings) => {
    settings.value = next;
    status.value = null;
    if (Object.keys(errors.value).length) void recheck(next);
  };
  const store = async (candidate: Settings): Promise<boolean> => {
    try {
      settings.value = saved.value = await client.setSettings(candidate);
      error.value = null;
      return true;
    } catch (e) {
      error.value = messageOf(e);
      return false;
    }
  };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!current) return;
    let result;
    try {
      result = await validateSettings(current, checkRules, rules);
    } catch (e) {
      error.value = messageOf(e);
      return;
    }
    if (!result.ok) {
      errors.value = result.errors;
      status.value = null;
      return;
    }
    errors.value = {};
    if (await store(result.settings)) status.value = 'Saved.';
  };
  const importFile = async (text: string) => {
    if (!current) return { ok: false, message: 'Settings are still loading.' };
    const read = await readSettingsFile(text, checkRules, rules, saved.value ?? current).catch((e: unknown) => ({ ok: false as const, message: `Could not check the file: ${messageOf(e)}` }));
    if (!read.ok) return { ok: false, message: read.message };
    if (!(await store(read.settings))) return { ok: false, message: 'Could not save the imported settings; nothing was changed.' };
    errors.value = {};
    return { ok: true, message: 'Imported and saved.' };
  };
  const errorCount = Object.keys(errors.value).length;

  return (
    <>
      <Header subtitle="Options" />
      <main class="options">
        {error.value && (
          <p class="alert" role="alert">
            {error.value}
          </p>
        )}
        {!current ? (
          <p role="status">Loading settings…</p>
        ) : (
          <>
            <form onSubmit={save} aria-label="Qlarity settings" noValidate>
              <ConnectionSection settings={current} errors={errors.value} env={env} onChange={change} />
              {settingsProblems(current).map((problem) => (
                <p class="alert" key={problem} data-testid="settings-problem">
                  {problem}
                </p>
              ))}
              <RulesSection rules={rules} settings={current} errors={errors.value} onChange={change} />
              <AppRulesSection rules={rules} settings={current} errors={errors.value} analysedApps={analysedApps.value} onChange={change} />
              <TimingSection settings={current} onChange={change} />
              <RetentionSection settings={current} errors={errors.value} onChange={change} />
              <div class="row save-bar">
                <button class="primary" type="submit">
                  Save
                </button>
                {errorCount > 0 && (
                  <p class="alert" role="alert" data-testid="save-blocked">
                    Not saved: {errorCount === 1 ? 'one field needs' : `${errorCount} fields need`} attention (marked above).
                  </p>
                )}
                {status.value && (
                  <span role="status" class="ok">
                    {status.value}
                  </span>
                )}
              </div>
            </form>
            <TransferSection settings={saved.value ?? current} onImport={importFile} />
          </>
        )}
      </main>
    </>
  );
}
