// A ready statement (R01's DROP FIELDS) to paste into the load script: a focusable block (it
// scrolls when long) and the report's one Copy button.
import { CopyButton } from './export/CopyButton';

/** A statement to paste into the load script, with a Copy button; the block scrolls and takes focus. */
export function Statement({ text }: { text: string }) {
  return (
    <div class="qr-statement">
      <pre dir="ltr" class="qr-code-block" tabIndex={0} role="region" aria-label="Statement to add to the load script">
        <code>{text}</code>
      </pre>
      <div class="row">
        <CopyButton text={text} label="Copy statement" what="to the clipboard" />
      </div>
    </div>
  );
}
