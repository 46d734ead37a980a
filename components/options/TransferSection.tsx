// Settings export (a JSON download, without secrets) and import (validated; a bad file changes nothing).
import { useState } from 'preact/hooks';
import { type Settings } from '../../lib/protocol/settings';
import { exportableSettings } from '../../lib/extension/settings/exportable';

interface Props {
  settings: Settings;
  /** validates and applies; answers the message to show */
  onImport(text: string): Promise<{ ok: boolean; message: string }>;
}

export function TransferSection({ settings, onImport }: Props) {
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const download = () => {
    const blob = new Blob([JSON.stringify(exportableSettings(settings), null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = 'qlarity-settings.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <fieldset>
      <legend>Export and import</legend>
      <p class="muted small">The file holds the saved settings except API keys, which stay in this browser profile.</p>
      <div class="row">
        <button type="button" onClick={download}>
          Export settings
        </button>
      </div>
      <div class="field">
        <label for="import-settings">Import settings from a file</label>
        <input
          id="import-settings"
          type="file"
          accept="application/json,.json"
          onChange={async (event) => {
            const input = event.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (!file) return;
            setResult(await onImport(await file.text()));
            input.value = '';
          }}
        />
      </div>
      {result && (
        <p class={result.ok ? 'ok' : 'alert'} role="alert" data-testid="import-result">
          {result.message}
        </p>
      )}
    </fieldset>
  );
}
