// The monitor's memory of nodes once seen, so a dead replica is still in the tree (link down,
// under its last parent) after the dashboard restarts, until it returns, is removed, or ages out.
import { z } from 'zod';
import { RoleSchema, type Role } from '../../lib/contracts';
import type { Db } from './database';
import { IdRowSchema, parseRows } from './rows';

export interface RememberedNode {
  id: string;
  upstream?: string;
  role: Role;
  firstSeenAt: number;
  lastKnownAt: number;
}

const KnownNodeRowSchema = z.object({
  id: z.string(),
  upstream: z.string().nullable(),
  role: RoleSchema,
  first_seen_at: z.number(),
  last_known_at: z.number(),
});

export class NodeMemoryStore {
  constructor(private readonly db: Db) {}

  load(): RememberedNode[] {
    const rows = parseRows(KnownNodeRowSchema, this.db.prepare('SELECT * FROM known_nodes').all());
    return rows.map((r) => ({
      id: r.id,
      ...(r.upstream ? { upstream: r.upstream } : {}),
      role: r.role,
      firstSeenAt: r.first_seen_at,
      lastKnownAt: r.last_known_at,
    }));
  }

  /** Replace the remembered set with `nodes` (one transaction; a few rows per cycle at most). */
  save(nodes: RememberedNode[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO known_nodes (id, upstream, role, first_seen_at, last_known_at) VALUES (@id, @upstream, @role, @firstSeenAt, @lastKnownAt)
       ON CONFLICT(id) DO UPDATE SET upstream=excluded.upstream, role=excluded.role, last_known_at=excluded.last_known_at`,
    );
    this.db.transaction(() => {
      const keep = new Set(nodes.map((n) => n.id));
      for (const { id } of parseRows(IdRowSchema, this.db.prepare('SELECT id FROM known_nodes').all()))
        if (!keep.has(id)) this.db.prepare('DELETE FROM known_nodes WHERE id = ?').run(id);
      for (const n of nodes) upsert.run({ ...n, upstream: n.upstream ?? null });
    })();
  }
}
