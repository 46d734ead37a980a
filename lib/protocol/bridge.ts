// Messages of the in-tab bridge, in the order they travel:
//
//   background ──Port──▶ content script (ISOLATED) ──MessagePort──▶ page bridge (MAIN)
//   background ◀─Port─── content script (ISOLATED) ◀─MessagePort─── page bridge (MAIN)
//
// Batched: what one end produces in one task (the engine requests that answers set off, the
// engine frames that arrived together) travels as one message holding an array of frames, at most
// MAX_BATCH_FRAMES, each checked on its own as if it had come alone. Every hop between processes
// costs per message, not per byte, and a collection sends thousands of small engine frames.
//
// The Qlik page also runs other scripts (the Sense client, third-party visualisation extensions),
// and any of them can read and forge `window.postMessage` traffic. So the relay and the page bridge
// never use it: at injection the page bridge hands one end of a MessageChannel to the relay in a
// synchronous DOM event whose type holds a one-time nonce (HANDOFF), which no page script can know
// or be listening for; after that the two ends talk only over that private port. Everything that
// comes out of the page is still parsed and bounded here before the extension acts on it (the page
// bridge itself runs in the page's world), and nothing secret goes in: commands cannot carry
// Authorization or Cookie headers, and sockets/fetches are limited to the tab's own origin (the
// page could make those requests itself anyway).
//
// zod/mini, not zod: the content script (the relay) bundles these schemas, and the mini build
// validates the same way in a fraction of the size (the budget test in test/arch/bundle-budget).
import { z } from 'zod/mini';

/** Protocol version; prefix of the handoff event type. */
export const BRIDGE_TAG = 'qlarity-bridge/2';

/** Largest text we relay in one message (Chrome's runtime.Port limit is 64 MiB). */
export const MAX_FRAME_CHARS = 48 * 1024 * 1024;

/** Most frames in one batch message, either way. */
export const MAX_BATCH_FRAMES = 1024;

/**
 * Per-injection random nonce (base64url, ≥ 128 bits), known to the background, the relay and the
 * page bridge (passed as an executeScript argument); used once, for the handoff.
 */
export const BridgeNonce = z.string().check(z.regex(/^[A-Za-z0-9_-]{22,128}$/));

/**
 * Bounds on what the page may send per bridge (one analysis' connection). Sizes: one frame up to
 * MAX_FRAME_CHARS. Rates: token buckets, generous for a 100-sheet app (the collector pipelines
 * thousands of engine calls) and far below what would freeze the extension. Engine frames: an
 * answer needs a request it answers (once), plus a small allowance for the engine's own
 * notifications (OnConnected, session events). Beyond any bound the relay stops the bridge.
 */
export const FRAME_LIMITS = {
  maxFrameChars: MAX_FRAME_CHARS,
  /** frames of any kind per bridge */
  maxFrames: 2_000_000,
  framesPerSecond: 50_000,
  frameBurst: 200_000,
  charsPerSecond: 128 * 1024 * 1024,
  charBurst: 512 * 1024 * 1024,
  /** engine frames a socket may receive that answer no request */
  enginePushAllowance: 256,
  /** frames in one message from the page bridge (each still counts and is checked alone) */
  maxBatchFrames: MAX_BATCH_FRAMES,
} as const;
export type FrameLimits = { [K in keyof typeof FRAME_LIMITS]: number };

const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Text = z.string().check(z.maxLength(MAX_FRAME_CHARS));
const HeaderName = z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/));
const HeaderValue = z.string().check(z.maxLength(16 * 1024));

/** Headers that would put credentials into the page, or that the page must set itself. */
const FORBIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'host', 'origin']);

