// One action at a time per topology, across restarts. The lock is a SQLite row naming its owner
// (pid + a random id per server boot) and refreshed by a heartbeat, so a crashed server's lock
// is recognised as stale — owner process gone, or heartbeat too old — instead of blocking forever.
import type { Db } from '../store/database';

export interface LockRow {
  topology: string;
  run_id: string;
  owner_pid: number;
  boot_id: string;
  acquired_at: number;
  heartbeat_at: number;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class ActionLock {
  constructor(
    private readonly db: Db,
    private readonly topology: string,
    readonly bootId: string,
    private readonly staleAfterMs: number,
    private readonly pid = process.pid,
  ) {}

  private row(): LockRow | undefined {
    return this.db.prepare('SELECT * FROM action_locks WHERE topology = ?').get(this.topology) as
      LockRow | undefined;
  }

  isStale(row: LockRow, now = Date.now()): boolean {
    if (row.boot_id === this.bootId) return false;
    return !isProcessAlive(row.owner_pid) || now - row.heartbeat_at > this.staleAfterMs;
  }

  /** The live holder, if any (a stale row counts as free). */
  holder(): LockRow | null {
    const r = this.row();
    return r && !this.isStale(r) ? r : null;
  }

  /** A stale row left by a dead owner, if any. */
  staleRow(): LockRow | null {
    const r = this.row();
    return r && this.isStale(r) ? r : null;
  }

  /** Takes the lock for `runId`; on refusal returns the live holder. Stale rows are replaced. */
  acquire(runId: string, now = Date.now()): { ok: true } | { ok: false; holder: LockRow } {
    return this.db
      .transaction((): { ok: true } | { ok: false; holder: LockRow } => {
        const r = this.row();
        if (r && !this.isStale(r, now)) return { ok: false, holder: r };
        this.db
          .prepare(
            'INSERT OR REPLACE INTO action_locks (topology, run_id, owner_pid, boot_id, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(this.topology, runId, this.pid, this.bootId, now, now);
        return { ok: true };
      })
      .immediate();
  }

  heartbeat(runId: string, now = Date.now()): void {
    this.db
      .prepare(
        'UPDATE action_locks SET heartbeat_at = ? WHERE topology = ? AND run_id = ? AND boot_id = ?',
      )
      .run(now, this.topology, runId, this.bootId);
  }

  release(runId: string): void {
    this.db
      .prepare('DELETE FROM action_locks WHERE topology = ? AND run_id = ? AND boot_id = ?')
      .run(this.topology, runId, this.bootId);
  }

  /** Drop a stale row (after its run was marked interrupted). */
  clearStale(row: LockRow): void {
    this.db
      .prepare('DELETE FROM action_locks WHERE topology = ? AND run_id = ? AND boot_id = ?')
      .run(row.topology, row.run_id, row.boot_id);
  }
}
