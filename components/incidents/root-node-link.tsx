'use client';
// An incident's root node as a link to its page, or a dash when no node was named.
import Link from 'next/link';
import { nodeHref } from '@/components/topology/node-card';

export function RootNodeLink({ nodeId, className = '' }: { nodeId?: string; className?: string }) {
  if (!nodeId) return <span className="text-fg-subtle">—</span>;
  return (
    <Link
      href={nodeHref(nodeId)}
      className={`focus-ring rounded font-mono hover:underline ${className}`}
    >
      {nodeId}
    </Link>
  );
}
