// Node detail, addressed by the URL-encoded node id (`host:port`).
import { NodePage } from '@/components/nodes/node-page';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let nodeId = id;
  try {
    nodeId = decodeURIComponent(id);
  } catch {
    // malformed escape: show it as typed; the API answers not_found
  }
  return <NodePage nodeId={nodeId} />;
}
