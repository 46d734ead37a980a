// npm postinstall: `wxt prepare` (the extension's generated types) in a development checkout. Where
// wxt is not installed — the package installed for its `qlarity` command, without dev dependencies —
// there is nothing to prepare, and failing here would fail that install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const wxt = fileURLToPath(new URL('../node_modules/wxt/bin/wxt.mjs', import.meta.url));
if (!existsSync(wxt)) process.exit(0);
const run = spawnSync(process.execPath, [wxt, 'prepare'], { stdio: 'inherit' });
process.exit(run.status ?? 1);
