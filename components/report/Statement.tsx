// A ready statement (R01's DROP FIELDS) to paste into the load script: a focusable block (it
// scrolls when long) and a Copy button that says whether copying worked.
import { useState } from 'preact/hooks';

/** A statement to paste into the load script, with a Copy button; the block scrolls and takes focus. */
export function Statement({ text }: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  return (
    <div class="qr-statement">
      <pre dir="ltr" class="qr-code-block" tabIndex={0} role="region" aria-label="Statement to add to the load script">
        <code>{text}</code>
      </pre>
      <div class="row">
        <button type="button" onClick={() => void copy()}>
          Copy statement
        </button>
        <span role="status" class="muted">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
        </span>
      </div>
    </div>
  );
}
