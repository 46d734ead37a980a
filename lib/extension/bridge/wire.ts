// How the relay and the page bridge talk (the schemas are lib/protocol/bridge.ts): the handoff
// event's type, the frames over their private port, and which engine address the relay lets through.
import { BRIDGE_TAG, BridgeEvent, MAX_FRAME_CHARS, type BridgeCommand } from '../../protocol/bridge';

/** The type of the one DOM event that carries the page bridge's MessagePort to the relay. */
export function handoffEventType(nonce: string): string {
  return `${BRIDGE_TAG}:handoff:${nonce}`;
}

/**
 * Parses one frame the page bridge sent over the private port (a JSON string). Returns the event
 * only when it is well formed; anything else is null.
 */
export function parseBridgeFrame(raw: unknown): BridgeEvent | null {
  if (typeof raw !== 'string' || raw.length > MAX_FRAME_CHARS + 4096) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const event = BridgeEvent.safeParse(json);
  return event.success ? event.data : null;
}

export function encodeCommand(command: BridgeCommand): string {
  return JSON.stringify(command);
}

/** True when `socketUrl` is a ws(s) URL on exactly the page's host, with the matching security. */
export function isSameOriginSocketUrl(socketUrl: string, pageOrigin: string): boolean {
  let socket: URL;
  let page: URL;
  try {
    socket = new URL(socketUrl);
    page = new URL(pageOrigin);
  } catch {
    return false;
  }
  const expectedProtocol = page.protocol === 'https:' ? 'wss:' : page.protocol === 'http:' ? 'ws:' : '';
  return !!expectedProtocol && socket.protocol === expectedProtocol && socket.host === page.host && !socket.username && !socket.password;
}
