// How many analyses Qlarity keeps, and for how long.
import { DEFAULT_RETENTION, type Retention, type Settings } from '../../lib/protocol/settings';
import { retentionOf } from '../../lib/extension/settings/read';
import { NumberField } from './fields';
import type { FieldErrors } from './validate';

/** One whole-number field per retention setting; `max` is the schema's bound (lib/protocol/settings.ts). */
const FIELDS: { key: keyof Retention; id: string; label: string; max: number }[] = [
  { key: 'maxApps', id: 'retention-max-apps', label: 'Apps whose analyses are kept', max: 500 },
  { key: 'maxAgeDays', id: 'retention-max-age', label: 'Remove analyses older than (days)', max: 3650 },
  { key: 'maxAnalysesPerApp', id: 'retention-max-analyses', label: 'Analyses kept per app (history)', max: 1000 },
  { key: 'fullReportsPerApp', id: 'retention-full-reports', label: 'Newest analyses per app kept as full reports (older ones as summaries)', max: 50 },
];

export function RetentionSection({ settings, errors, onChange }: { settings: Settings; errors: FieldErrors; onChange(settings: Settings): void }) {
  const retention = retentionOf(settings);
  return (
    <fieldset>
      <legend>Data retention</legend>
      <p class="muted small">Analyses stay in this browser profile only. Older ones are removed automatically.</p>
      {FIELDS.map(({ key, id, label, max }) => (
        <NumberField
          key={key}
          id={id}
          label={label}
          value={retention[key]}
          min={1}
          max={max}
          step="1"
          hint={`Default ${DEFAULT_RETENTION[key]}.`}
          error={errors[`retention.${key}`]}
          onInput={(value) => onChange({ ...settings, retention: { ...retention, [key]: value } })}
        />
      ))}
    </fieldset>
  );
}
