import { Background, Controls, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { formatScore } from '../../../shared/format/format.js';
import type { RelatedRow } from '@kindred/contract';
import { RELATION_LABELS } from '../../../shared/format/labels.js';

/** Beyond this many neighbours the picture stops being readable; the table lists them all. */
export const GRAPH_NODE_LIMIT = 40;

const TIER_RADIUS = { same: 170, family: 270, related: 370 } as const;

/** The account in the middle, its related accounts around it on rings by tier, edges labelled by relation. */
export function GroupGraph({ accountId, accountName, rows }: { accountId: string; accountName: string; rows: RelatedRow[] }) {
  const { nodes, edges, shown } = useMemo(() => {
    const strongest = [...rows].sort((a, b) => b.score - a.score).slice(0, GRAPH_NODE_LIMIT);
    const nodes: Node[] = [
      { id: accountId, position: { x: 0, y: 0 }, data: { label: `${accountName} (${accountId})` }, className: 'graph-node graph-node-center' },
    ];
    const edges: Edge[] = [];
    strongest.forEach((r, i) => {
      const angle = (2 * Math.PI * i) / Math.max(1, strongest.length) - Math.PI / 2;
      const radius = TIER_RADIUS[r.tier];
      nodes.push({
        id: r.id,
        position: { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius },
        data: { label: `${r.name ?? '(no name)'} (${r.id})` },
        className: `graph-node graph-node-${r.tier}`,
      });
      edges.push({
        id: `${accountId}->${r.id}`,
        source: accountId,
        target: r.id,
        label: `${RELATION_LABELS[r.relation] ?? r.relation} · ${formatScore(r.score)}`,
        className: `graph-edge graph-edge-${r.tier}`,
        type: 'straight',
        labelBgPadding: [4, 2],
      });
    });
    return { nodes, edges, shown: strongest.length };
  }, [accountId, accountName, rows]);

  return (
    <figure className="graph" aria-label={`Graph of the group of ${accountName}`}>
      <div className="graph-canvas">
        <ReactFlow nodes={nodes} edges={edges} fitView nodesConnectable={false} proOptions={{ hideAttribution: true }}>
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      {shown < rows.length && (
        <figcaption className="muted">
          The {shown} strongest of {rows.length} related accounts; the table lists all of them.
        </figcaption>
      )}
    </figure>
  );
}
