import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript on purpose (it must run on any Node), no type declarations
import { nodeVersionProblem } from '../../scripts/check-node.mjs';
import pkg from '../../package.json';

describe('Node check (scripts/check-node.mjs)', () => {
  it('stops an older Node with a message naming both versions', () => {
    expect(nodeVersionProblem('v18.19.0', '>=20.12')).toBe(
      'Qlarity needs Node 20.12.0 or newer (package.json engines ">=20.12"); this is Node 18.19.0. Install a newer Node (https://nodejs.org) and run the command again.',
    );
    expect(nodeVersionProblem('v20.11.1', '>=20.12')).toContain('this is Node 20.11.1');
  });

  it('lets the minimum and newer versions through', () => {
    expect(nodeVersionProblem('v20.12.0', '>=20.12')).toBeNull();
    expect(nodeVersionProblem('v22.1.0', '>=20.12')).toBeNull();
  });

  it('passes the Node running these tests against package.json engines', () => {
    expect(nodeVersionProblem(process.version, pkg.engines.node)).toBeNull();
  });
});
