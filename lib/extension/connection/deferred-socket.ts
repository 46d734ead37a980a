// A WebSocket-like that exists at once (enigma.js calls createSocket synchronously) but opens
// the real socket only after an async step, e.g. fetching a fresh CSRF token or an engine token.
// If that step fails, it reports error + close like a refused socket and keeps the reason.
import type { BrowserSocketLike } from '../bridge/types';

export interface DeferredSocket extends BrowserSocketLike {
  /** the error of the preparation step, when that is why the socket closed */
  readonly prepareError: unknown;
  /** true once the real socket reported open */
  readonly everOpened: boolean;
}

/** Close code used when the socket never got as far as connecting (like a browser's 1006). */
export const NOT_CONNECTED_CODE = 1006;

export function deferredSocket(
  url: string,
  prepare: () => Promise<string>,
  open: (url: string) => BrowserSocketLike,
  onClosed?: () => void,
): DeferredSocket {
  let inner: BrowserSocketLike | undefined;
  let state: 0 | 1 | 2 | 3 = 0;
  let prepareError: unknown;
  let everOpened = false;
  let closeRequested: { code?: number; reason?: string } | undefined;

  const outer: DeferredSocket = {
    CONNECTING: 0,
    OPEN: 1,
    CLOSING: 2,
    CLOSED: 3,
    url,
    get readyState() {
      return inner && state !== 3 ? inner.readyState : state;
    },
    get prepareError() {
      return prepareError;
    },
    get everOpened() {
      return everOpened;
    },
    onopen: null,
    onmessage: null,
    onerror: null,
    onclose: null,
    send(data: string) {
      if (!inner) throw new Error('InvalidStateError: the socket is still connecting');
      inner.send(data);
    },
    close(code?: number, reason?: string) {
      if (inner) return inner.close(code, reason);
      if (state === 3) return;
      // closed before the real socket exists: finish as a clean close once preparation settles
      closeRequested = { code, reason };
      state = 2;
    },
  };

  const finish = (code: number, reason: string, wasClean: boolean) => {
    state = 3;
    onClosed?.();
    outer.onclose?.({ type: 'close', code, reason, wasClean });
  };

  prepare().then(
    (finalUrl) => {
      if (closeRequested) return finish(closeRequested.code ?? 1000, closeRequested.reason ?? '', true);
      inner = open(finalUrl);
      inner.onopen = (event) => {
        everOpened = true;
        outer.onopen?.(event);
      };
      inner.onmessage = (event) => outer.onmessage?.(event);
      inner.onerror = (event) => outer.onerror?.(event);
      inner.onclose = (event) => {
        state = 3;
        onClosed?.();
        outer.onclose?.(event);
      };
    },
    (error: unknown) => {
      prepareError = error;
      if (closeRequested) return finish(closeRequested.code ?? 1000, closeRequested.reason ?? '', true);
      const message = error instanceof Error ? error.message : String(error);
      outer.onerror?.({ type: 'error', message });
      finish(NOT_CONNECTED_CODE, message.slice(0, 120), false);
    },
  );
  return outer;
}