export const HttpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** A path on the tab's origin: `/api/v1/…`. Absolute and protocol-relative (`//x`) URLs are refused. */
export const SameOriginPath = z
  .string()
  .check(z.maxLength(8192), z.regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on the tab origin'));

// ---- background → page (commands) ----

export const WsOpenCommand = z.object({
  type: z.literal('ws-open'),
  socketId: Id,
  /** `wss://<tab host>/…`; the relay and the bridge both check it is the tab's own host. */
  url: z.string().check(z.maxLength(8192)),
});
export const WsSendCommand = z.object({ type: z.literal('ws-send'), socketId: Id, data: Text });
export const WsCloseCommand = z.object({
  type: z.literal('ws-close'),
  socketId: Id,
  // WebSocket.close accepts 1000 or 3000-4999 from scripts.
  code: z.optional(z.union([z.literal(1000), z.int().check(z.minimum(3000), z.maximum(4999))])),
  reason: z.optional(z.string().check(z.maxLength(120))),
});
export const FetchCommand = z.object({
  type: z.literal('fetch'),
  requestId: Id,
  path: SameOriginPath,
  method: HttpMethod,
  headers: z.record(HeaderName, HeaderValue).check(
    z.refine((h) => Object.keys(h).every((name) => !FORBIDDEN_HEADERS.has(name.toLowerCase())), {
      message: 'credentials never go into the page',
    }),
  ),
  body: z.optional(Text),
});
export const DisposeCommand = z.object({ type: z.literal('dispose') });

export const BridgeCommand = z.discriminatedUnion('type', [
  WsOpenCommand,
  WsSendCommand,
  WsCloseCommand,
  FetchCommand,
  DisposeCommand,
]);
export type BridgeCommand = z.infer<typeof BridgeCommand>;

// ---- page → background (events) ----

export const ReadyEvent = z.object({ type: z.literal('ready') });
export const WsOpenedEvent = z.object({ type: z.literal('ws-opened'), socketId: Id });
export const WsMessageEvent = z.object({ type: z.literal('ws-message'), socketId: Id, data: Text });
export const WsErrorEvent = z.object({ type: z.literal('ws-error'), socketId: Id });
export const WsClosedEvent = z.object({
  type: z.literal('ws-closed'),
  socketId: Id,
  code: z.int().check(z.minimum(0), z.maximum(4999)),
  reason: z.string().check(z.maxLength(1024)),
  wasClean: z.boolean(),
});
export const FetchResponseEvent = z.object({
  type: z.literal('fetch-response'),
  requestId: Id,
  status: z.int().check(z.minimum(200), z.maximum(599)),
  statusText: z.string().check(z.maxLength(1024)),
  headers: z.array(z.tuple([HeaderName, HeaderValue])).check(z.maxLength(512)),
  body: Text,
});
export const FetchFailedEvent = z.object({ type: z.literal('fetch-failed'), requestId: Id, message: z.string().check(z.maxLength(1024)) });

export const BridgeEvent = z.discriminatedUnion('type', [
  ReadyEvent,
  WsOpenedEvent,
  WsMessageEvent,
  WsErrorEvent,
  WsClosedEvent,
  FetchResponseEvent,
  FetchFailedEvent,
]);
export type BridgeEvent = z.infer<typeof BridgeEvent>;

// ---- background ⇄ content script (runtime.Port) ----

/** Name of the runtime.Port the background opens to the content script of a Qlik tab. */
export const BRIDGE_PORT_NAME = 'qlarity-bridge';

export const ToRelay = z.discriminatedUnion('type', [
  z.object({ type: z.literal('relay-init'), nonce: BridgeNonce }),
  z.object({ type: z.literal('relay-commands'), commands: z.array(BridgeCommand).check(z.maxLength(MAX_BATCH_FRAMES)) }),
]);
export type ToRelay = z.infer<typeof ToRelay>;

export const FromRelay = z.discriminatedUnion('type', [
  /** The relay waits for the handoff: the background may now inject the page bridge. */
  z.object({ type: z.literal('relay-ready'), origin: z.string() }),
  z.object({ type: z.literal('relay-events'), events: z.array(BridgeEvent).check(z.maxLength(MAX_BATCH_FRAMES)) }),
  /** The relay refused a command (e.g. a socket URL off the tab's origin). */
  z.object({ type: z.literal('relay-refused'), command: z.string(), id: z.optional(z.string()), reason: z.string() }),
  /** The relay stopped the bridge: the page broke a bound (FRAME_LIMITS). */
  z.object({ type: z.literal('relay-failed'), reason: z.string().check(z.maxLength(1024)) }),
]);
export type FromRelay = z.infer<typeof FromRelay>;

// ---- background → content script (one-shot runtime messages) ----

/** "Are you there, and what does this tab hold?" — also tells the background whether to inject the relay. */
export const RelayProbe = z.object({ type: z.literal('qlarity-relay-probe') });
export type RelayProbe = z.infer<typeof RelayProbe>;

export const RelayProbeReply = z.object({
  type: z.literal('qlarity-relay-here'),
  href: z.string().check(z.maxLength(8192)),
  /** product-info.json answer for the page's base URL: status and parsed JSON (undefined when not JSON) */
  productInfo: z.nullable(z.object({ status: z.int(), body: z.unknown() })),
});
export type RelayProbeReply = z.infer<typeof RelayProbeReply>;
