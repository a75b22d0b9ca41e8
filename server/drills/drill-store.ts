// Past drills in SQLite (migration 8): the run as JSON, with the columns the history filters on.
import { DrillRunSchema, type DrillRun } from '../../lib/contracts/drills';
import type { Db } from '../store/database';
import { BodyRowSchema, parseRow, parseRows } from '../store/rows';

export class DrillStore {
  constructor(private readonly db: Db) {}

  save(run: DrillRun): void {
    this.db
      .prepare(
        `INSERT INTO drill_runs (id, scenario, state, passed, started_at, ended_at, body)
         VALUES (@id, @scenario, @state, @passed, @startedAt, @endedAt, @body)
         ON CONFLICT(id) DO UPDATE SET state=excluded.state, passed=excluded.passed,
           ended_at=excluded.ended_at, body=excluded.body`,
      )
      .run({
        id: run.id,
        scenario: run.scenario,
        state: run.state,
        passed: run.scorecard ? Number(run.scorecard.passed) : null,
        startedAt: run.startedAt,
        endedAt: run.endedAt ?? null,
        body: JSON.stringify(run),
      });
  }

  get(id: string): DrillRun | null {
    const row = parseRow(BodyRowSchema, this.db.prepare('SELECT body FROM drill_runs WHERE id = ?').get(id));
    return row ? parse(row.body) : null;
  }

  /** Newest first. */
  list(limit: number): DrillRun[] {
    const rows = parseRows(BodyRowSchema, this.db.prepare('SELECT body FROM drill_runs ORDER BY started_at DESC LIMIT ?').all(limit));
    return rows.flatMap((r) => parse(r.body) ?? []);
  }

  /** Drills a previous process left running or paused can never finish: say so in history. */
  abandonUnfinished(now: number): number {
    const rows = parseRows(BodyRowSchema, this.db.prepare("SELECT body FROM drill_runs WHERE state IN ('running', 'paused')").all());
    for (const r of rows) {
      const run = parse(r.body);
      if (run)
        this.save({
          ...run,
          state: 'error',
          endedAt: now,
          error: 'the server stopped while this drill ran',
        });
    }
    return rows.length;
  }
}

// A row written by an older version that no longer parses is skipped, not a 500.
function parse(body: string): DrillRun | null {
  const r = DrillRunSchema.safeParse(JSON.parse(body));
  return r.success ? r.data : null;
}
