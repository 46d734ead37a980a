// The default connection and the per-tenant ones (tenant host -> mode).
import { useState } from 'preact/hooks';
import { DEFAULT_CONNECTION, TenantHost, type Settings } from '../../lib/protocol/settings';
import { CAPACITY_NOTE } from '../capacity-note';
import { ConnectionFields } from './ConnectionFields';
import type { OptionsEnvironment } from './environment';
import { ErrorText } from './fields';
import type { FieldErrors } from './validate';
import { AddRow } from './AddRow';

interface Props {
  settings: Settings;
  errors: FieldErrors;
  env: OptionsEnvironment | undefined;
  onChange(settings: Settings): void;
}

export function ConnectionSection({ settings, errors, env, onChange }: Props) {
  const tenants = Object.entries(settings.tenants ?? {});
  const setTenants = (entries: [string, Settings['connection']][]) => {
    const { tenants: _old, ...rest } = settings;
    onChange(entries.length ? { ...rest, tenants: Object.fromEntries(entries) } : rest);
  };
  return (
    <>
      <p class="card small" data-testid="runs-as-user">
        Whatever the mode, the analysis always runs as you, with your own Qlik permissions: no shared service identity.{' '}
        {CAPACITY_NOTE}
      </p>
      {settings.defaultApiKeyRemoved && (
        <div class="alert" role="alert" data-testid="default-api-key-removed">
          <p>
            An earlier Qlarity version kept an API key for every tenant without a connection of its own. That key was removed: it
            would have been sent to any host you analyse. Enter it again under "Connection per tenant", for the tenant it belongs
            to; other tenants now use "My Qlik session".
          </p>
          <button
            type="button"
            onClick={() => {
              const { defaultApiKeyRemoved: _seen, ...rest } = settings;
              onChange(rest);
            }}
          >
            Dismiss (saved with the form)
          </button>
        </div>
      )}
      <fieldset>
        <legend>Connection</legend>
        <p class="muted small">Used for every tenant that has no entry of its own below.</p>
        <ConnectionFields
          scope="connection"
          idPrefix=""
          host={undefined}
          connection={settings.connection}
          errors={errors}
          env={env}
          onChange={(connection) => onChange({ ...settings, connection })}
        />
      </fieldset>
      <fieldset>
        <legend>Connection per tenant</legend>
        {tenants.length === 0 && <p class="muted small">No tenant has its own connection.</p>}
        {tenants.map(([host, connection], index) => (
          <section class="card" key={host} aria-label={`Tenant ${host}`}>
            <div class="row spread">
              <h3>{host}</h3>
              <button type="button" aria-label={`Remove ${host}`} onClick={() => setTenants(tenants.filter(([h]) => h !== host))}>
                Remove
              </button>
            </div>
            <ConnectionFields
              scope={`tenants.${host}`}
              idPrefix={`t${index}-`}
              host={host}
              connection={connection}
              errors={errors}
              env={env}
              onChange={(next) => setTenants(tenants.map(([h, c]) => [h, h === host ? next : c]))}
            />
          </section>
        ))}
        <AddTenant existing={tenants.map(([h]) => h)} onAdd={(host) => setTenants([...tenants, [host, { ...DEFAULT_CONNECTION }]])} />
      </fieldset>
    </>
  );
}

/** Accepts a host or a pasted tenant URL and keeps only the host. */
export function normaliseTenantHost(input: string): string {
  const trimmed = input.trim().toLowerCase();
  try {
    if (/^https?:\/\//.test(trimmed)) return new URL(trimmed).host;
  } catch {
    // not a URL: validated as a host below
  }
  return trimmed.replace(/\/.*$/, '');
}

function AddTenant({ existing, onAdd }: { existing: string[]; onAdd(host: string): void }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const add = () => {
    const host = normaliseTenantHost(value);
    const parsed = TenantHost.safeParse(host);
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? 'Not a host name.');
    if (existing.includes(host)) return setError(`${host} already has its own connection.`);
    setError(undefined);
    setValue('');
    onAdd(host);
  };
  return (
    <div class="field">
      <label for="add-tenant">Tenant host</label>
      <AddRow id="add-tenant" placeholder="acme.eu.qlikcloud.com" value={value} error={error} buttonLabel="Add tenant" onInput={setValue} onAdd={add} />
      <ErrorText id="add-tenant" error={error} />
    </div>
  );
}
