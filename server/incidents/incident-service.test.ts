import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Finding, Topology } from '../../lib/contracts';
import { findingKey } from '../../lib/diagnosis/finding-key';
import { freezeFinding, type FindingSnapshot } from '../../lib/diagnosis/finding-tracker';
import { openDatabase } from '../store/database';
import { IncidentStore } from '../store/incident-store';
import { IncidentService } from './incident-service';

const R = '127.0.0.1:7002';
const OPENED = Date.UTC(2026, 10, 26, 13, 50, 54);

test('an incident keeps the abnormal lines of the last 30 s but only the notable ones of the last 5 s', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-incidents-'));
  const db = openDatabase(dir);
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const incidents = new IncidentService(new IncidentStore(db));
  // Lines as a killed replica's log holds them: start-up noise 14 s before, the fault just before.
  const line = (agoMs: number, verdict: string, category: string, message: string) => ({
    nodeId: R,
    time: OPENED - agoMs,
    message,
    verdict,
    category,
    raw: `4697:S 26 Nov 2026 13:50:40.260 # ${message}`,
  });
  incidents.useLogs(() => [
    line(14_000, 'notable', 'persistence_fork', 'WARNING Memory overcommit must be enabled!'),
    line(
      14_000,
      'notable',
      'full_resync',
      'Full resync from master: 35dff2b78492f33eb014961fae8d6fbf1b0b94b0:0',
    ),
    line(12_000, 'abnormal', 'link_lost', 'Error condition on socket for SYNC: Connection refused'),
    line(1_000, 'notable', 'link_lost', 'Connection with master lost.'),
    line(500, 'normal', 'normal_progress', 'Connecting to MASTER 127.0.0.1:7001'),
  ]);
  const key = findingKey({ kind: 'node_unreachable', subject: R });
  const finding = {
    id: 'f-1',
    kind: 'node_unreachable',
    severity: 'critical',
    cause: 'connection_refused',
    nodeId: R,
    title: { en: `replica ${R} is unreachable`, zh: '…' },
    detail: { en: '…', zh: '…' },
    evidence: [],
    remedy: { text: '…', textZh: '…' },
    openedAt: OPENED,
    lastSeenAt: OPENED,
    state: 'open',
  } as unknown as Finding;
  incidents.apply(
    { opened: [{ finding, key }], updated: [], resolved: [] },
    { generatedAt: OPENED, nodes: [], links: [] },
    OPENED,
  );
  const [incident] = incidents.list({ state: 'open', limit: 5 });
  const kept = incidents
    .detail(incident!.id)!
    .timeline.filter((e) => e.type === 'log_line')
    .map((e) => e.summary);
  assert.deepEqual(kept, [
    'Error condition on socket for SYNC: Connection refused',
    'Connection with master lost.',
  ]);
});

