// Persists the set of known nodes (ids, parents, roles) so a restarted dashboard still shows the
// ones that died meanwhile. Written when the shape changes; lastKnownAt once a minute.
import { logger } from '../logger';
import type { NodeMemoryStore } from '../store/node-memory-store';
import type { NodeRecord } from './node-record';

const log = logger('monitor');
const REFRESH_MS = 60_000;

export class NodeMemoryWriter {
  private signature = '';
  private savedAt = 0;

  constructor(private readonly memory: NodeMemoryStore) {}

  save(records: Iterable<NodeRecord>): void {
    const nodes = [...records]
      .filter((r) => r.role !== 'unknown')
      .map((r) => ({ id: r.id, upstream: r.upstream, role: r.role, firstSeenAt: r.firstSeenAt, lastKnownAt: r.lastKnownAt }));
    const signature = JSON.stringify(nodes.map((n) => [n.id, n.upstream, n.role]));
    if (signature === this.signature && Date.now() - this.savedAt < REFRESH_MS) return;
    this.signature = signature;
    this.savedAt = Date.now();
    try {
      this.memory.save(nodes);
    } catch (err) {
      log.error({ err }, 'could not save the node memory');
    }
  }
}
