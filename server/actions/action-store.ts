// Plans and runs in SQLite: the public shapes as JSON, plus the columns we filter on. A plan can
// be used by one run only (claimed atomically), so a double click never runs twice.
import { z } from 'zod';
import {
  ActionPlanSchema,
  ActionRunSchema,
  type ActionPlan,
  type ActionRun,
} from '../../lib/contracts';
import type { Db } from '../store/database';
import { BodyRowSchema, jsonColumn, parseRow, parseRows } from '../store/rows';

const PlanRowSchema = z.object({
  body: jsonColumn(ActionPlanSchema),
  approved_by: z.string().nullable(),
  approved_at: z.number().nullable(),
  used_by_run: z.string().nullable(),
});

/** Run bodies as stored; a body this version cannot read is skipped, not trusted. */
function parseRuns(rows: unknown[]): ActionRun[] {
  return parseRows(BodyRowSchema, rows).flatMap((r) => {
    const run = jsonColumn(ActionRunSchema).safeParse(r.body);
    return run.success ? [run.data] : [];
  });
}

export class ActionStore {
  constructor(private readonly db: Db) {}

  savePlan(p: ActionPlan): void {
    this.db
      .prepare(
        'INSERT INTO action_plans (id, action, target, created_at, expires_at, created_by, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.id, p.action, p.target, p.createdAt, p.expiresAt, p.createdBy, JSON.stringify(p));
    // Old plans are worth nothing once expired; keep the table small.
    this.db
      .prepare('DELETE FROM action_plans WHERE expires_at < ? AND used_by_run IS NULL')
      .run(Date.now() - 24 * 3600_000);
  }

  plan(id: string): (ActionPlan & { usedByRun?: string }) | null {
    const row = parseRow(
      PlanRowSchema,
      this.db
        .prepare(
          'SELECT body, approved_by, approved_at, used_by_run FROM action_plans WHERE id = ?',
        )
        .get(id),
    );
    if (!row) return null;
    const p: ActionPlan & { usedByRun?: string } = row.body;
    if (row.approved_by) {
      p.approvedBy = row.approved_by;
      p.approvedAt = row.approved_at ?? undefined;
    }
    if (row.used_by_run) p.usedByRun = row.used_by_run;
    return p;
  }

  approve(id: string, by: string, at: number): void {
    this.db
      .prepare('UPDATE action_plans SET approved_by = ?, approved_at = ? WHERE id = ?')
      .run(by, at, id);
  }

  /** True when this call claimed the plan; false when a run already used it. */
  claim(id: string, runId: string): boolean {
    return (
      this.db
        .prepare('UPDATE action_plans SET used_by_run = ? WHERE id = ? AND used_by_run IS NULL')
        .run(runId, id).changes === 1
    );
  }

  insertRun(r: ActionRun, topology: string, bootId: string): void {
    this.db
      .prepare(
        'INSERT INTO action_runs (id, plan_id, action, target, topology, state, actor, boot_id, started_at, ended_at, incident_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        r.id,
        r.planId,
        r.action,
        r.target,
        topology,
        r.state,
        r.actor,
        bootId,
        r.startedAt,
        r.endedAt ?? null,
        r.incidentId ?? null,
        JSON.stringify(r),
      );
  }

  updateRun(r: ActionRun): void {
    this.db
      .prepare('UPDATE action_runs SET state = ?, ended_at = ?, body = ? WHERE id = ?')
      .run(r.state, r.endedAt ?? null, JSON.stringify(r), r.id);
  }

  run(id: string): ActionRun | null {
    const row = this.db.prepare('SELECT body FROM action_runs WHERE id = ?').get(id);
    return row === undefined ? null : (parseRuns([row])[0] ?? null);
  }

  runs(limit: number): ActionRun[] {
    return parseRuns(
      this.db.prepare('SELECT body FROM action_runs ORDER BY started_at DESC LIMIT ?').all(limit),
    );
  }

  /** Runs still marked running that another boot started (candidates for `interrupted`). */
  orphanedRuns(topology: string, bootId: string): ActionRun[] {
    return parseRuns(
      this.db
        .prepare(
          "SELECT body FROM action_runs WHERE state = 'running' AND topology = ? AND boot_id != ?",
        )
        .all(topology, bootId),
    );
  }
}
