// Plans and runs in SQLite: the public shapes as JSON, plus the columns we filter on. A plan can
// be used by one run only (claimed atomically), so a double click never runs twice.
import type { ActionPlan, ActionRun } from '../../lib/contracts';
import type { Db } from '../store/database';

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
    const row = this.db
      .prepare('SELECT body, approved_by, approved_at, used_by_run FROM action_plans WHERE id = ?')
      .get(id) as
      | {
          body: string;
          approved_by: string | null;
          approved_at: number | null;
          used_by_run: string | null;
        }
      | undefined;
    if (!row) return null;
    const p = JSON.parse(row.body) as ActionPlan & { usedByRun?: string };
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
    const row = this.db.prepare('SELECT body FROM action_runs WHERE id = ?').get(id) as
      { body: string } | undefined;
    return row ? (JSON.parse(row.body) as ActionRun) : null;
  }

  runs(limit: number): ActionRun[] {
    const rows = this.db
      .prepare('SELECT body FROM action_runs ORDER BY started_at DESC LIMIT ?')
      .all(limit) as Array<{ body: string }>;
    return rows.map((r) => JSON.parse(r.body) as ActionRun);
  }

  /** Runs still marked running that another boot started (candidates for `interrupted`). */
  orphanedRuns(topology: string, bootId: string): ActionRun[] {
    const rows = this.db
      .prepare(
        "SELECT body FROM action_runs WHERE state = 'running' AND topology = ? AND boot_id != ?",
      )
      .all(topology, bootId) as Array<{ body: string }>;
    return rows.map((r) => JSON.parse(r.body) as ActionRun);
  }
}
