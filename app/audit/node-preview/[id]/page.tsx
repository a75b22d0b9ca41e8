// TEMPORARY preview for the live check; removed before hand-off.
import { NodeActions } from '@/components/actions/node-actions';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NodeActions nodeId={decodeURIComponent(id)} />;
}
