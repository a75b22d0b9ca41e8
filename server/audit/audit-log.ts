// The audit trail: append-only, chained rows in SQLite. Each row's MAC (HMAC-SHA-256 under a key
// kept outside the database) covers the previous row's MAC and its own canonical JSON, so an
// edited or deleted row is found by verify() and cannot be re-forged by editing the file; the
// head is anchored outside the table too, so deleting the newest rows shows. Chains written
// before the key existed keep their SHA-256 links and are pinned by an `audit.key_introduced`
// entry.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { AuditEntry, AuditVerify } from '../../lib/contracts';
import {
  GENESIS_HASH,
  rowHash,
  verifyChain,
  type ChainContent,
} from '../../lib/actions/hash-chain';
import { redactDeep } from '../../lib/redact';
import { logger } from '../logger';
import type { Db } from '../store/database';
import { parseRow } from '../store/rows';
import {
  fileAnchorStore,
  memoryAnchorStore,
  type AnchorStore,
  type AuditAnchor,
} from './audit-anchor';
import { hmacWith, loadAuditKey, type AuditKey, type Digest } from './audit-key';
import { publishAnchor } from './anchor-board';
import { verifyAuditChain } from './chain-verify';

const log = logger('audit');

export type NewAuditEntry = Omit<
  AuditEntry,
  'id' | 'prevHash' | 'hash' | 'at' | 'runId' | 'planId' | 'reason'
> & {
  at?: number;
  runId?: string | null;
  planId?: string | null;
  reason?: string | null;
};

// Rows are read as written, not parsed against the contract: a row edited by hand (a `kind` no
// longer in the enum) must still be listed and fail verify(), not throw before verify sees it.
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

/** The links of entries written before the audit key existed. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const DataSchema = z.record(z.string(), z.unknown());
const HeadRowSchema = z.object({ id: z.number(), hash: z.string() });

function toEntry(r: AuditRow): AuditEntry {
  let data: Record<string, unknown>;
  try {
    const parsed = DataSchema.safeParse(JSON.parse(r.data));
    data = parsed.success ? parsed.data : { unparsable: r.data };
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

export interface AuditLogOptions {
  /** REPLICAOPS_AUDIT_KEY (config.auditKey); without it a key file in the data dir. */
  key?: string;
  /** Where the key file and the anchor live; default: the database file's directory. */
  dataDir?: string;
}

export class AuditLog {
  private readonly mac: Digest;
  private readonly anchors: AnchorStore;

  constructor(
    private readonly db: Db,
    opts: AuditLogOptions = {},
  ) {
    const dataDir = opts.dataDir ?? (db.memory ? null : path.dirname(db.name));
    const key = loadAuditKey(dataDir, opts.key);
    this.mac = hmacWith(key.key);
    this.anchors = dataDir ? fileAnchorStore(dataDir, this.mac) : memoryAnchorStore();
    this.anchorAtStart(key);
  }

  /** Highest id ever issued (AUTOINCREMENT's mark survives deletion of the newest rows). */
  private lastIssuedId(): number {
    const row = parseRow(
      z.object({ seq: z.number() }),
      this.db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").get(),
    );
    return row?.seq ?? 0;
  }

  private head(): { id: number; hash: string } | undefined {
    return parseRow(
      HeadRowSchema,
      this.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get(),
    );
  }

  /**
   * First start with a key: a fresh table starts keyed at entry 1; an existing chain is pinned
   * by an `audit.key_introduced` entry. A key that existed without its anchor means the anchor
   * was deleted: that is recorded (and verify reports it), never silently re-anchored.
   */
  private anchorAtStart(key: AuditKey): void {
    const read = this.anchors.read();
    if (read.state === 'ok') {
      // Rows past the anchor that verify: a crash between a commit and the anchor's write.
      const h = this.head();
      if (h && h.id > read.anchor.lastId && this.verify().ok)
        this.writeAnchor(read.anchor.since, h);
      else publishAnchor(read.anchor);
      return;
    }
    if (read.state === 'invalid') {
      log.error(
        { problem: read.problem },
        'audit anchor does not verify; the chain is reported broken',
      );
      return;
    }
    const issued = this.lastIssuedId();
    const anchorMissing = !key.created && key.source === 'file';
    if (issued === 0 && !anchorMissing) {
      this.anchors.write({ since: 1, lastId: 0, entries: 0, head: GENESIS_HASH, at: Date.now() });
      return;
    }
    const legacy = this.legacyVerify();
    const since = issued + 1;
    const introduced = this.insert(since, {
      kind: 'audit.key_introduced',
      actor: 'replicaops',
      role: 'system',
      action: 'audit.key',
      target: 'audit_log',
      data: {
        keySource: key.source,
        legacyEntries: legacy.entries,
        legacyLastId: issued,
        legacyOk: legacy.ok,
        ...(legacy.problem ? { legacyProblem: legacy.problem } : {}),
        anchorMissing,
      },
    });
    this.writeAnchor(since, introduced);
    if (anchorMissing)
      log.error({ since }, 'audit anchor file was missing: re-anchored, and verify will say so');
    else
      log.warn(
        { since, legacyEntries: legacy.entries },
        'audit key introduced: the existing chain is pinned by a keyed entry',
      );
  }

  private legacyVerify(): AuditVerify {
    const rows = this.rows();
    return verifyChain(
      rows.map((r) => ({ ...content(r), hash: r.hash })),
      sha256,
    );
  }

  private writeAnchor(since: number, h: { id: number; hash: string }): void {
    const { n } = z
      .object({ n: z.number() })
      .parse(this.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get());
    const a: AuditAnchor = { since, lastId: h.id, entries: n, head: h.hash, at: Date.now() };
    this.anchors.write(a);
    publishAnchor(a);
  }

  append(e: NewAuditEntry): AuditEntry {
    const read = this.anchors.read();
    const anchored = read.state === 'ok' ? read.anchor : null;
    // Never reuse an id the anchor has seen: rows deleted from the end stay a visible gap.
    const id = Math.max(this.lastIssuedId(), anchored?.lastId ?? 0) + 1;
    const entry = this.insert(id, e);
    // A broken anchor is evidence: it is left as it is, not overwritten by the next entry.
    if (anchored) this.writeAnchor(anchored.since, entry);
    return entry;
  }

  private insert(id: number, e: NewAuditEntry): AuditEntry {
    const entry = this.db
      .transaction(() => {
        const draft: Omit<AuditEntry, 'hash'> = {
          id,
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
          data: DataSchema.parse(JSON.parse(JSON.stringify(redactDeep(e.data)))),
          prevHash: this.head()?.hash ?? GENESIS_HASH,
        };
        const hash = rowHash(content(draft), this.mac);
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
    return entry;
  }

  private rows(): AuditEntry[] {
    return (this.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[]).map(
      toEntry,
    );
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
    return verifyAuditChain({
      rows: this.rows().map((r) => ({ ...content(r), hash: r.hash })),
      sha256,
      mac: this.mac,
      anchor: this.anchors.read(),
      lastIssuedId: this.lastIssuedId(),
    });
  }
}
