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

  constructor(private readonly memory: Pick<NodeMemoryStore, 'save'>) {}

  save(records: Iterable<NodeRecord>): void {
    const known = [...records].filter((r) => r.role !== 'unknown');
    // Built every cycle: one string, no per-node objects until something is written.
    let signature = '';
    for (const r of known) signature += `${r.id} ${r.upstream ?? ''} ${r.role}\n`;
    if (signature === this.signature && Date.now() - this.savedAt < REFRESH_MS) return;
    this.signature = signature;
    this.savedAt = Date.now();
    const nodes = known.map((r) => ({ id: r.id, upstream: r.upstream, role: r.role, firstSeenAt: r.firstSeenAt, lastKnownAt: r.lastKnownAt }));
    try {
      this.memory.save(nodes);
    } catch (err) {
      log.error({ err }, 'could not save the node memory');
    }
  }
}
