// The options page: how Qlarity connects to Qlik, with the details each mode needs.
import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { ConnectionMode, settingsProblems, type Settings } from '@/lib/protocol/settings';
import { Header } from './Header';
import type { ExtensionClient } from './models/extension-client';

const MODE_TEXT: Record<ConnectionMode, { title: string; help: string }> = {
  session: {
    title: 'My Qlik session (recommended)',
    help: 'Uses your own sign-in in the Qlik tab. Nothing to set up.',
  },
  'web-integration': {
    title: 'Web integration',
    help: 'The extension connects itself, allowed by a web integration your tenant admin created for it.',
  },
  oauth: {
    title: 'OAuth',
    help: 'Signs in with an OAuth SPA client your tenant admin created; works without a Qlik tab.',
  },
  'api-key': {
    title: 'API key',
    help: 'A developer API key (Qlik Cloud only). Stored in this browser profile only.',
  },
};

export function OptionsView({ client }: { client: Pick<ExtensionClient, 'getSettings' | 'setSettings'> }) {
  const settings = useMemo(() => signal<Settings | null>(null), []);
  const status = useMemo(() => signal<string | null>(null), []);
  const error = useMemo(() => signal<string | null>(null), []);
  useEffect(() => {
    client.getSettings().then(
      (loaded) => (settings.value = loaded),
      (e: unknown) => (error.value = e instanceof Error ? e.message : String(e)),
    );
  }, [client]);

  const current = settings.value;
  const change = (next: Settings) => {
    settings.value = next;
    status.value = null;
  };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!current) return;
    try {
      settings.value = await client.setSettings(current);
      error.value = null;
      status.value = 'Saved.';
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  };

  return (
    <>
      <Header subtitle="Options" />
      <main style={{ maxWidth: '640px' }}>
        {error.value && (
          <p class="alert" role="alert">
            {error.value}
          </p>
        )}
        {!current ? (
          <p role="status">Loading settings…</p>
        ) : (
          <form onSubmit={save} aria-label="Qlarity settings">
            <fieldset>
              <legend>Connection</legend>
              {ConnectionMode.options.map((mode) => (
                <div class="radio" key={mode}>
                  <input
                    type="radio"
                    id={`mode-${mode}`}
                    name="mode"
                    value={mode}
                    checked={current.connection.mode === mode}
                    onChange={() => change({ ...current, connection: { ...current.connection, mode } })}
                  />
                  <label for={`mode-${mode}`} style={{ margin: 0 }}>
                    <strong>{MODE_TEXT[mode].title}</strong>
                    <br />
                    <span class="muted">{MODE_TEXT[mode].help}</span>
                  </label>
                </div>
              ))}
              {current.connection.mode === 'web-integration' && (
                <TextField
                  id="web-integration-id"
                  label="Web integration ID"
                  value={current.connection.webIntegrationId}
                  onInput={(webIntegrationId) => change({ ...current, connection: { ...current.connection, webIntegrationId } })}
                />
              )}
              {current.connection.mode === 'oauth' && (
                <TextField
                  id="oauth-client-id"
                  label="OAuth client ID"
                  value={current.connection.oauthClientId}
                  onInput={(oauthClientId) => change({ ...current, connection: { ...current.connection, oauthClientId } })}
                />
              )}
              {current.connection.mode === 'api-key' && (
                <TextField
                  id="api-key"
                  label="API key"
                  secret
                  value={current.connection.apiKey}
                  onInput={(apiKey) => change({ ...current, connection: { ...current.connection, apiKey } })}
                />
              )}
            </fieldset>
            {settingsProblems(current).map((problem) => (
              <p class="alert" key={problem} data-testid="settings-problem">
                {problem}
              </p>
            ))}
            <div class="row">
              <button class="primary" type="submit">
                Save
              </button>
              {status.value && (
                <span role="status" class="ok">
                  {status.value}
                </span>
              )}
            </div>
          </form>
        )}
      </main>
    </>
  );
}

function TextField(props: { id: string; label: string; value: string; secret?: boolean; onInput(value: string): void }) {
  const common = {
    id: props.id,
    value: props.value,
    autoComplete: 'off',
    spellcheck: false,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <>
      <label for={props.id}>{props.label}</label>
      {props.secret ? <input type="password" {...common} /> : <input type="text" {...common} />}
    </>
  );
}
