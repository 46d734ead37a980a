// The phases of an analysis run, without zod: the popup's first render reads them before the
// message schemas (lib/protocol/run.ts) have loaded.

// measuring: everything but the timing pass is analysed and stored; the timing pass runs and its
// results stream into the stored report sheet by sheet (lib/extension/analysis.ts).
export const ANALYSIS_PHASES = ['connecting', 'collecting', 'measuring', 'analysing', 'done', 'failed', 'cancelled'] as const;
export type AnalysisPhase = (typeof ANALYSIS_PHASES)[number];

export const RUNNING_PHASES: readonly AnalysisPhase[] = ['connecting', 'collecting', 'measuring', 'analysing'];
