// Finding 5: the audit chain could be forged by whoever can edit the SQLite file — edit a row's
// reason and recompute every SHA-256 link, or delete the newest rows and lower
// sqlite_sequence — and /api/audit/verify still said ok. Each attack is replayed here against a
// real server's SQLite file and checked over real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditVerify } from '../../lib/contracts';
import { GENESIS_HASH, rowHash } from '../../lib/actions/hash-chain';
import { jsonPayload } from '../../server/alerts/webhook-payload';
import type { Db } from '../../server/store/database';
import { openDatabase } from '../../server/store/database';
import { startHarness, type Harness } from '../helpers/server';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

interface Row {
  id: number;
  at: number;
  kind: string;
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

/** What an attacker with the file computes: the row's content as the chain hashes it. */
function contentOf(r: Row, prevHash: string) {
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
    data: JSON.parse(r.data) as unknown,
    prevHash,
  };
}

/** Re-link every row from `fromId` on with plain SHA-256, as the old chain was built. */
function relinkWithSha256(db: Db, fromId: number): void {
  const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.id >= fromId) {
      const hash = rowHash(contentOf(r, prev), sha256);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    } else prev = r.hash;
  }
}

function appendRuns(h: Harness, n: number): void {
  for (let i = 0; i < n; i++)
    h.server.actions.audit.append({
      kind: 'run.started',
      actor: 'ada',
      role: 'admin',
      action: 'replica.resync',
      target: '127.0.0.1:7002',
      runId: `run-${i}`,
      reason: `planned maintenance ${i}`,
      data: { commands: [{ nodeId: '127.0.0.1:7002', command: 'REPLICAOF NO ONE' }] },
    });
}

describe('audit chain forgery (real SQLite file, real HTTP)', () => {
  let h: Harness;
  const verify = async () => (await h.get('/api/audit/verify')).body as AuditVerify;

  before(async () => {
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }] } });
  });
  after(() => h?.stop());

  test('the anchor lives outside the table and goes out with every webhook payload', async () => {
    appendRuns(h, 5);
    const dir = path.dirname(h.server.db.name);
    const anchor = JSON.parse(readFileSync(path.join(dir, 'audit.anchor.json'), 'utf8')) as {
      lastId: number;
      head: string;
    };
    const newest = h.server.actions.audit.list(1)[0];
    assert.equal(anchor.lastId, newest?.id);
    assert.equal(anchor.head, newest?.hash);
    const payload = jsonPayload({
      event: 'finding_opened',
      finding: { id: 'f1', kind: 'link_down' } as never,
      sentAt: Date.now(),
    });
    assert.equal(payload.auditAnchor?.lastId, newest?.id);
    assert.equal(payload.auditAnchor?.head, newest?.hash);
  });

  test('editing a reason and recomputing every SHA-256 link is detected at that row', async () => {
    assert.equal((await verify()).ok, true);
    const db = h.server.db;
    db.prepare("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 3").run();
    relinkWithSha256(db, 3);
    const v = await verify();
    assert.equal(v.ok, false);
    assert.equal(v.firstBadId, 3);
    assert.match(v.problem ?? '', /MAC/);
  });

  test('deleting the newest rows and lowering sqlite_sequence is detected as truncation', async () => {
    // A server of its own: the chain above is already broken by the previous test.
    const fresh = await startHarness({ sandbox: { shape: [{ name: 'm' }] } });
    try {
      const before = fresh.server.actions.audit;
      for (let i = 0; i < 6; i++)
        before.append({
          kind: 'run.started',
          actor: 'ada',
          role: 'admin',
          action: 'replica.resync',
          target: 'x:1',
          data: {},
        });
      const fdb = fresh.server.db;
      fdb.prepare('DELETE FROM audit_log WHERE id > 4').run();
      fdb.prepare("UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_log'").run();
      const v = (await fresh.get('/api/audit/verify')).body as AuditVerify;
      assert.equal(v.ok, false);
      assert.equal(v.truncatedAfter, 4);
      assert.equal(v.anchor?.lastId, 6);
      assert.equal(v.anchor?.entries, 6);
      // The next honest entry does not paper over the gap: it takes id 7, and 5–6 stay missing.
      const next = before.append({
        kind: 'run.started',
        actor: 'ada',
        role: 'admin',
        action: 'replica.resync',
        target: 'x:1',
        data: {},
      });
      assert.equal(next.id, 7);
      const again = (await fresh.get('/api/audit/verify')).body as AuditVerify;
      assert.equal(again.ok, false);
      assert.equal(again.firstBadId, 7);
    } finally {
      await fresh.stop();
    }
  });
});

