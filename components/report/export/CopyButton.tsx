// A small "Copy" button next to a statement, an expression or an id. Says "Copied" (or why not)
// for a moment in a live region, so screen readers hear it too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { copyText } from './clipboard';

interface Props {
  text: string;
  /** what is copied, for the accessible name: "Copy the DROP FIELDS statement" */
  what: string;
  label?: string;
}

export function CopyButton({ text, what, label = 'Copy' }: Props) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = () => {
    copyText(text).then(
      () => setStatus('copied'),
      () => setStatus('failed'),
    );
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus('idle'), 2500);
  };
  return (
    <span class="qx-copy">
      <button type="button" class="qx-copy-button" onClick={copy} aria-label={`${label} ${what}`} title={`${label} ${what}`} data-testid="copy-button">
        {status === 'copied' ? 'Copied' : label}
      </button>
      <span role="status" class="qx-visually-hidden">
        {status === 'copied' ? `Copied ${what}.` : status === 'failed' ? `Could not copy ${what}: select it and press Ctrl+C.` : ''}
      </span>
    </span>
  );
}
