// A WebSocket-like object for enigma.js's `createSocket`, wired straight to an EngineSession:
// lets tests drive the simulated engine with the real client and no network.
import type { EngineSession } from '../types';

export class MemorySocket {
  readonly OPEN = 1;
  readonly CLOSED = 3;
  readyState = 0;
  onopen?: (event: unknown) => void;
  onclose?: (event: { code: number; reason: string }) => void;
  onerror?: (event: unknown) => void;
  onmessage?: (event: { data: string }) => void;
  /** every frame the engine sent, for tests that look at the wire */
  readonly received: string[] = [];
  readonly sent: string[] = [];

  constructor(private readonly session: EngineSession) {
    session.onSend((frame) => {
      this.received.push(frame);
      setTimeout(() => this.onmessage?.({ data: frame }), 0);
    });
    session.onClose((code, reason) => this.close(code, reason));
    setTimeout(() => {
      this.readyState = this.OPEN;
      this.onopen?.({});
    }, 0);
  }

  send(frame: string): void {
    this.sent.push(frame);
    this.session.receive(frame);
  }

  close(code = 1000, reason = ''): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = this.CLOSED;
    this.session.dispose();
    setTimeout(() => this.onclose?.({ code, reason }), 0);
  }
}
