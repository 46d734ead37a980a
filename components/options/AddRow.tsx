// A text input with an "Add …" button beside it: Enter adds too; the error is announced on the input.
interface Props {
  id: string;
  placeholder: string;
  value: string;
  error: string | null | undefined;
  buttonLabel: string;
  onInput(value: string): void;
  onAdd(): void;
}

export function AddRow({ id, placeholder, value, error, buttonLabel, onInput, onAdd }: Props) {
  return (
    <div class="row">
      <input
        id={id}
        type="text"
        placeholder={placeholder}
        value={value}
        autoComplete="off"
        spellcheck={false}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            onAdd();
          }
        }}
        {...(error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {})}
      />
      <button type="button" onClick={onAdd}>
        {buttonLabel}
      </button>
    </div>
  );
}
