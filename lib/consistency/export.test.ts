import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryRun, CompareRun } from '../contracts';
import { csvCell, exportCsv } from './export';
import { canaryCandidates, inconsistencyCandidate } from './finding-candidates';
import { ReportBuilder } from './report-builder';
import { mastersWithReplicas, rootMasterOf, subtreeOf } from './topology-walk';

function compareRun(): CompareRun {
  const b = new ReportBuilder({ master: '10.0.0.1:6379', replica: '10.0.0.2:6379', mode: 'full', rounds: 3 }, 2);
  for (const key of ['a', 'b', 'c']) b.add('missingOnReplica', { db: 0, key, type: 'string', detail: 'only on master' });
  b.add('ttlMismatch', { db: 1, key: '=SUM(A1)', type: 'hash', detail: 'TTL, "quoted"' });
  b.keysCompared = 10;
  return {
    id: 'chk-1',
    kind: 'compare',
    state: 'done',
    startedAt: 0,
    progress: { done: 10, total: 10, rate: 0, etaMs: 0 },
    params: { master: '10.0.0.1:6379', replica: '10.0.0.2:6379', mode: 'full', sampleSize: 10 },
    report: b.report(),
  };
}

test('ReportBuilder counts every difference and keeps the first N examples of each class', () => {
  const r = compareRun().report;
  assert.equal(r.counts.missingOnReplica, 3);
  assert.deepEqual(r.examples.missingOnReplica.map((e) => e.key), ['a', 'b']);
});

test('exportCsv() quotes, and defuses cells a spreadsheet would evaluate', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "x"'), '"say ""x"""');
  assert.equal(csvCell('=1+1'), "'=1+1");
  const lines = exportCsv(compareRun()).trimEnd().split('\r\n');
  assert.equal(lines[0], 'class,db,key,type,detail');
  assert.equal(lines.length, 1 + 2 + 1);
  assert.equal(lines[3], `ttlMismatch,1,'=SUM(A1),hash,"TTL, ""quoted"""`);
});

test('inconsistencyCandidate(): data_inconsistency with counts as evidence and replica.resync as remedy', () => {
  const c = inconsistencyCandidate(compareRun());
  assert.equal(c?.kind, 'data_inconsistency');
  assert.equal(c?.severity, 'critical');
  assert.equal(c?.remedy.actionId, 'replica.resync');
  assert.deepEqual(c?.remedy.params, { replica: '10.0.0.2:6379', master: '10.0.0.1:6379', checkId: 'chk-1' });
  assert.ok(c?.evidence.some((e) => e.type === 'metric' && e.metric === 'consistency.missingOnReplica' && e.value === 3));
  assert.equal(inconsistencyCandidate({ ...compareRun(), state: 'cancelled' }), null, 'a partial run is no verdict');
});

test('canaryCandidates(): one per replica that never saw the key', () => {
  const run: CanaryRun = {
    id: 'chk-2',
    kind: 'canary',
    state: 'done',
    startedAt: 0,
    progress: { done: 2, total: 2, rate: 0, etaMs: 0 },
    params: { masters: ['m:1'], timeoutMs: 1000 },
    report: {
      masters: ['m:1'],
      key: 'replicaops:canary:chk-2',
      timeoutMs: 1000,
      failed: 1,
      replicas: [
        { replica: 'r:1', upstream: 'm:1', master: 'm:1', depth: 1, seen: true, propagationMs: 0.4 },
        { replica: 'r:2', upstream: 'r:1', master: 'm:1', depth: 2, seen: false, propagationMs: null },
      ],
    },
  };
  assert.deepEqual(canaryCandidates(run).map((c) => [c.key, c.nodeId, c.rule]), [['replication_lag:canary:r:2', 'r:2', 'canary_not_seen']]);
});

test('topology walks: root master through a chain, subtree by depth, cycles have no master', () => {
  const node = (id: string, role: 'master' | 'replica') => ({ id, host: 'h', port: 1, role, reachable: true, status: 'ok' as const });
  const link = (upstream: string, replica: string) => ({ upstream, replica, linkStatus: 'up' as const, offsetGapBytes: 0, lagSeconds: 0, status: 'ok' as const });
  const t = { generatedAt: 0, nodes: [node('m:1', 'master'), node('a:1', 'replica'), node('b:1', 'replica')], links: [link('m:1', 'a:1'), link('a:1', 'b:1')] };
  assert.equal(rootMasterOf(t, 'b:1'), 'm:1');
  assert.deepEqual(subtreeOf(t, 'm:1'), [
    { replica: 'a:1', upstream: 'm:1', depth: 1 },
    { replica: 'b:1', upstream: 'a:1', depth: 2 },
  ]);
  assert.deepEqual(mastersWithReplicas(t), ['m:1']);
  const cycle = { ...t, links: [link('a:1', 'b:1'), link('b:1', 'a:1')] };
  assert.equal(rootMasterOf(cycle, 'a:1'), null);
});
