// Sets up the in-tab bridge for one tab: make sure the relay runs, open a Port to it, give it a
// fresh one-time nonce, inject the MAIN-world bridge with the same nonce (it hands its private
// MessagePort to the relay in the handoff event), wait until both ends answer.
import { browser } from 'wxt/browser';
import { BRIDGE_PORT_NAME, RelayProbeReply, type RelayProbe } from '../../protocol/bridge';
import { qlikError, type ProblemContext } from '../../qlik/errors';
import { createBridgeClient, type BridgeClient } from './client';
import { installPageBridge } from './page-bridge';
import type { PortLike } from './types';
import { withTimeout } from '../with-timeout';

/** WXT's output path of entrypoints/qlik.content.ts. */
const CONTENT_SCRIPT_FILE = '/content-scripts/qlik.js';
const STEP_TIMEOUT_MS = 10_000;

/** 144 random bits, base64url: the handoff nonce of one injection. */
export function newBridgeNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Asks the tab's content script what it holds; null when no relay runs there. */
export async function probeTab(tabId: number): Promise<RelayProbeReply | null> {
  try {
    const probe: RelayProbe = { type: 'qlarity-relay-probe' };
    const raw: unknown = await browser.tabs.sendMessage(tabId, probe, { frameId: 0 });
    const reply = RelayProbeReply.safeParse(raw);
    return reply.success ? reply.data : null;
  } catch {
    return null; // "Receiving end does not exist"
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Probes a few times: a content script declared for `document_idle` may not run yet on a fresh tab. */
async function probeWithPatience(tabId: number, attempts: number): Promise<RelayProbeReply | null> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const reply = await probeTab(tabId);
    if (reply) return reply;
    await sleep(250);
  }
  return null;
}

/** Injects the relay where the manifest does not (hosts granted at run time, e.g. QSEoW). */
async function ensureRelay(tabId: number): Promise<RelayProbeReply | null> {
  const first = await probeWithPatience(tabId, 4);
  if (first) return first;
  await browser.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    // WXT types `files` as its public paths, which do not list content scripts.
    files: [CONTENT_SCRIPT_FILE as never] });
  return probeWithPatience(tabId, 8);
}

export interface TabBridge {
  client: BridgeClient;
  probe: RelayProbeReply;
}

/** Opens the bridge into the tab whose app is on `origin`. Throws a QlikProblemError when it cannot. */
export async function openTabBridge(tabId: number, origin: string, context: ProblemContext = {}): Promise<TabBridge> {
  const probe = await ensureRelay(tabId);
  if (!probe) throw qlikError({ kind: 'tab-gone' }, context);
  const nonce = newBridgeNonce();
  const port = browser.tabs.connect(tabId, { name: BRIDGE_PORT_NAME, frameId: 0 }) as unknown as PortLike;
  const client = createBridgeClient(port, { nonce, expectedOrigin: origin });
  try {
    await withTimeout(client.relayReady, STEP_TIMEOUT_MS, () => qlikError({ kind: 'timeout', what: 'The Qlik tab', ms: STEP_TIMEOUT_MS }, context));
    const [injection] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      world: 'MAIN',
      func: installPageBridge,
      args: [nonce],
    });
    if (injection?.result !== 'installed') throw new Error(`The page bridge did not start (${String(injection?.result)}).`);
    await withTimeout(client.pageReady, STEP_TIMEOUT_MS, () => qlikError({ kind: 'timeout', what: 'The page bridge in the Qlik tab', ms: STEP_TIMEOUT_MS }, context));
    return { client, probe };
  } catch (error) {
    client.close();
    throw error;
  }
}
