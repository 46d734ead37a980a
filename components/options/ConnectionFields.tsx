// One connection (the default one or a tenant's): the mode, what that mode needs, and what to
// hand to the tenant admin (the extension origin, the OAuth redirect URL).
import { useEffect, useState } from 'preact/hooks';
import { API_KEY_PER_TENANT_MESSAGE, ConnectionMode, type ConnectionSettings } from '../../lib/protocol/settings';
import type { OptionsEnvironment } from './environment';
import { CopyValue, TextField, fieldId } from './fields';
import { connectionField, type FieldErrors } from './validate';
import { messageOf } from '../../lib/extension/errors';

export const MODE_TEXT: Record<ConnectionMode, { title: string; help: string }> = {
  session: {
    title: 'My Qlik session (recommended)',
    help: 'Uses your own sign-in in the Qlik tab. Nothing to set up.',
  },
  'web-integration': {
    title: 'Web integration',
    help:
      'The extension connects itself, allowed by a web integration your tenant admin creates ' +
      '(Administration > Web > Create new). The admin adds the origin below to its allow-list and gives you its ID.',
  },
  oauth: {
    title: 'OAuth',
    help:
      'Signs in with an OAuth client your tenant admin creates (Administration > OAuth > Create new, ' +
      'type "Single-page app", scope user_default). The admin registers the redirect URL below and gives you the client ID. Works without a Qlik tab.',
  },
  'api-key': {
    title: 'API key',
    help:
      'A developer API key (Qlik Cloud only; profile menu > Settings > API keys). Stored in this browser profile only: ' +
      'never synced, never exported. Firefox uses it for the whole analysis; Chrome only for the REST APIs, so there the analysis needs another mode.',
  },
};

interface Props {
  /** "connection" or "tenants.<host>": the error path prefix */
  scope: string;
  /** for ids: "" for the default connection (keeps #mode-session etc.), "t0-" for the first tenant */
  idPrefix: string;
  /** tenant host; sign-in and API keys need one (undefined: the default connection) */
  host: string | undefined;
  connection: ConnectionSettings;
  errors: FieldErrors;
  env: OptionsEnvironment | undefined;
  onChange(connection: ConnectionSettings): void;
}

export function ConnectionFields({ scope, idPrefix, host, connection, errors, env, onChange }: Props) {
  const set = (patch: Partial<ConnectionSettings>) => onChange({ ...connection, ...patch });
  const error = (field: keyof ConnectionSettings) => errors[connectionField(scope, field)];
  // an API key belongs to one tenant: the default connection (any other host) never offers it
  const modes = host ? ConnectionMode.options : ConnectionMode.options.filter((mode) => mode !== 'api-key');
  return (
    <>
      <div role="radiogroup" aria-label={host ? `Connection mode for ${host}` : 'Connection mode'}>
        {modes.map((mode) => (
          <div class="radio" key={mode}>
            <input
              type="radio"
              id={`${idPrefix}mode-${mode}`}
              name={`${idPrefix}mode`}
              value={mode}
              checked={connection.mode === mode}
              aria-describedby={`${idPrefix}mode-${mode}-help`}
              onChange={() => set({ mode })}
            />
            <label for={`${idPrefix}mode-${mode}`} style={{ margin: 0 }}>
              <strong>{MODE_TEXT[mode].title}</strong>
              <br />
              <span class="muted" id={`${idPrefix}mode-${mode}-help`}>
                {MODE_TEXT[mode].help}
              </span>
            </label>
          </div>
        ))}
      </div>
      {!host && (
        <p class="muted small" data-testid="api-key-per-tenant">
          {API_KEY_PER_TENANT_MESSAGE}
        </p>
      )}
      {connection.mode === 'web-integration' && (
        <>
          <TextField
            id={`${idPrefix}web-integration-id`}
            label="Web integration ID"
            value={connection.webIntegrationId}
            error={error('webIntegrationId')}
            onInput={(webIntegrationId) => set({ webIntegrationId })}
          />
          {env && (
            <>
              <CopyValue label="Origin to allow-list" value={env.originInfo.origin} copy={env.copy} />
              <p class="muted small" data-testid="origin-note">
                {env.originInfo.note}
              </p>
            </>
          )}
        </>
      )}
      {connection.mode === 'oauth' && (
        <>
          <TextField
            id={`${idPrefix}oauth-client-id`}
            label="OAuth client ID"
            value={connection.oauthClientId}
            error={error('oauthClientId')}
            onInput={(oauthClientId) => set({ oauthClientId })}
          />
          {env &&
            (env.oauthRedirectUrl ? (
              <CopyValue label="Redirect URL to register" value={env.oauthRedirectUrl} copy={env.copy} />
            ) : (
              <p class="alert">This browser does not offer the identity API that OAuth sign-in needs; choose another mode.</p>
            ))}
          {env?.oauthRedirectUrl && <OAuthSignIn host={host} clientId={connection.oauthClientId} env={env} id={`${idPrefix}oauth`} />}
        </>
      )}
      {connection.mode === 'api-key' && (
        <>
          <p class="muted small">Sent only to {host}: never to another host, a subdomain or a look-alike address.</p>
          <TextField id={`${idPrefix}api-key`} label="API key" secret value={connection.apiKey} error={error('apiKey')} onInput={(apiKey) => set({ apiKey })} />
          {env && (
            <p class={env.apiKeyEngine ? 'muted small' : 'alert'} data-testid="api-key-engine-note">
              {env.apiKeyEngine
                ? 'Qlarity sends the key on the engine connection too, with a request-header rule for this tenant that it removes after each analysis.'
                : 'Engine analysis needs another mode in this browser: Chrome does not let an extension send the key on the engine connection, so with a key Qlarity analyses only what the REST APIs give (app details, reloads and their logs, the script, data metadata, evaluations). Use "My Qlik session" or OAuth for the full analysis.'}
            </p>
          )}
        </>
      )}
    </>
  );
}

function OAuthSignIn({ host, clientId, env, id }: { host: string | undefined; clientId: string; env: OptionsEnvironment; id: string }) {
  const [signedIn, setSignedIn] = useState<boolean | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const origin = host ? `https://${host}` : undefined;
  useEffect(() => {
    setSignedIn(null);
    if (!origin || !clientId) return;
    env.isSignedIn(origin, clientId).then(setSignedIn, () => setSignedIn(false));
  }, [origin, clientId, env]);
  if (!origin) return <p class="muted small">To sign in, add this tenant under "Connection per tenant" and choose OAuth there.</p>;
  if (!clientId) return null;
  const act = async (action: 'in' | 'out') => {
    setMessage(null);
    try {
      if (action === 'in') await env.signIn(origin, clientId);
      else await env.signOut(origin, clientId);
      setSignedIn(action === 'in');
    } catch (e) {
      setMessage(messageOf(e));
    }
  };
  return (
    <div class="row" id={fieldId(id)}>
      <span aria-live="polite">{signedIn === null ? '' : signedIn ? `Signed in to ${host}.` : `Not signed in to ${host}.`}</span>
      {signedIn ? (
        <button type="button" onClick={() => void act('out')}>
          Sign out
        </button>
      ) : (
        <button type="button" onClick={() => void act('in')}>
          Sign in
        </button>
      )}
      {message && <p class="alert">{message}</p>}
    </div>
  );
}
