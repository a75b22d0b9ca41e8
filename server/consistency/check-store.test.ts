import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { CheckRun } from '../../lib/contracts';
import { openDatabase } from '../store/database';
import { CheckStore } from './check-store';

function canary(id: string, startedAt: number): CheckRun {
  return {
    id,
    kind: 'canary',
    state: 'done',
    startedAt,
    finishedAt: startedAt + 40,
    progress: { done: 1, total: 1, rate: 0, etaMs: 0 },
    params: { masters: ['127.0.0.1:7001'], timeoutMs: 5000 },
    report: {
      masters: ['127.0.0.1:7001'],
      key: `replicaops:canary:${id}`,
      timeoutMs: 5000,
      replicas: [{ master: '127.0.0.1:7001', upstream: '127.0.0.1:7001', replica: '127.0.0.1:7002', depth: 1, seen: true, propagationMs: 3 }],
      failed: 0,
    },
  };
}

test('CheckStore keeps runs in a real SQLite file, newest first, pruned to the newest N', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-checks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  let db = openDatabase(dir);
  const store = new CheckStore(db);
  for (let i = 1; i <= 5; i++) store.save(canary(`chk-${i}`, 1_000 * i));
  assert.equal(store.prune(3), 2);
  assert.deepEqual(store.list(10).map((r) => r.id), ['chk-5', 'chk-4', 'chk-3']);
  db.close();

  db = openDatabase(dir);
  const reopened = new CheckStore(db);
  assert.equal(reopened.get('chk-4')?.kind, 'canary');
  assert.equal(reopened.get('chk-1'), null);
  // A row another version wrote that no longer parses is skipped, not thrown.
  db.prepare("UPDATE check_runs SET body = '{not json' WHERE id = 'chk-5'").run();
  assert.equal(reopened.get('chk-5'), null);
  assert.deepEqual(reopened.list(10).map((r) => r.id), ['chk-4', 'chk-3']);
  db.close();
});
