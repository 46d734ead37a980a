// Small labelled form controls with inline errors (aria-invalid + aria-describedby).
import { useState } from 'preact/hooks';

export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '_')}`;

export function ErrorText({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p class="field-error" id={`${id}-error`} data-testid="field-error">
      {error}
    </p>
  );
}

const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

export function TextField(props: { id: string; label: string; value: string; error?: string | undefined; secret?: boolean; hint?: string; onInput(value: string): void }) {
  const common = {
    id: props.id,
    value: props.value,
    autoComplete: 'off',
    spellcheck: false,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
    ...invalidProps(props.id, props.error),
  };
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.secret ? <input type="password" {...common} /> : <input type="text" {...common} />}
      {props.hint && <p class="muted small">{props.hint}</p>}
      <ErrorText id={props.id} error={props.error} />
    </div>
  );
}

export function NumberField(props: { id: string; label: string; value: number | undefined; min?: number | undefined; max?: number | undefined; step?: string; hint?: string; error?: string | undefined; onInput(value: number): void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        type="number"
        id={props.id}
        value={props.value === undefined || Number.isNaN(props.value) ? '' : String(props.value)}
        {...(props.min !== undefined ? { min: props.min } : {})}
        {...(props.max !== undefined ? { max: props.max } : {})}
        step={props.step ?? 'any'}
        onInput={(event) => {
          const raw = (event.currentTarget as HTMLInputElement).value;
          props.onInput(raw.trim() === '' ? Number.NaN : Number(raw));
        }}
        {...invalidProps(props.id, props.error)}
      />
      {props.hint && <p class="muted small">{props.hint}</p>}
      <ErrorText id={props.id} error={props.error} />
    </div>
  );
}

/** A value to hand to the tenant admin, with a copy button that says when it worked. */
export function CopyValue({ label, value, copy }: { label: string; value: string; copy(text: string): Promise<void> }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <div class="copy-value">
      <span class="muted small">{label}</span>
      <div class="row">
        <code data-testid="copy-value">{value}</code>
        <button
          type="button"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={() =>
            copy(value).then(
              () => setCopied('Copied.'),
              () => setCopied('Could not copy: select the text and copy it.'),
            )
          }
        >
          Copy
        </button>
        <span aria-live="polite" class="small">
          {copied}
        </span>
      </div>
    </div>
  );
}
