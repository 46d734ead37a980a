// The relay's bounds on what the page sends (lib/protocol/bridge.ts FRAME_LIMITS): how many frames,
// how fast, how large, and for engine frames, that each answers a request the background sent.
// Pure: the clock is passed in.
import type { FrameLimits } from '../../protocol/bridge';

export interface FrameBudget {
  /** Call for every frame from the page, before reading it: null when admitted, else why the bridge must stop. */
  admit(chars: number, now: number): string | null;
}

/** Token buckets for frames and characters, plus a total frame count and a per-frame size. */
export function createFrameBudget(limits: FrameLimits, startedAt: number): FrameBudget {
  let frames = limits.frameBurst;
  let chars = limits.charBurst;
  let total = 0;
  let last = startedAt;
  return {
    admit(size, now) {
      const elapsed = Math.max(0, now - last) / 1000;
      last = Math.max(last, now);
      frames = Math.min(limits.frameBurst, frames + elapsed * limits.framesPerSecond);
      chars = Math.min(limits.charBurst, chars + elapsed * limits.charsPerSecond);
      if (size > limits.maxFrameChars) return `the Qlik page sent a frame of ${size} characters (at most ${limits.maxFrameChars})`;
      if (++total > limits.maxFrames) return `the Qlik page sent more than ${limits.maxFrames} frames`;
      if (frames < 1) return `the Qlik page sent more than ${limits.framesPerSecond} frames per second`;
      if (chars < size) return `the Qlik page sent more than ${Math.round(limits.charsPerSecond / 1024 / 1024)} MiB per second`;
      frames -= 1;
      chars -= size;
      return null;
    },
  };
}

type RpcId = number | string;

const HEAD = /^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*(-?\d{1,15})\s*[,}]/;
const SMALL_FRAME = 64 * 1024;

/**
 * The JSON-RPC id of a frame, `null` for a frame without one (a notification), undefined when it
 * is not a JSON-RPC object. Big frames are read from their head when the id comes first (as the
 * engine writes them), so a 40 MB answer is not parsed twice.
 */
export function rpcIdOf(frame: string): RpcId | null | undefined {
  if (frame.length > SMALL_FRAME) {
    const head = HEAD.exec(frame.slice(0, 256));
    if (head) return Number(head[1]);
  }
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const id = (json as { id?: unknown }).id;
  if (typeof id === 'number' || typeof id === 'string') return id;
  return id === undefined || id === null ? null : undefined;
}

export type EngineFrameVerdict = 'answer' | 'push' | 'unexpected' | 'too-many-pushes';

/**
 * One engine socket: answers must match a request id the background sent and not yet answered;
 * frames without an id are the engine's own notifications, up to an allowance.
 */
export function createEngineFrameCheck(pushAllowance: number) {
  const outstanding = new Set<RpcId>();
  let pushes = 0;
  return {
    sent(frame: string): void {
      const id = rpcIdOf(frame);
      if (id !== null && id !== undefined) outstanding.add(id);
    },
    received(frame: string): EngineFrameVerdict {
      const id = rpcIdOf(frame);
      if (id === undefined) return 'unexpected';
      if (id === null) return ++pushes > pushAllowance ? 'too-many-pushes' : 'push';
      return outstanding.delete(id) ? 'answer' : 'unexpected';
    },
  };
}
