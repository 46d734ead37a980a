// The tables and the keys between them as an SVG graph (deterministic circle layout), with the
// same links as a text list for screen readers and narrow panels.
import type { DataModel } from '@/lib/snapshot/schema';
import { keyGraph } from '@/lib/report/data-model';
import { Name } from './Text';

export function KeyGraph({ model }: { model: DataModel }) {
  const graph = keyGraph(model);
  if (graph.nodes.length === 0) return <p class="muted">The data model has no tables.</p>;
  const half = { w: graph.nodeWidth / 2, h: graph.nodeHeight / 2 };
  return (
    <figure class="qr-graph" data-testid="key-graph">
      <figcaption id="qr-graph-caption">Tables and their keys</figcaption>
      <svg viewBox={`0 0 ${graph.width} ${graph.height}`} role="img" aria-labelledby="qr-graph-caption" preserveAspectRatio="xMidYMid meet">
        {graph.edges.map((e) => (
          <line key={`${e.from}\u0000${e.to}`} class="qr-edge" x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2}>
            <title>{`${e.from} – ${e.to}: ${e.fields.join(', ')}`}</title>
          </line>
        ))}
        {graph.nodes.map((n) => (
          <g key={n.name} class={n.isSynthetic ? 'qr-node qr-synthetic' : 'qr-node'}>
            <title>{n.name}</title>
            <rect x={n.x - half.w} y={n.y - half.h} width={graph.nodeWidth} height={graph.nodeHeight} rx="4" />
            <text x={n.x} y={n.y} text-anchor="middle" dominant-baseline="central">
              {n.label}
            </text>
          </g>
        ))}
      </svg>
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
