#!/usr/bin/env node
// The `qlarity` command (package.json "bin"). The CLI is TypeScript run through tsx's loader, so the
// same lib/ sources serve the extension build and this command without a separate compile step.
// Anything that fails before the CLI has started (a missing dependency, a broken install) ends
// with exit 3 and a message: exit 1 is reserved for findings.
import { setFlagsFromString } from 'node:v8';

// a larger young generation: a collection allocates many short-lived answers (bench/collect.bench.ts)
setFlagsFromString('--max-semi-space-size=64');

try {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../lib/cli/main.ts');
  await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`qlarity could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
}
