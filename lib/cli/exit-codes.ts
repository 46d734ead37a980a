// The CLI's exit codes: one home, used by every command and printed in every --help.

export const EXIT = {
  /** done (and nothing at the --fail-on level, or nothing new against the baseline) */
  ok: 0,
  /** findings at the --fail-on level (new ones, with a baseline) */
  findings: 1,
  /** bad arguments */
  usage: 2,
  /** nothing could be analysed: connection, collection, unreadable input, or any unexpected failure */
  failed: 3,
  /** a scan analysed some apps, but others failed */
  partial: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_TEXT = `Exit codes: 0 done; 1 findings at the --fail-on level (or new findings against a baseline);
2 usage error; 3 nothing could be analysed (connection, collection, unreadable input, any crash);
4 some apps of a scan failed. A crash is never 1.`;
