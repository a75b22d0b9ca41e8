// Finished check runs in SQLite (migration 9): the run as JSON, with the columns the history
// sorts and prunes on. Running checks live in CheckService's memory until they end.
import { CheckRunSchema, type CheckRun } from '../../lib/contracts';
import type { Db } from '../store/database';
import { BodyRowSchema, parseRow, parseRows } from '../store/rows';

export class CheckStore {
  constructor(private readonly db: Db) {}

  save(run: CheckRun): void {
    this.db
      .prepare(
        `INSERT INTO check_runs (id, kind, state, started_at, finished_at, body)
         VALUES (@id, @kind, @state, @startedAt, @finishedAt, @body)
         ON CONFLICT(id) DO UPDATE SET state=excluded.state, finished_at=excluded.finished_at, body=excluded.body`,
      )
      .run({
        id: run.id,
        kind: run.kind,
        state: run.state,
        startedAt: run.startedAt,
        finishedAt: run.finishedAt ?? null,
        body: JSON.stringify(run),
      });
  }

  get(id: string): CheckRun | null {
    const row = parseRow(BodyRowSchema, this.db.prepare('SELECT body FROM check_runs WHERE id = ?').get(id));
    return row ? parse(row.body) : null;
  }

  /** Newest first. */
  list(limit: number): CheckRun[] {
    const rows = parseRows(BodyRowSchema, this.db.prepare('SELECT body FROM check_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit));
    return rows.flatMap((r) => parse(r.body) ?? []);
  }

  /** Keeps the newest `keep` runs; returns how many older ones were deleted. */
  prune(keep: number): number {
    return this.db
      .prepare(
        `DELETE FROM check_runs WHERE id NOT IN
           (SELECT id FROM check_runs ORDER BY started_at DESC, id DESC LIMIT ?)`,
      )
      .run(keep).changes;
  }
}

// A row written by an older version that no longer parses is skipped, never a 500.
function parse(body: string): CheckRun | null {
  try {
    const r = CheckRunSchema.safeParse(JSON.parse(body));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
