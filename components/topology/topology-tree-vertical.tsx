'use client';
// The tree at phone width: each node card full width, its replicas below it, indented behind a
// rail, each joined by a downward arrow that carries the link label. Nothing scrolls sideways.
import type { Link } from '@/lib/contracts';
import { edgeStyle, LinkLabel } from './link-label';
import { NodeCard } from './node-card';
import type { TreeNode } from './build-tree';

function DownEdge({ link }: { link: Link | null }) {
  const { color, style } = edgeStyle(link);
  return (
    <div className="flex items-center gap-2 py-1.5">
      <span aria-hidden="true" className="relative flex h-[70px] w-3 shrink-0 justify-center">
        <span className="h-full" style={{ borderLeft: `3px ${style} ${color}` }} />
        <span
          className="absolute bottom-0"
          style={{
            borderLeft: '6px solid transparent',
            borderRight: '6px solid transparent',
            borderTop: `8px solid ${color}`,
          }}
        />
      </span>
      {link && <LinkLabel link={link} />}
    </div>
  );
}

export function VerticalSubtree({ tree, withEdge = false }: { tree: TreeNode; withEdge?: boolean }) {
  return (
    <div className="flex min-w-0 flex-col">
      {withEdge && <DownEdge link={tree.link} />}
      <NodeCard node={tree.node} isFluid />
      {tree.children.length > 0 && (
        <div className="ml-3 flex min-w-0 flex-col border-l-2 border-border-strong pl-3">
          {tree.children.map((c) => (
            <VerticalSubtree key={c.node.id} tree={c} withEdge />
          ))}
        </div>
      )}
    </div>
  );
}
