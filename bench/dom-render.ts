// What the render benches share: a happy-dom document installed as the globals Preact and the
// views read (Node 20 has none of them), and timing a render as the best of a few rounds.
import { Window } from 'happy-dom';

const ROUNDS = 5;

/** Best of ROUNDS runs after one warm-up (module code, JIT), in milliseconds. */
export function bestOf(run: () => void): number {
  let fastest = Infinity;
  run();
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

/** A happy-dom window whose document, style and DOM classes (plus `extra` ones) are the globals. */
export function installDom(extra: string[] = []): Window {
  const window = new Window({ url: 'https://localhost/' });
  const globals = globalThis as Record<string, unknown>;
  const dom = window as unknown as Record<string, unknown>;
  globals.window = window;
  globals.document = window.document;
  globals.getComputedStyle = window.getComputedStyle.bind(window);
  for (const name of ['navigator', 'Node', 'Element', 'HTMLElement', 'Event', 'KeyboardEvent', ...extra]) globals[name] ??= dom[name];
  return window;
}