function setup(t: { after(fn: () => void): void }, store?: (db: ReturnType<typeof openDatabase>) => IncidentStore) {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-incidents-'));
  const db = openDatabase(dir);
  t.after(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const s = store ? store(db) : new IncidentStore(db);
  return { store: s, incidents: new IncidentService(s) };
}

function snapshot(id: string, over: Partial<Finding> = {}): FindingSnapshot {
  return freezeFinding({
    id,
    kind: 'node_unreachable',
    severity: 'critical',
    nodeId: R,
    title: { en: `replica ${R} is unreachable`, zh: '…' },
    detail: { en: '…', zh: '…' },
    evidence: [],
    remedy: { text: '…', textZh: '…' },
    openedAt: OPENED,
    lastSeenAt: OPENED,
    state: 'open',
    ...over,
  });
}
const EMPTY = { generatedAt: OPENED, nodes: [], links: [] };

test('the incident service records frozen findings without changing them, and says where it filed them', (t) => {
  const { incidents } = setup(t);
  const f = snapshot('f-1');
  const heard: Finding[] = [];
  incidents.on('finding-opened', (x) => heard.push(x));
  const filed = incidents.apply({ opened: [{ finding: f, key: findingKey({ kind: 'node_unreachable', subject: R }) }], updated: [], resolved: [] }, EMPTY, OPENED + 2000);
  assert.equal(f.incidentId, undefined, 'the tracker’s snapshot is untouched');
  const incidentId = filed.get('f-1');
  assert.ok(incidentId);
  assert.equal(heard[0]?.incidentId, incidentId, 'the announced copy names its incident');
  assert.equal(incidents.findings('open', 10)[0]?.incidentId, incidentId);
});

test('a rolled-back write leaves no incident behind, and the opened finding is still announced', (t) => {
  class FailingStore extends IncidentStore {
    failTimeline = true;
    override addTimeline(e: Parameters<IncidentStore['addTimeline']>[0]) {
      if (this.failTimeline) throw new Error('disk full');
      return super.addTimeline(e);
    }
  }
  const { store, incidents } = setup(t, (db) => new FailingStore(db));
  const heard: Finding[] = [];
  incidents.on('finding-opened', (x) => heard.push(x));
  const filed = incidents.apply({ opened: [{ finding: snapshot('f-1'), key: findingKey({ kind: 'node_unreachable', subject: R }) }], updated: [], resolved: [] }, EMPTY, OPENED + 2000);
  assert.equal(filed.size, 0);
  assert.equal(heard.length, 1, 'opened is announced even though the write failed');
  assert.equal(heard[0]?.incidentId, undefined, 'no incident id that points nowhere');
  assert.deepEqual(incidents.list({ limit: 10 }), []);
  assert.deepEqual(incidents.findings('all', 10), []);
  // The next change of that finding files it properly.
  (store as FailingStore).failTimeline = false;
  const later = incidents.apply({ opened: [], updated: [{ finding: snapshot('f-1', { severity: 'warning' }), key: findingKey({ kind: 'node_unreachable', subject: R }) }], resolved: [] }, EMPTY, OPENED + 3000);
  const incidentId = later.get('f-1');
  assert.ok(incidentId);
  assert.equal(incidents.findings('open', 10)[0]?.incidentId, incidentId);
});

test('an incident starts with the topology event of the fault, and each log line is kept once with every finding it supports', (t) => {
  const { incidents } = setup(t);
  const U = '127.0.0.1:7001';
  incidents.useLogs(() => [{ nodeId: R, time: OPENED + 100, message: 'Connection with master lost.', verdict: 'abnormal', category: 'shutdown', raw: 'Connection with master lost.' }]);
  const kill = { id: 'ev-1', at: OPENED, kind: 'node_unreachable' as const, nodeId: R };
  const root = snapshot('f-1');
  const link = snapshot('f-2', { kind: 'link_down', link: { upstream: U, replica: R }, rootFindingId: 'f-1' });
  const key = (kind: 'node_unreachable' | 'link_down') => findingKey({ kind, subject: R });
  incidents.apply({ opened: [{ finding: root, key: key('node_unreachable') }, { finding: link, key: key('link_down') }], updated: [], resolved: [] }, EMPTY, OPENED + 1000, [kill]);
  // The monitor announces the same event again after the cycle: it is not repeated.
  incidents.recordTopologyEvent(kill);
  const [incident] = incidents.list({ limit: 5 });
  assert.ok(incident);
  const detail = incidents.detail(incident.id);
  assert.ok(detail);
  assert.deepEqual(detail.findings.map((f) => f.id).sort(), ['f-1', 'f-2'], 'the consequence joined its root’s incident');
  assert.equal(detail.timeline[0]?.type, 'topology_event');
  assert.equal(detail.timeline.filter((e) => e.type === 'topology_event').length, 1);
  const logs = detail.timeline.filter((e) => e.type === 'log_line');
  assert.equal(logs.length, 1, logs.map((e) => e.summary).join(' | '));
  assert.deepEqual(logs[0]?.data.findingIds, ['f-1', 'f-2']);
});

test('in a Redis Cluster the findings of one shard make one incident named after the shard; another shard gets its own', (t) => {
  const { incidents } = setup(t);
  const [P1, R1, P2, R2] = ['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7003', '127.0.0.1:7004'];
  const member = (id: string, shardId: string, role: 'primary' | 'replica') => ({ id, nodeId: id.replace(/\D/g, '').padEnd(40, '0'), shardId, role, health: 'online', flags: [], failReports: 0, primariesAsked: 2 });
  const shard = (id: string, slots: [number, number], primaryId: string, replicaId: string) => ({ id, slots: [slots], primaryId, replicaIds: [replicaId], health: 'ok' as const, slotCount: slots[1] - slots[0] + 1, failedIds: [], chainedReplicaIds: [] });
  const topology: Topology = {
    generatedAt: OPENED,
    nodes: [],
    links: [],
    cluster: {
      state: 'ok', slotsAssigned: 16384, slotsOk: 16384, currentEpoch: 2, slotsPfail: 0, slotsFail: 0, readFrom: P1, readAt: OPENED, source: 'shards',
      shards: [shard('slots-0', [0, 8191], P1, R1), shard('slots-8192', [8192, 16383], P2, R2)],
      members: [member(P1, 'slots-0', 'primary'), member(R1, 'slots-0', 'replica'), member(P2, 'slots-8192', 'primary'), member(R2, 'slots-8192', 'replica')],
    },
  };
  const replicaDown = snapshot('f-1', { nodeId: R1, title: { en: `replica ${R1} is unreachable`, zh: `从节点 ${R1} 不可达` } });
  // Another node of the same shard, not named by the first incident: joins it by shard.
  const primaryRisk = snapshot('f-2', { kind: 'config_risk', severity: 'warning', nodeId: P1 });
  const otherShard = snapshot('f-3', { nodeId: P2 });
  const key = (id: string) => findingKey({ kind: 'node_unreachable', subject: id });
  incidents.apply({ opened: [{ finding: replicaDown, key: key(R1) }], updated: [], resolved: [] }, topology, OPENED);
  incidents.apply({ opened: [{ finding: primaryRisk, key: findingKey({ kind: 'config_risk', subject: P1 }) }, { finding: otherShard, key: key(P2) }], updated: [], resolved: [] }, topology, OPENED + 1000);
  const list = incidents.list({ limit: 10 });
  assert.equal(list.length, 2);
  const first = list.find((i) => i.findingIds.includes('f-1'))!;
  assert.deepEqual(first.findingIds.sort(), ['f-1', 'f-2']);
  assert.equal(first.title, `Shard slots-0 (slots 0-8191): replica ${R1} is unreachable`);
  assert.equal(first.titleI18n?.zh, `分片 slots-0（槽 0-8191）：从节点 ${R1} 不可达`);
  assert.deepEqual(list.find((i) => i !== first)?.findingIds, ['f-3']);
  // Without a cluster the same two findings stay apart (grouping by root node only).
  const plain = setup(t).incidents;
  plain.apply({ opened: [{ finding: replicaDown, key: key(R1) }, { finding: primaryRisk, key: findingKey({ kind: 'config_risk', subject: P1 }) }], updated: [], resolved: [] }, EMPTY, OPENED);
  assert.equal(plain.list({ limit: 10 }).length, 2);
});

test('with openAfter 1, a fast-lane event seen after the cycle started still opens the incident’s story', (t) => {
  const { incidents } = setup(t);
  // The cycle started at OPENED (its topology's generatedAt, the diagnosis' `now`); the node's
  // connection closed while it polled, and the fast lane announced it unreachable 300 ms later.
  // The cycle's report carries that event; the finding opens on this very cycle.
  const fastLane = { id: 'ev-fast', at: OPENED + 300, kind: 'node_unreachable' as const, nodeId: R, to: 'refused' };
  incidents.apply(
    { opened: [{ finding: snapshot('f-1'), key: findingKey({ kind: 'node_unreachable', subject: R }) }], updated: [], resolved: [] },
    EMPTY,
    OPENED,
    [fastLane],
  );
  const [incident] = incidents.list({ limit: 5 });
  assert.ok(incident);
  const events = incidents.detail(incident.id)!.timeline.filter((e) => e.type === 'topology_event');
  assert.deepEqual(events.map((e) => [e.at, (e.data.event as { id: string }).id]), [[OPENED + 300, 'ev-fast']]);
  // Announced again by the monitor later: still once.
  incidents.recordTopologyEvent(fastLane);
  assert.equal(incidents.detail(incident.id)!.timeline.filter((e) => e.type === 'topology_event').length, 1);
});
