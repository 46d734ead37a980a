// Assertions over what reached the simulated tenant (Simulator.requests()).
import { expect } from '@playwright/test';
import type { Simulator } from '../sim/index';

/** Every `returnto` any request carried (login links, redirects followed by the browser). */
export function returnTos(sim: Simulator): string[] {
  return sim
    .requests()
    .map((r) => new URL(r.url.replace(/^ws/, 'http')).searchParams.get('returnto'))
    .filter((value): value is string => value !== null);
}

/** No flow may ask the tenant to return to an extension page (LOGIN-8 / LOGIN-10, connectivity.md 1.3). */
export function expectNoExtensionReturnTo(sim: Simulator): void {
  expect(returnTos(sim).filter((value) => /^(chrome|moz)-extension:/i.test(value))).toEqual([]);
}
