// The contract between the parts of the simulated tenant: the app loader and engine
// (test/sim/app, test/sim/engine) and the HTTP/WebSocket server with REST and auth
// (test/sim/server). Change it deliberately: both sides depend on it.

/** A tenant user the simulator knows. Roles follow Qlik Cloud: a developer can edit, a viewer only reads. */
export interface SimUser {
  id: string;
  name: string;
  email: string;
  subject: string;
  /** edit rights on the apps (owner / can-edit space role) or read-only (can-view) */
  role: 'developer' | 'viewer';
  password: string;
}

/** One app as loaded from a folder: everything the engine and REST answer from. */
export interface SimApp {
  id: string;
  name: string;
  /** the folder it was loaded from, for messages */
  source: string;
  /** what the loader wants the person starting the simulator to know (e.g. "no data model file: empty model") */
  notes: string[];
  /** REST `NxAttributes`-like attributes (owner, spaceId, published, thumbnail, description, …) */
  attributes: Record<string, unknown>;
  /** the app's own engine state, owned by test/sim/app and test/sim/engine */
  model: unknown;
  /** REST `/data/metadata` answer (given in the folder or derived from the data model) */
  dataMetadata: unknown;
  /** REST reload records (`/api/v1/reloads` items), newest first */
  reloads: unknown[];
  /** reload id → plain-text reload log */
  reloadLogs: Record<string, string>;
  /** reload id → `/apps/{id}/reloads/metadata/{reloadId}` answer */
  reloadMetadata: Record<string, unknown>;
  /** app evaluation records with their results */
  evaluations: unknown[];
  /** the load script text */
  script: string;
}

/** Faults a test can switch on, per simulator instance (and reset per test). */
export interface FaultConfig {
  /** extra delay before every engine message is answered, in ms */
  latencyMs?: number;
  /** extra delay before GetLayout of a saved visualization (what the timing pass asks) is answered, in ms: a slow timing pass after a quick inventory */
  objectLayoutLatencyMs?: number;
  /**
   * drop the engine socket (1006, no close frame) after this many received messages: requests
   * 1..N are answered, later ones are never handled. Applies to every socket (also the ones a
   * client opens to resume) unless `dropTimes` limits it.
   */
  dropAfterMessages?: number;
  /** how many sockets `dropAfterMessages` drops, counted from when these faults were set (1: drop once) */
  dropTimes?: number;
  /** close the engine socket right after the handshake with this close code (4203, 4204, 4205, 4230, 4240 …) */
  closeCode?: number;
  /** engine methods (optionally only on one object id) answered with an engine error */
  engineErrors?: { method: string; objectId?: string; code: number; parameter?: string }[];
  /** REST path prefixes answered with 429 and Retry-After (seconds), this many times (default: always) */
  rateLimit?: { pathPrefix: string; retryAfterSeconds: number; times?: number }[];
  /** the engine session ends (close code 4201 client timeout) after this many ms idle */
  sessionTimeoutMs?: number;
  /** send one malformed (non-JSON) frame before the answer to this method */
  malformedFrameOn?: string;
  /**
   * a silent engine: the socket stays open (OnConnected is still sent) but requests of these
   * methods, or every request when `methods` is absent, are never answered (nor recorded)
   */
  silent?: { methods?: string[] };
}

/** One engine call as seen by the simulator, for tests that assert what a client did. */
export interface CallRecord {
  /** the engine session key: `<appId>` or `<appId>/identity/<id>`, plus the user */
  session: string;
  userId: string;
  appId: string;
  handle: number;
  /** Qlik type of the handle's object: Global, Doc, GenericObject, GenericMeasure, … */
  objectType: string;
  /** qId of the object behind the handle, when it has one */
  objectId?: string;
  /** true when the object behind the handle is a persistent (saved) object, not a session object */
  persistent?: boolean;
  method: string;
  params: unknown;
  /** the JSON-RPC error code when the call failed */
  errorCode?: number;
  at: number;
}

/** What an engine session needs from the server that carries it. */
export interface EngineSessionOptions {
  app: SimApp;
  user: SimUser;
  /** `<appId>` or `<appId>/identity/<id>` */
  sessionKey: string;
  /**
   * true when this socket attaches to a live engine session: another socket holds it, or one held
   * it within the session TTL (→ SESSION_ATTACHED)
   */
  attached: boolean;
  /** the session (the last socket's EngineSession) whose state this socket attaches to */
  attachTo?: EngineSession;
  faults: () => FaultConfig;
  record: (call: CallRecord) => void;
  /**
   * How the engine waits (OpenDoc time, calculation cost, latencyMs). Default: a real
   * setTimeout delay. Tests pass a recorder to assert delays without timing anything.
   */
  sleep?: (ms: number) => Promise<void>;
}

/** The engine side of one WebSocket, independent of the transport. */
export interface EngineSession {
  /** feed one text frame received from the client */
  receive(frame: string): void;
  /** the engine wants to send a text frame to the client */
  onSend(listener: (frame: string) => void): void;
  /** the engine wants the socket closed with this code and reason */
  onClose(listener: (code: number, reason: string) => void): void;
  /** the socket went away but the engine session lives on (another socket, or the TTL): stop sending, keep the state */
  detach?(): void;
  /** the engine session ends: release everything it holds */
  dispose(): void;
}
