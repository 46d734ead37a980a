// Scan progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise (CI logs).
import { terminalSafe } from './terminal-safe';

export interface ScanProgress {
  /** one app finished (analysed or failed) */
  done(appName: string, outcome: string): void;
  end(): void;
}

const BAR = 30;

export function createProgress(total: number, write: (text: string) => void, tty: boolean, quiet: boolean): ScanProgress {
  let done = 0;
  let failed = 0;
  if (quiet || total === 0) return { done: () => undefined, end: () => undefined };
  const draw = (): void => {
    const filled = Math.round((done / total) * BAR);
    write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${done}/${total} apps${failed ? `, ${failed} failed` : ''}`);
  };
  if (tty) draw();
  return {
    done(appName, outcome) {
      done++;
      if (outcome.startsWith('failed')) failed++;
      if (tty) draw();
      else write(`[${done}/${total}] ${terminalSafe(appName)}: ${terminalSafe(outcome)}\n`);
    },
    end() {
      if (tty) write('\n');
    },
  };
}
