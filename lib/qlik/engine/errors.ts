// Engine (QIX WebSocket) errors turned into messages a Qlik developer can act on.
// Close codes: Qlik Cloud engine proxy, as listed by @qlik/api's websocket-errors (../shared/research/connectivity.md §5.4).
// RPC error codes: LocalizedErrorCode in enigma.js/schemas/12.2027.0.json and engine-rpc.json components.errors.

export const CLOSE_CODE_MESSAGES: Readonly<Record<number, string>> = {
  1002: 'The engine connection broke the protocol.',
  1006: 'The connection to the engine was lost (no close frame).',
  4003: 'The engine is shutting down.',
  4200: 'The engine proxy closed the connection (generic error).',
  4201: 'The engine session timed out (client idle too long).',
  4202: 'The engine proxy rejected the request as malformed.',
  4203: 'You do not have permission to open this app.',
  4204: 'The app was not found (wrong app id, or it was deleted).',
  4205: 'Too many requests: the tenant is rate-limiting engine sessions. Try again in a minute.',
  4206: 'A network error occurred between the engine proxy and the engine.',
  4210: 'An engine dependency failed.',
  4211: 'An engine dependency is unavailable.',
  4220: 'The engine reported an error.',
  4222: 'The reserved engine session is missing.',
  4230: 'Your user is not entitled to use the engine (no license or capacity).',
  4240: 'No engine is available right now. Try again later.',
};

export const RPC_ERROR_NAMES: Readonly<Record<number, string>> = {
  [-32700]: 'JSON parse error',
  [-32600]: 'Invalid JSON request',
  [-32601]: 'Method does not exist',
  [-32602]: 'Invalid method parameter(s)',
  [-32603]: 'Internal JSON-RPC error',
  [-128]: 'Internal error',
  2: 'Resource not found',
  5: 'Access denied',
  8: 'Invalid parameters',
  15: 'Request aborted',
  19: 'Memory limit reached',
  1003: 'App not found',
  1007: 'App invalid',
  4000: 'User access denied',
  6001: 'Result too large',
  7002: 'Out of object memory',
  7004: 'Calculation timed out',
  7005: 'Calculation condition unfulfilled',
  8000: 'Master item link invalid',
  8001: 'Linked object not found',
  11000: 'Reload in progress',
};

/**
 * `unresponsive`: the engine stopped answering (timeouts.ts); `refused`: Qlarity refused to send a
 * request that is not on the read-only allow-list (lib/qlik/read-only.ts).
 */
export type EngineErrorKind = 'closed' | 'rpc' | 'connect' | 'attached' | 'aborted' | 'protocol' | 'unresponsive' | 'refused';

/** Any failure from the engine. `fatal`: the session is gone and nothing more can be asked. */
export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind: EngineErrorKind,
    /** close code for `closed`, engine error code for `rpc` */
    readonly code?: number,
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }

  /** the session is gone (or was refused): nothing more can be asked. `rpc` and `protocol` errors concern one call. */
  get fatal(): boolean {
    return this.kind === 'closed' || this.kind === 'connect' || this.kind === 'attached' || this.kind === 'aborted' || this.kind === 'unresponsive' || this.kind === 'refused';
  }
}

export function closeCodeMessage(code: number, reason?: string): string {
  const known = CLOSE_CODE_MESSAGES[code];
  const detail = reason ? ` (${reason})` : '';
  return known ? `${known} [close code ${code}]${detail}` : `The engine closed the connection with code ${code}${detail}.`;
}

export function rpcErrorMessage(method: string, code: number, message: string | undefined, parameter?: string): string {
  const name = message || RPC_ERROR_NAMES[code] || 'Engine error';
  const param = parameter ? `: ${parameter}` : '';
  return `${method} failed: ${name}${param} [engine error ${code}]`;
}

interface EnigmaLikeError {
  code?: unknown;
  message?: unknown;
  parameter?: unknown;
  original?: { code?: unknown; reason?: unknown; message?: unknown; error?: { message?: unknown } } | undefined;
}

// enigma.js error codes (enigma.js/error-codes.js): NOT_CONNECTED -1, OBJECT_NOT_FOUND -2, EXPECTED_ARRAY_OF_PATCHES -3 … SESSION_SUSPENDED -11.
const ENIGMA_NOT_CONNECTED = -1;
const ENIGMA_OBJECT_NOT_FOUND = -2;
const ENIGMA_SESSION_SUSPENDED = -11;

/**
 * The error answer session.ts hands enigma.js for each call still waiting when the engine went
 * silent (enigma.js has no way to reject one request from outside): recognised by its parameter.
 */
export const UNRESPONSIVE_PARAMETER = 'qlarity:engine-unresponsive';
export const UNRESPONSIVE_CODE = -128;

/** Turn whatever enigma.js threw for `method` into an EngineError. */
export function toEngineError(error: unknown, method: string): EngineError {
  if (error instanceof EngineError) return error;
  const e = (error ?? {}) as EnigmaLikeError;
  const code = typeof e.code === 'number' ? e.code : undefined;
  if (e.parameter === UNRESPONSIVE_PARAMETER) return new EngineError(typeof e.message === 'string' ? e.message : 'The engine stopped answering.', 'unresponsive');
  const original = e.original;
  if (code === ENIGMA_NOT_CONNECTED || code === ENIGMA_SESSION_SUSPENDED) {
    const closeCode = typeof original?.code === 'number' ? original.code : undefined;
    if (closeCode !== undefined && closeCode !== 1000) {
      return new EngineError(closeCodeMessage(closeCode, typeof original?.reason === 'string' ? original.reason : undefined), 'closed', closeCode);
    }
    const socketMessage = typeof original?.message === 'string' ? original.message : typeof original?.error?.message === 'string' ? original.error.message : '';
    return new EngineError(`The engine connection is closed${socketMessage ? `: ${socketMessage}` : ''} (during ${method}).`, 'closed', closeCode);
  }
  if (code === ENIGMA_OBJECT_NOT_FOUND) return new EngineError(`${method} failed: object not found`, 'rpc', 2);
  // enigma.js's own codes are small negatives and carry no `parameter`; engine codes (-128, -326xx) do
  if (code !== undefined && code <= -3 && code >= -20 && e.parameter === undefined) {
    return new EngineError(`${method} failed: unexpected engine answer (${String(e.message)})`, 'protocol', code);
  }
  if (code !== undefined) {
    const parameter = typeof e.parameter === 'string' ? e.parameter : undefined;
    return new EngineError(rpcErrorMessage(method, code, typeof e.message === 'string' ? e.message : undefined, parameter), 'rpc', code, parameter);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EngineError(`${method} failed: ${message}`, 'protocol');
}
