// A ready statement (R01's DROP FIELDS) to paste into the load script: its caveat first, when it
// has one, then a focusable block (it scrolls when long) and the report's one Copy button.
import type { ReadyStatement } from '../../lib/report/ready-statement';
import { CopyButton } from './export/CopyButton';

/** A statement to paste into the load script, with a Copy button; the block scrolls and takes focus. */
export function Statement({ statement: { text, warning } }: { statement: ReadyStatement }) {
  return (
    <div class="qr-statement">
      {warning && (
        <p class="qr-wrap qr-statement-warning" data-testid="statement-warning">
          <strong>Before pasting:</strong> {warning}
        </p>
      )}
      <pre dir="ltr" class="qr-code-block" tabIndex={0} role="region" aria-label="Statement to add to the load script">
        <code>{text}</code>
      </pre>
      <div class="row">
        <CopyButton text={text} label="Copy statement" what="to the clipboard" />
      </div>
    </div>
  );
}
