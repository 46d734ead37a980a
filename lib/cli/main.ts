// `qlarity <command>`: the CLI's entry. Dispatches to analyze, scan, compare and rules; whatever
// goes wrong inside a command that it did not handle ends with exit 3 and a message, never exit 1
// (1 means "findings", and a CI gate must not read a crash as findings).
import { createInterface } from 'node:readline/promises';
import { pathToFileURL } from 'node:url';
import { runCli as runAnalyze } from './analyze';
import { runCompare } from './compare';
import { EXIT, EXIT_CODES_TEXT } from './exit-codes';
import { runRules } from './rules-command';
import { type ScanIo, runScan } from './scan';
import { terminalSafe } from './terminal-safe';

const MAIN_USAGE = `Usage: qlarity <command> [options]

Commands:
  analyze   analyse one app: from a tenant (--host, --app), a saved snapshot or an app folder
  scan      analyse many apps of a tenant: a space, a list, or all apps you can see
  compare   new, fixed and unchanged findings between two saved JSON results
  rules     the rules with their severities and options

\`qlarity <command> --help\` describes a command's options.

${EXIT_CODES_TEXT}`;

type Command = (argv: string[], io: ScanIo) => Promise<number>;
const COMMANDS: Record<string, Command> = { analyze: runAnalyze, scan: runScan, compare: runCompare, rules: runRules };

export async function runQlarity(argv: string[], io: ScanIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    (first === undefined ? io.stderr : io.stdout)(`${MAIN_USAGE}\n`);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  // `npm run analyze -- --host …` (and the first CLI's calls) pass options without a command
  const [name, args] = first.startsWith('-') ? ['analyze', argv] : [first, rest];
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`Unknown command "${terminalSafe(name)}".\n\n${MAIN_USAGE}\n`);
    return EXIT.usage;
  }
  try {
    const code = await command(args, io);
    return (Object.values(EXIT) as number[]).includes(code) ? code : EXIT.failed;
  } catch (error) {
    io.stderr(`${crashText(error, io.env)}\n`);
    return EXIT.failed;
  }
}

/** An error nobody handled, for stderr: its message, and its stack with QLARITY_DEBUG=1. */
function crashText(error: unknown, env: Record<string, string | undefined>): string {
  const detail = error instanceof Error ? (env.QLARITY_DEBUG === '1' ? (error.stack ?? error.message) : error.message) : String(error);
  return `Failed: unexpected error: ${detail.split('\n').map(terminalSafe).join('\n')}`;
}

/** Runs in this process: stdout/stderr, SIGINT cancels, any escaped error or rejection is exit 3. */
export async function main(argv: string[]): Promise<void> {
  const crash = (error: unknown): void => {
    process.stderr.write(`${crashText(error, process.env)}\n`);
    process.exit(EXIT.failed);
  };
  // a reader that stops early (`qlarity rules | head`) is not a failure
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    crash(error);
  });
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.exitCode = await runQlarity(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    signal: controller.signal,
    isTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    interactive: process.stdin.isTTY === true,
    confirm: async (question) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return /^y(es)?$/i.test((await rl.question(question)).trim());
      } finally {
        rl.close();
      }
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main(process.argv.slice(2));
