// What the tab holds, and what the user can do next when it is not an app Qlarity can read.
import { platformName } from '../lib/qlik/platform-name';
import type { TabPlatform, TabState } from '../lib/protocol/tab-state';
import { describeApp } from './format';

/** The Qlik product serving the tab; product-info.json's label when it confirmed it. */
function PlatformLine({ platform, inline = false }: { platform: TabPlatform; inline?: boolean }) {
  const name = platformName(platform.platform);
  const detail = platform.confirmed ? (platform.productLabel ? ` · ${platform.productLabel}` : '') : ' (not confirmed)';
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag class={inline ? undefined : 'muted'} data-testid="platform" data-platform={platform.platform} data-confirmed={String(platform.confirmed)}>
      {name}
      {detail}
    </Tag>
  );
}

/** `appName`: the app's name when an analysis of it is stored (the address only holds its id). */
export function TabStatus({ state, onAllowHost, appName }: { state: TabState; onAllowHost(): void; appName?: string | undefined }) {
  switch (state.kind) {
    case 'qlik-app':
      // Once the app has a report, the summary names it: one line here keeps the popup within 600 px.
      if (appName)
        return (
          <section class="card compact" aria-labelledby="tab-status-title" data-testid="tab-status" data-kind={state.kind}>
            <h2 id="tab-status-title" class="visually-hidden">
              Qlik app detected
            </h2>
            <p class="muted small" title={describeApp(state.app)}>
              <span data-testid="app-tenant">{state.app.host}</span>
              {state.platform && (
                <>
                  {' · '}
                  <PlatformLine platform={state.platform} inline />
                </>
              )}
            </p>
          </section>
        );
      return (
        <section class="card" aria-labelledby="tab-status-title" data-testid="tab-status" data-kind={state.kind}>
          <h2 id="tab-status-title">Qlik app detected</h2>
          {appName && (
            <p data-testid="app-name">
              <bdi dir="auto">{appName}</bdi>
            </p>
          )}
          <p data-testid="app-id">{describeApp(state.app)}</p>
          <p class="muted" data-testid="app-tenant">
            {state.app.host}
          </p>
          {state.platform && <PlatformLine platform={state.platform} />}
        </section>
      );
    case 'needs-permission':
      return (
        <section class="card" aria-labelledby="tab-status-title" data-testid="tab-status" data-kind={state.kind}>
          <h2 id="tab-status-title">Allow Qlarity on {state.app.host}?</h2>
          <p>
            This looks like a Qlik Sense app on a server outside Qlik Cloud. Qlarity needs your permission to read
            apps on this host; it asks for this host only.
          </p>
          <button class="primary" onClick={onAllowHost}>
            Allow access to {state.app.host}
          </button>
        </section>
      );
    case 'not-qlik':
      return (
        <section class="card" aria-labelledby="tab-status-title" data-testid="tab-status" data-kind={state.kind}>
          <h2 id="tab-status-title">Not a Qlik app tab</h2>
          <p>Qlarity analyses the Qlik Sense app open in the current tab.</p>
          <ol class="muted">
            <li>Open your Qlik Cloud tenant and sign in.</li>
            <li>Open an app (any sheet, or the data load editor).</li>
            <li>Click the Qlarity icon again and choose Analyze.</li>
          </ol>
        </section>
      );
    case 'no-tab':
      return (
        <section class="card" aria-labelledby="tab-status-title" data-testid="tab-status" data-kind={state.kind}>
          <h2 id="tab-status-title">No tab to analyse</h2>
          <p>Open a Qlik Sense app in a tab, then open Qlarity from the toolbar.</p>
        </section>
      );
  }
}
