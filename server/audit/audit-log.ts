// The audit trail: append-only, hash-chained rows in SQLite. Each row's hash covers the previous
// row's hash and its own canonical JSON, so an edited or deleted row is found by verify().
import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerify } from '../../lib/contracts';
import {
  GENESIS_HASH,
  rowHash,
  verifyChain,
  type ChainContent,
} from '../../lib/actions/hash-chain';
import { redactDeep } from '../../lib/redact';
import type { Db } from '../store/database';

export type NewAuditEntry = Omit<
  AuditEntry,
  'id' | 'prevHash' | 'hash' | 'at' | 'runId' | 'planId' | 'reason'
> & {
  at?: number;
  runId?: string | null;
  planId?: string | null;
  reason?: string | null;
};

interface AuditRow {
  id: number;
  at: number;
  kind: AuditEntry['kind'];
  actor: string;
  role: string;
  action: string;
  target: string;
  run_id: string | null;
  plan_id: string | null;
  reason: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function toEntry(r: AuditRow): AuditEntry {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(r.data) as Record<string, unknown>;
  } catch {
    // A row edited into invalid JSON must still be listed (and fail verify), not crash the page.
    data = { unparsable: r.data };
  }
  return {
    id: r.id,
    at: r.at,
    kind: r.kind,
    actor: r.actor,
    role: r.role,
    action: r.action,
    target: r.target,
    runId: r.run_id,
    planId: r.plan_id,
    reason: r.reason,
    data,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function content(e: Omit<AuditEntry, 'hash'>): ChainContent {
  return { ...e };
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Highest id ever issued (AUTOINCREMENT's mark survives deletion of the newest rows). */
  private lastIssuedId(): number {
    const row = this.db
      .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
      .get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  append(e: NewAuditEntry): AuditEntry {
    return this.db
      .transaction(() => {
        const last = this.db
          .prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1')
          .get() as { hash: string } | undefined;
        const draft: Omit<AuditEntry, 'hash'> = {
          id: this.lastIssuedId() + 1,
          at: e.at ?? Date.now(),
          kind: e.kind,
          actor: e.actor,
          role: e.role,
          action: e.action,
          target: e.target,
          runId: e.runId ?? null,
          planId: e.planId ?? null,
          reason: e.reason ?? null,
          // Secrets never reach a plan or a run, but the audit is kept forever: sanitize once more.
          data: JSON.parse(JSON.stringify(redactDeep(e.data))) as Record<string, unknown>,
          prevHash: last?.hash ?? GENESIS_HASH,
        };
        const hash = rowHash(content(draft), sha256);
        this.db
          .prepare(
            'INSERT INTO audit_log (id, at, kind, actor, role, action, target, run_id, plan_id, reason, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
          )
          .run(
            draft.id,
            draft.at,
            draft.kind,
            draft.actor,
            draft.role,
            draft.action,
            draft.target,
            draft.runId,
            draft.planId,
            draft.reason,
            JSON.stringify(draft.data),
            draft.prevHash,
            hash,
          );
        return { ...draft, hash };
      })
      .immediate();
  }

  /** Newest first; `before` pages by id. */
  list(limit: number, before?: number): AuditEntry[] {
    const rows = before
      ? this.db
          .prepare('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?')
          .all(before, limit)
      : this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit);
    return (rows as AuditRow[]).map(toEntry);
  }

  forRun(runId: string): AuditEntry[] {
    return (
      this.db
        .prepare('SELECT * FROM audit_log WHERE run_id = ? ORDER BY id')
        .all(runId) as AuditRow[]
    ).map(toEntry);
  }

  verify(): AuditVerify {
    const rows = (this.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[]).map(
      toEntry,
    );
    return verifyChain(
      rows.map((r) => ({ ...content(r), hash: r.hash })),
      sha256,
      this.lastIssuedId(),
    );
  }
}
