// A node id as a link to its page, in the monospace the UI uses for node ids. Hook-free.
import Link from 'next/link';
import { nodeHref } from '@/components/topology/node-card';

export function NodeLink({
  nodeId,
  className = 'text-xs',
  title,
}: {
  nodeId: string;
  /** Size and colour classes (the focus ring, font and underline come with it). */
  className?: string;
  title?: string;
}) {
  return (
    <Link
      href={nodeHref(nodeId)}
      title={title}
      className={`focus-ring rounded font-mono hover:underline ${className}`}
    >
      {nodeId}
    </Link>
  );
}
