// The tables and the keys between them as an SVG graph laid out by dagre (lib/report/data-model.ts),
// with pan and zoom by buttons, keyboard (arrows pan, + and − zoom, 0 fits), wheel and drag; the
// same links as a text list for screen readers and narrow panels.
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DataModel } from '../../lib/snapshot/schema';
import { keyGraph } from '../../lib/report/data-model';
import { fitViewport, panViewport, readableViewport, viewBoxOf, zoomViewport, type Viewport } from '../../lib/report/viewport';
import { Name } from './Text';

const STEP = 1.25;

export function KeyGraph({ model }: { model: DataModel }) {
  const graph = useMemo(() => keyGraph(model), [model]);
  const whole = useMemo(() => fitViewport(graph.width, graph.height), [graph]);
  const [view, setView] = useState<Viewport>(whole);
  const svg = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number; view: Viewport } | undefined>(undefined);
  const frame = useRef<HTMLDivElement>(null);
  // A drawing much larger than its frame would shrink its labels below reading size when fitted:
  // it starts at its own size (one unit a pixel) at the top left instead, and Fit shows it whole.
  useLayoutEffect(() => {
    const box = frame.current;
    if (!box || box.clientWidth === 0) return;
    setView(readableViewport(whole, box.clientWidth, box.clientHeight));
  }, [whole]);
  if (graph.nodes.length === 0) return <p class="muted">The data model has no tables.</p>;

  /** drawing units per screen pixel (the svg keeps the aspect ratio, "meet") */
  const unitsPerPixel = () => {
    const box = svg.current?.getBoundingClientRect();
    return box && box.width > 0 && box.height > 0 ? Math.max(view.width / box.width, view.height / box.height) : 1;
  };
  const pointInDrawing = (event: MouseEvent) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box || box.width === 0) return undefined;
    const k = unitsPerPixel();
    return { x: view.x + view.width / 2 + (event.clientX - box.left - box.width / 2) * k, y: view.y + view.height / 2 + (event.clientY - box.top - box.height / 2) * k };
  };
  const zoom = (factor: number, around?: { x: number; y: number }) => setView((v) => zoomViewport(v, factor, whole, around));
  const pan = (dx: number, dy: number) => setView((v) => panViewport(v, dx * v.width, dy * v.height, whole));

  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, () => void> = {
      ArrowLeft: () => pan(-0.1, 0),
      ArrowRight: () => pan(0.1, 0),
      ArrowUp: () => pan(0, -0.1),
      ArrowDown: () => pan(0, 0.1),
      '+': () => zoom(STEP),
      '=': () => zoom(STEP),
      '-': () => zoom(1 / STEP),
      '0': () => setView(whole),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  const half = graph.nodeHeight / 2;
  return (
    <figure class="qr-graph" data-testid="key-graph">
      <figcaption id="qr-graph-caption">Tables and their keys</figcaption>
      <div class="row qr-graph-tools" role="toolbar" aria-label="Graph view">
        <button type="button" onClick={() => zoom(STEP)}>
          Zoom in
        </button>
        <button type="button" onClick={() => zoom(1 / STEP)}>
          Zoom out
        </button>
        <button type="button" onClick={() => setView(whole)}>
          Fit
        </button>
        <span class="muted qr-small" id="qr-graph-help">
          Drag or use the arrow keys to move, + and − to zoom.
        </span>
      </div>
      <div
        ref={frame}
        class="qr-graph-frame"
        tabIndex={0}
        role="group"
        aria-labelledby="qr-graph-caption"
        aria-describedby="qr-graph-help"
        onKeyDown={onKeyDown}
        onWheel={(event) => {
          event.preventDefault();
          zoom(event.deltaY < 0 ? STEP : 1 / STEP, pointInDrawing(event));
        }}
        onPointerDown={(event) => {
          drag.current = { x: event.clientX, y: event.clientY, view };
          (event.currentTarget as HTMLElement).setPointerCapture?.(event.pointerId);
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (!start) return;
          const k = unitsPerPixel();
          setView(panViewport(start.view, (start.x - event.clientX) * k, (start.y - event.clientY) * k, whole));
        }}
        onPointerUp={() => (drag.current = undefined)}
        onPointerCancel={() => (drag.current = undefined)}
      >
        <svg ref={svg} viewBox={viewBoxOf(view)} role="img" aria-labelledby="qr-graph-caption" preserveAspectRatio="xMidYMid meet" data-testid="key-graph-svg">
          {graph.edges.map((e) => (
            <polyline key={`${e.from}\u0000${e.to}`} class="qr-edge" fill="none" points={e.points.map((p) => `${p.x},${p.y}`).join(' ')}>
              <title>{`${e.from} – ${e.to}: ${e.fields.join(', ')}`}</title>
            </polyline>
          ))}
          {graph.nodes.map((n) => (
            <g key={n.name} class={n.isSynthetic ? 'qr-node qr-synthetic' : 'qr-node'}>
              <title>{n.name}</title>
              <rect x={n.x - n.width / 2} y={n.y - half} width={n.width} height={graph.nodeHeight} rx="4" />
              <text x={n.x} y={n.y} text-anchor="middle" dominant-baseline="central">
                {n.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
      {graph.edges.length > 0 ? (
        <ul class="qr-links" aria-label="Key links">
          {graph.edges.map((e) => (
            <li key={`${e.from}\u0000${e.to}`}>
              <Name>{e.from}</Name> ↔ <Name>{e.to}</Name>: <Name>{e.fields.join(', ')}</Name>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No keys link the tables.</p>
      )}
    </figure>
  );
}
