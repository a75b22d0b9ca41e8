import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanaryRun, CompareRun } from '../contracts';
import { CANARY_TTL_MS, INCONSISTENCY_TTL_MS, checkVerdict } from './finding-candidates';

const M = '10.0.0.1:6379';
const R1 = '10.0.0.2:6379';
const R2 = '10.0.0.3:6379';
const progress = { done: 1, total: 1, rate: 0, etaMs: null };

function canary(seen: Record<string, boolean>, state: CanaryRun['state'] = 'done'): CanaryRun {
  const replicas = Object.entries(seen).map(([replica, s]) => ({ replica, upstream: M, master: M, depth: 1, seen: s, propagationMs: s ? 1 : null }));
  return {
    id: 'c1',
    kind: 'canary',
    state,
    startedAt: 0,
    progress,
    params: { masters: [M], timeoutMs: 500 },
    report: { masters: [M], key: 'k', timeoutMs: 500, replicas, failed: replicas.filter((r) => !r.seen).length },
  };
}

function compare(valueMismatch: number): CompareRun {
  return {
    id: 'k1',
    kind: 'compare',
    state: 'done',
    startedAt: 0,
    progress,
    params: { master: M, replica: R1, mode: 'sample', sampleSize: 10 },
    report: {
      master: M,
      replica: R1,
      mode: 'sample',
      counts: { missingOnReplica: 0, extraOnReplica: 0, typeMismatch: 0, valueMismatch, ttlMismatch: 0 },
      examples: { missingOnReplica: [], extraOnReplica: [], typeMismatch: [], valueMismatch: [], ttlMismatch: [] },
      keysCompared: 10,
      keysCheckedOnReplica: 10,
      rechecked: 0,
      canonicalReads: 0,
      skipped: 0,
      skippedExamples: [],
      dbs: [0],
      rounds: 1,
      backoffs: 0,
      masterLatencyMs: { p50: null, max: null },
    },
  };
}

test('checkVerdict(): a replica that missed the canary opens a lag finding; one that saw it clears its own', () => {
  const v = checkVerdict(canary({ [R1]: false, [R2]: true }));
  assert.deepEqual(v.report.map((r) => [r.candidate.kind, r.candidate.nodeId, r.ttlMs]), [['replication_lag', R1, CANARY_TTL_MS]]);
  assert.equal(v.clear.length, 1);
  assert.ok(v.clear[0]!.includes(R2));
  assert.ok(!v.clear.some((k) => k.includes(R1)), 'the missed replica is not cleared in the same verdict');
});

test('checkVerdict(): a compare with differences opens data_inconsistency for a day; a clean one clears it', () => {
  const dirty = checkVerdict(compare(3));
  assert.deepEqual(dirty.report.map((r) => [r.candidate.kind, r.candidate.severity, r.ttlMs]), [['data_inconsistency', 'critical', INCONSISTENCY_TTL_MS]]);
  const clean = checkVerdict(compare(0));
  assert.deepEqual(clean.report, []);
  assert.deepEqual(clean.clear, [dirty.report[0]!.candidate.key]);
});

test('checkVerdict(): a run that did not finish says nothing either way', () => {
  assert.deepEqual(checkVerdict(canary({ [R1]: false }, 'cancelled')), { report: [], clear: [] });
});

test('the inconsistency finding names its first keys in Chinese too (each example rendered from its detailText)', () => {
  const run = compare(1);
  run.report.examples.valueMismatch = [
    {
      db: 0,
      key: 'user:1',
      type: 'list',
      detail: '3 elements on master, 4 elements on replica',
      detailText: { key: 'checkText.masterVsReplica', params: { master: { key: 'checkText.size.elements', params: { n: 3 } }, replica: { key: 'checkText.size.elements', params: { n: 4 } } } },
    },
  ];
  const note = checkVerdict(run).report[0]?.candidate.evidence.find((e) => e.type === 'note');
  assert.ok(note && note.type === 'note');
  assert.match(note.text.en, /valueMismatch: db0 "user:1" \(3 elements on master, 4 elements on replica\)/);
  assert.match(note.text.zh, /db0 "user:1"（主节点上为 3 个元素，从节点上为 4 个元素）/);
  assert.doesNotMatch(note.text.zh, /elements on master/);
});
