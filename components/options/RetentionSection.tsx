// How many analyses Qlarity keeps, and for how long.
import { DEFAULT_RETENTION, retentionOf, type Settings } from '@/lib/protocol/settings';
import { NumberField } from './fields';
import type { FieldErrors } from './validate';

export function RetentionSection({ settings, errors, onChange }: { settings: Settings; errors: FieldErrors; onChange(settings: Settings): void }) {
  const retention = retentionOf(settings);
  return (
    <fieldset>
      <legend>Data retention</legend>
      <p class="muted small">Analyses stay in this browser profile only. Older ones are removed automatically.</p>
      <NumberField
        id="retention-max-apps"
        label="Apps whose last analysis is kept"
        value={retention.maxApps}
        min={1}
        max={500}
        step="1"
        hint={`Default ${DEFAULT_RETENTION.maxApps}.`}
        error={errors['retention.maxApps']}
        onInput={(maxApps) => onChange({ ...settings, retention: { ...retention, maxApps } })}
      />
      <NumberField
        id="retention-max-age"
        label="Remove analyses older than (days)"
        value={retention.maxAgeDays}
        min={1}
        max={3650}
        step="1"
        hint={`Default ${DEFAULT_RETENTION.maxAgeDays}.`}
        error={errors['retention.maxAgeDays']}
        onInput={(maxAgeDays) => onChange({ ...settings, retention: { ...retention, maxAgeDays } })}
      />
    </fieldset>
  );
}
