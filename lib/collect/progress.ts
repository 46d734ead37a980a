// Progress at most once per percent of each phase. A large app's ~2,500 expression checks would
// otherwise be ~2,500 progress reports, and in the extension each one is a message from the
// service worker to every open page (lib/extension/runs.ts → background broadcast). A phase of at
// most 100 steps is reported step by step; the first and the last report of a phase always pass.

export type ProgressReport = (phase: string, done: number, total: number) => void;

export function onePerPercent(report: ProgressReport): ProgressReport {
  const lastStep = new Map<string, number>();
  return (phase, done, total) => {
    const step = total > 0 ? Math.floor((done * 100) / total) : -1;
    if (done !== total && lastStep.get(phase) === step) return;
    lastStep.set(phase, step);
    report(phase, done, total);
  };
}
