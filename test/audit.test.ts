import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ActionRun } from '../lib/contracts';
import { ActionService } from '../server/actions/action-service';
import { AuditLog } from '../server/audit/audit-log';
import { loadConfig } from '../server/config';
import { IncidentService } from '../server/incidents/incident-service';
import { IncidentStore } from '../server/store/incident-store';
import { openDatabase, type Db } from '../server/store/database';
import { startActionsHarness, untilDiscovered, type ActionsHarness } from './actions-harness';

function tempDb(): { db: Db; dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-audit-'));
  return { db: openDatabase(dir), dir };
}

function appendSome(log: AuditLog, n: number): void {
  for (let i = 0; i < n; i++)
    log.append({
      kind: 'run.started',
      actor: 'ada',
      role: 'admin',
      action: 'replica.resync',
      target: '127.0.0.1:7001',
      runId: `run-test-${i}`,
      reason: `reason ${i}`,
      data: { commands: [{ nodeId: '127.0.0.1:7001', command: 'REPLICAOF NO ONE' }] },
    });
}

describe('audit hash chain (SQLite)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const fresh = () => {
    const t = tempDb();
    dirs.push(t.dir);
    return t.db;
  };

  test('an untouched chain verifies', () => {
    const log = new AuditLog(fresh());
    appendSome(log, 5);
    const v = log.verify();
    assert.deepEqual([v.ok, v.entries, v.keyedSince, v.anchor?.lastId], [true, 5, 1, 5]);
    assert.deepEqual(
      log.list(2).map((e) => e.id),
      [5, 4],
    );
    assert.deepEqual(
      log.list(2, 4).map((e) => e.id),
      [3, 2],
    );
  });

  test('editing a row is found at that row', () => {
    const db = fresh();
    const log = new AuditLog(db);
    appendSome(log, 5);
    db.prepare("UPDATE audit_log SET reason = 'nothing to see' WHERE id = 3").run();
    const v = log.verify();
    assert.equal(v.ok, false);
    assert.equal(v.firstBadId, 3);
  });

  test('deleting a row in the middle or at the end is found', () => {
    const db = fresh();
    const log = new AuditLog(db);
    appendSome(log, 5);
    db.prepare('DELETE FROM audit_log WHERE id = 5').run();
    assert.equal(log.verify().truncatedAfter, 4);
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    assert.equal(log.verify().firstBadId, 3);
  });

  test('secret-looking keys are masked before a row is written', () => {
    const log = new AuditLog(fresh());
    const e = log.append({
      kind: 'run.refused',
      actor: 'a',
      role: 'admin',
      action: 'config.apply',
      target: 'h:1',
      data: { settings: { masterauth: 'hunter2' } },
    });
    assert.deepEqual(e.data, { settings: { masterauth: '***' } });
  });
});

describe('a run left behind by a crashed server', () => {
  let dir = '';
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('is marked interrupted in the audit and on its incident timeline, and frees the lock', () => {
    const t = tempDb();
    dir = t.dir;
    const { db } = t;
    const incidents = new IncidentService(new IncidentStore(db));
    new IncidentStore(db).saveIncident({
      id: 'inc-crash',
      state: 'open',
      severity: 'critical',
      title: 'link down',
      openedAt: 1,
      findingIds: [],
      nodeIds: [],
      tags: [],
    });
    const deadPid = spawnSync('true').pid;
    const run: ActionRun = {
      id: 'run-crashed-1',
      planId: 'plan-crashed-1',
      action: 'replica.resync',
      target: '127.0.0.1:7002',
      params: {},
      state: 'running',
      actor: 'ada',
      role: 'admin',
      startedAt: Date.now() - 5000,
      steps: [
        {
          index: 0,
          nodeId: '127.0.0.1:7002',
          command: 'MULTI ; REPLICAOF NO ONE ; REPLICAOF 127.0.0.1 7001 ; EXEC',
          why: { en: '', zh: '' },
          state: 'ok',
        },
        {
          index: 1,
          nodeId: '127.0.0.1:7002',
          command: '(wait) full sync',
          why: { en: '', zh: '' },
          state: 'running',
        },
      ],
      verify: [],
      nodeStates: [],
      incidentId: 'inc-crash',
    };
    db.prepare(
      "INSERT INTO action_runs (id, plan_id, action, target, topology, state, actor, boot_id, started_at, incident_id, body) VALUES (?, ?, ?, ?, 'default', 'running', 'ada', 'dead-boot', ?, 'inc-crash', ?)",
    ).run(run.id, run.planId, run.action, run.target, run.startedAt, JSON.stringify(run));
    db.prepare(
      "INSERT INTO action_locks (topology, run_id, owner_pid, boot_id, acquired_at, heartbeat_at) VALUES ('default', ?, ?, 'dead-boot', ?, ?)",
    ).run(run.id, deadPid, Date.now(), Date.now());

    const config = loadConfig({ REPLICAOPS_DATA_DIR: dir });
    const actions = new ActionService({
      db,
      config,
      monitor: {
        snapshot: () => ({ topology: { generatedAt: 0, nodes: [], links: [] } }),
        canonical: (id) => id,
      },
      credentialsFor: () => ({}),
      incidents,
    });
    const after = actions.run(run.id);
    assert.equal(after?.state, 'interrupted');
    assert.deepEqual(
      after?.steps.map((s) => s.state),
      ['ok', 'failed'],
    );
    assert.equal(actions.audit.list(10)[0]?.kind, 'run.interrupted');
    assert.equal(actions.audit.verify().ok, true);
    assert.equal(
      (db.prepare('SELECT COUNT(*) AS n FROM action_locks').get() as { n: number }).n,
      0,
    );
    const timeline = incidents.detail('inc-crash')?.timeline ?? [];
    assert.ok(timeline.some((e) => e.type === 'action' && /interrupted/.test(e.summary)));
    db.close();
  });
});

describe('audit over the API', () => {
  let a: ActionsHarness;
  before(async () => {
    a = await startActionsHarness({
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
    });
    await untilDiscovered(a, 2);
  });
  after(() => a?.stop());

  test('the chain verifies after a run; editing a row in SQLite makes verify name its id', async () => {
    const { exec } = await a.planAndRun('olga', {
      action: 'replica.reconnect',
      target: a.id('r1'),
      params: {},
    });
    const cookie = await a.login('vic');
    await a.waitRun(String(exec.body.runId), cookie);
    const entries = (
      await a.api<{
        entries: Array<{
          id: number;
          kind: string;
          actor: string;
          role: string;
          data: { commands: Array<{ command: string; result?: string }> };
        }>;
      }>('GET', '/api/audit', { cookie })
    ).body.entries;
    assert.deepEqual(
      entries.map((e) => e.kind),
      ['run.finished', 'run.started', 'plan.created'],
    );
    assert.equal(entries[0]?.data.commands[0]?.command, 'CLIENT KILL TYPE master');
    assert.equal(entries[0]?.data.commands[0]?.result, '1');
    assert.deepEqual([entries[1]?.actor, entries[1]?.role], ['olga', 'operator']);
    const good = (
      await a.api<{ ok: boolean; entries: number }>('GET', '/api/audit/verify', { cookie })
    ).body;
    assert.deepEqual([good.ok, good.entries], [true, 3]);
    a.h.server.db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE id = 1").run();
    const bad = (
      await a.api<{ ok: boolean; firstBadId: number }>('GET', '/api/audit/verify', { cookie })
    ).body;
    assert.equal(bad.ok, false);
    assert.equal(bad.firstBadId, 1);
  });
});
