// Whether a run is still going, without zod: the popup's first render asks before the message
// schemas have loaded.
import { RUNNING_PHASES, type AnalysisPhase } from '../protocol/run-phase';

export function isRunning(run: { phase: AnalysisPhase } | null | undefined): boolean {
  return !!run && RUNNING_PHASES.includes(run.phase);
}
