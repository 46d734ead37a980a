// The parts of the settings that are optional in storage, with their defaults supplied.
import type { AnalysisConfigInput } from '../../analyze/config';
import { DEFAULT_RETENTION, type Retention, type Settings } from '../../protocol/settings';

export function retentionOf(settings: Settings): Required<Retention> {
  return { ...DEFAULT_RETENTION, ...settings.retention };
}

/** The rule configuration in the shape lib/analyze/config.ts AnalysisConfig accepts. */
export function analysisConfigOf(settings: Settings): AnalysisConfigInput {
  return { rules: settings.analysis?.rules ?? {}, categories: settings.analysis?.categories ?? {}, apps: settings.analysis?.apps ?? {} };
}