describe('a chain written before the audit key existed', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-legacy-audit-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is pinned by an audit.key_introduced entry, so editing it afterwards is detected', async () => {
    // Three rows exactly as the SHA-256-only version wrote them.
    const db = openDatabase(dir);
    let prev = GENESIS_HASH;
    for (let id = 1; id <= 3; id++) {
      const r: Row = {
        id,
        at: 1000 + id,
        kind: 'run.started',
        actor: 'ada',
        role: 'admin',
        action: 'replica.resync',
        target: 'x:1',
        run_id: null,
        plan_id: null,
        reason: `r${id}`,
        data: '{}',
        prev_hash: prev,
        hash: '',
      };
      const hash = rowHash(contentOf(r, prev), sha256);
      db.prepare(
        'INSERT INTO audit_log (id, at, kind, actor, role, action, target, run_id, plan_id, reason, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        id,
        r.at,
        r.kind,
        r.actor,
        r.role,
        r.action,
        r.target,
        null,
        null,
        r.reason,
        r.data,
        prev,
        hash,
      );
      prev = hash;
    }
    db.close();
    assert.equal(existsSync(path.join(dir, 'audit.key')), false);

    const h = await startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      env: { REPLICAOPS_DATA_DIR: dir },
    });
    try {
      const v = (await h.get('/api/audit/verify')).body as AuditVerify;
      assert.equal(v.ok, true, JSON.stringify(v));
      assert.equal(v.keyedSince, 4);
      const [introduced] = h.server.actions.audit.list(1);
      assert.equal(introduced?.kind, 'audit.key_introduced');
      assert.equal(introduced?.data.legacyEntries, 3);
      assert.equal(introduced?.data.legacyOk, true);
      // The old attack on the old rows: edit, re-link with SHA-256. The keyed entry pins them.
      h.server.db.prepare("UPDATE audit_log SET reason = 'forged' WHERE id = 2").run();
      relinkWithSha256(h.server.db, 2);
      const bad = (await h.get('/api/audit/verify')).body as AuditVerify;
      assert.equal(bad.ok, false);
      assert.equal(bad.firstBadId, 4);
    } finally {
      await h.stop();
    }
  });
});

describe('removing the anchor file as well', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-anchorless-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is recorded at the next start and verify keeps saying so', async () => {
    let h = await startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      env: { REPLICAOPS_DATA_DIR: dir },
    });
    appendRuns(h, 3);
    await h.stop();
    // The whole tail goes, with the anchor that would have shown it.
    const db = openDatabase(dir);
    db.prepare('DELETE FROM audit_log WHERE id > 1').run();
    db.prepare("UPDATE sqlite_sequence SET seq = 1 WHERE name = 'audit_log'").run();
    db.close();
    rmSync(path.join(dir, 'audit.anchor.json'));
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      env: { REPLICAOPS_DATA_DIR: dir },
    });
    try {
      const v = (await h.get('/api/audit/verify')).body as AuditVerify;
      assert.equal(v.ok, false);
      // Entry 1 was MACed: read as an entry from before the key, it no longer verifies.
      assert.equal(v.firstBadId, 1);
      const [introduced] = h.server.actions.audit.list(1);
      assert.equal(introduced?.kind, 'audit.key_introduced');
      assert.equal(introduced?.data.anchorMissing, true);
      assert.equal(introduced?.data.legacyOk, false);
    } finally {
      await h.stop();
    }
  });
});
