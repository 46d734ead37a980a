// User-controlled text (app, sheet, field names, messages): always a text node, its direction
// taken from its own first strong character, and allowed to wrap anywhere.
import type { ComponentChildren } from 'preact';

export function Name({ children, class: className }: { children: ComponentChildren; class?: string }) {
  return (
    <bdi dir="auto" class={className ? `qr-name ${className}` : 'qr-name'}>
      {children}
    </bdi>
  );
}

/** A box that scrolls a wide table sideways on narrow panels; focusable so keyboard users can scroll it too. */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="qr-table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
