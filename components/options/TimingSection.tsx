// How the timing pass measures objects: quick (first calculation) or full (also from the cache).
import { DEFAULT_TIMING_MODE, TIMING_MODE_TEXT, TimingMode } from '../../lib/snapshot/timing-mode';
import type { Settings } from '../../lib/protocol/settings';

export function TimingSection({ settings, onChange }: { settings: Settings; onChange(settings: Settings): void }) {
  const current = settings.timingMode ?? DEFAULT_TIMING_MODE;
  return (
    <fieldset>
      <legend>Object timings</legend>
      <div role="radiogroup" aria-label="Object timings">
        {TimingMode.options.map((mode) => (
          <div class="radio" key={mode}>
            <input
              type="radio"
              id={`timing-mode-${mode}`}
              name="timing-mode"
              value={mode}
              checked={current === mode}
              aria-describedby={`timing-mode-${mode}-help`}
              onChange={() => onChange({ ...settings, timingMode: mode })}
            />
            <label for={`timing-mode-${mode}`} style={{ margin: 0 }}>
              <strong>
                {TIMING_MODE_TEXT[mode].title}
                {mode === DEFAULT_TIMING_MODE ? ' (default)' : ''}
              </strong>
              <br />
              <span class="muted" id={`timing-mode-${mode}-help`}>
                {TIMING_MODE_TEXT[mode].help}
              </span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
