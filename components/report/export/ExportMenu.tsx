// The side panel's Export menu for the analysis on screen: each format downloads one file made by
// the shared renderer (lib/export, the CLI's `--format` uses the same), and the Markdown summary
// can be copied straight into a ticket or a pull-request comment.
import { useRef, useState } from 'preact/hooks';
import { EXPORT_FORMATS, exportFormatLabel, type ExportFormat } from '../../../lib/export/formats';
import type { ExportInput } from '../../../lib/export/input';
import { copyText } from './clipboard';
import { downloadText } from './download';
import { messageOf } from '../../../lib/extension/errors';

// The renderers (and, for SARIF, the rule registry) load when the menu first opens, not with the
// side panel: most sessions never export.
let renderers: Promise<typeof import('../../../lib/export/index')> | undefined;
const loadRenderers = () => (renderers ??= import('../../../lib/export/index'));

interface Props {
  /** built on demand: the export of a large app is made only when asked for */
  input(): ExportInput;
  /** replaces the browser download (tests) */
  download?(content: string, mimeType: string, fileName: string): void;
}

export function ExportMenu({ input, download = downloadText }: Props) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => menu.current && (menu.current.open = false);
  const save = async (format: ExportFormat) => {
    close();
    try {
      const { renderExport } = await loadRenderers();
      const file = renderExport(format, input());
      download(file.content, file.mimeType, file.fileName);
      setMessage({ text: `Saved ${file.fileName}.`, error: false });
    } catch (error) {
      setMessage({ text: `Could not export ${exportFormatLabel(format)}: ${messageOf(error)}`, error: true });
    }
  };
  const copyMarkdown = () => {
    close();
    loadRenderers()
      .then(({ renderExport }) => copyText(renderExport('markdown', input()).content))
      .then(
        () => setMessage({ text: 'Copied the Markdown summary: paste it into a ticket or a pull request.', error: false }),
        () => setMessage({ text: 'Could not copy: download the Markdown file instead.', error: true }),
      );
  };
  return (
    <div class="qx-export">
      <details class="qx-menu" data-testid="export-menu" ref={menu} onToggle={() => void loadRenderers().catch(() => undefined)}>
        <summary>Export</summary>
        <div class="qx-menu-items" role="group" aria-label="Export this analysis">
          {EXPORT_FORMATS.map((format) => (
            <button key={format} type="button" onClick={() => void save(format)} data-format={format}>
              {exportFormatLabel(format)}
            </button>
          ))}
          <button type="button" onClick={copyMarkdown}>
            Copy Markdown summary
          </button>
        </div>
      </details>
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'alert' : 'muted'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
