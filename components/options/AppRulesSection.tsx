// Rules per app: for one app id (an app analysed before, or one typed in), severities, off and
// thresholds that win over the rules for all apps. Saved, validated, exported and imported with
// the other settings; the analysis of that app (and only that app) uses them.
import { useState } from 'preact/hooks';
import type { RuleSettingsDoc } from '../../lib/report/rule-docs';
import type { AnalysedApp } from '../../lib/protocol/stored-analysis';
import { AppId, type Settings } from '../../lib/protocol/settings';
import { ErrorText } from './fields';
import { appScopes, EMPTY_SCOPE, withAppScope } from './rule-config';
import { RuleEditor } from './RulesSection';
import type { FieldErrors } from './validate';
import { AddRow } from './AddRow';

interface Props {
  rules: readonly RuleSettingsDoc[];
  settings: Settings;
  errors: FieldErrors;
  /** apps with a stored analysis, to pick from (names help; the id is what counts) */
  analysedApps: readonly AnalysedApp[];
  onChange(settings: Settings): void;
}

export function AppRulesSection({ rules, settings, errors, analysedApps, onChange }: Props) {
  const apps = appScopes(settings);
  const nameOf = (appId: string) => analysedApps.find((app) => app.appId === appId)?.name;
  return (
    <fieldset>
      <legend>Rules per app</legend>
      <p class="muted small">
        For one app only: what you set here wins over the rules above when that app is analysed. "Default" keeps the setting for
        all apps.
      </p>
      {apps.length === 0 && <p class="muted small">No app has rules of its own.</p>}
      {apps.map(([appId, scope], index) => {
        const name = nameOf(appId);
        const changed = Object.keys(scope.rules).length + Object.keys(scope.categories).length;
        return (
          <section class="card" key={appId} aria-label={`Rules for app ${name ?? appId}`} data-testid="app-rules">
            <div class="row spread">
              <h3>
                {name ? <bdi dir="auto">{name}</bdi> : 'App'} <code>{appId}</code>
              </h3>
              <button type="button" aria-label={`Remove the rules of app ${appId}`} onClick={() => onChange(withAppScope(settings, appId, undefined))}>
                Remove
              </button>
            </div>
            <p class="muted small">{changed === 0 ? 'Nothing changed yet: as for all apps.' : `${changed} ${changed === 1 ? 'setting differs' : 'settings differ'} from all apps.`}</p>
            <RuleEditor
              rules={rules}
              scope={scope}
              errors={errors}
              errorPrefix={`analysis.apps.${appId}`}
              idPrefix={`app${index}-`}
              labelSuffix={` for app ${appId}`}
              onChange={(next) => onChange(withAppScope(settings, appId, next))}
            />
          </section>
        );
      })}
      <AddApp existing={apps.map(([id]) => id)} analysedApps={analysedApps} onAdd={(appId) => onChange(withAppScope(settings, appId, EMPTY_SCOPE))} />
    </fieldset>
  );
}

function AddApp({ existing, analysedApps, onAdd }: { existing: string[]; analysedApps: readonly AnalysedApp[]; onAdd(appId: string): void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const choices = analysedApps.filter((app, i) => !existing.includes(app.appId) && analysedApps.findIndex((a) => a.appId === app.appId) === i);
  const add = () => {
    const parsed = AppId.safeParse(value.trim());
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Not an app id.');
    if (existing.includes(parsed.data)) return setError(`App ${parsed.data} already has rules of its own.`);
    setError(undefined);
    setValue('');
    onAdd(parsed.data);
  };
  return (
    <div class="field">
      {choices.length > 0 && (
        <>
          <label for="add-app-pick">Analysed apps</label>
          <select id="add-app-pick" value="" onChange={(event) => setValue((event.currentTarget as HTMLSelectElement).value)}>
            <option value="">Choose an app analysed before…</option>
            {choices.map((app) => (
              <option key={app.appKey} value={app.appId}>
                {app.name ? `${app.name} (${app.appId})` : app.appId}
              </option>
            ))}
          </select>
        </>
      )}
      <label for="add-app">App id</label>
      <AddRow id="add-app" placeholder="9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63" value={value} error={error} buttonLabel="Add app" onInput={setValue} onAdd={add} />
      <p class="muted small">The app id is in the app's address: …/sense/app/&lt;app id&gt;/…</p>
      <ErrorText id="add-app" error={error} />
    </div>
  );
}
