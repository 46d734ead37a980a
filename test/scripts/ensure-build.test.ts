// scripts/ensure-build.ts rebuilds the extension when a source is newer than the build: its list
// must cover every local module the build configuration imports (a change to the rule-text
// stripping plugin changes the service worker).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILD_SOURCES } from '../../scripts/ensure-build';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('ensureBuild', () => {
  it("watches every local module wxt.config.ts imports", () => {
    const config = readFileSync(`${ROOT}wxt.config.ts`, 'utf8');
    const local = [...config.matchAll(/from\s+'\.\/([^']+)'/g)].map((m) => m[1]);
    expect(local).toContain('scripts/vite/strip-rule-texts');
    for (const module of local) {
      expect(BUILD_SOURCES.some((source) => module === source.replace(/\.ts$/, '') || module.startsWith(`${source}/`)), module).toBe(true);
    }
  });
});
