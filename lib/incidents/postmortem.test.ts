import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, IncidentDetail, TimelineEntry } from '../contracts';
import { renderPostmortem } from './postmortem';

const T0 = Date.UTC(2026, 10, 26, 13, 18, 4, 100);
const M = '10.0.0.1:6379';
const R1 = '10.0.0.2:6379';
const R2 = '10.0.0.3:6379';

function linkDown(replica: string, id: string): Finding {
  return {
    id,
    key: `link_down:${replica}`,
    kind: 'link_down',
    severity: 'critical',
    cause: 'upstream_down',
    nodeId: replica,
    link: { upstream: M, replica },
    title: { en: `Replication link ${replica} ← ${M} is down`, zh: '…' },
    detail: { en: `${replica} receives no data from ${M}.`, zh: '…' },
    evidence: [{ type: 'field', nodeId: replica, section: 'replication', field: 'master_link_status', value: 'down' }],
    remedy: { text: `Bring ${M} back first; ${replica} reconnects by itself.`, textZh: '…', actionId: 'replica.promote' },
    openedAt: T0 + 250,
    lastSeenAt: T0 + 1200,
    resolvedAt: T0 + 1900,
    state: 'resolved',
  } as Finding;
}

function entry(id: number, at: number, type: TimelineEntry['type'], summary: string, data: Record<string, unknown> = {}, actor = 'system'): TimelineEntry {
  return { id, incidentId: 'inc-1', at, type, actor, summary, data };
}

const incident: IncidentDetail = {
  id: 'inc-1',
  state: 'resolved',
  severity: 'critical',
  title: `master ${M} is unreachable`,
  rootNodeId: M,
  openedAt: T0 + 250,
  acknowledgedAt: T0 + 60_000,
  acknowledgedBy: 'ada',
  resolvedAt: T0 + 1900,
  resolvedBy: 'system',
  findingIds: ['f1', 'f2'],
  nodeIds: [M, R1, R2],
  tags: [],
  findings: [linkDown(R1, 'f1'), linkDown(R2, 'f2')],
  timeline: [
    entry(1, T0, 'topology_event', `${M} is unreachable`),
    entry(2, T0 + 12, 'log_line', 'Connection with master lost.', { nodeId: R1 }),
    entry(3, T0 + 15, 'log_line', 'Connection with master lost.', { nodeId: R2 }),
    entry(4, T0 + 250, 'incident_opened', 'Incident opened'),
    entry(5, T0 + 60_000, 'state_changed', 'Acknowledged', {}, 'ada'),
  ],
};

test('renderPostmortem(): timeline in milliseconds, each log line with its node, detect/recover times', () => {
  const md = renderPostmortem(incident, T0 + 120_000);
  assert.match(md, /\| 2026-11-26 13:18:04\.112 \| log line \| `10\.0\.0\.2:6379` Connection with master lost\. \|/);
  assert.match(md, /\| 2026-11-26 13:18:04\.115 \| log line \| `10\.0\.0\.3:6379` Connection with master lost\. \|/);
  assert.match(md, /- Time to detect: 250 ms/);
  assert.match(md, /- Time to acknowledge: 1 min 0 s/);
  assert.match(md, /- Time to recover: 2 s/);
  assert.match(md, /\| acknowledged \| 2026-11-26 13:19:04 UTC by ada \|/);
});

test('renderPostmortem(): the same advice for two replicas is one follow-up naming the other', () => {
  const md = renderPostmortem(incident, T0 + 120_000);
  const followUps = md.split('## Follow-ups')[1]!.split('\n').filter((l) => l.startsWith('- [ ]'));
  assert.equal(followUps.filter((l) => l.includes('Bring')).length, 1, followUps.join('\n'));
  assert.match(followUps[0]!, /10\.0\.0\.2:6379 reconnects by itself\. \(likewise for `10\.0\.0\.3:6379`\)/);
  assert.ok(followUps.some((l) => /SOP step 6/.test(l)));
});

test('renderPostmortem() prints each log line once, however many findings cite it', () => {
  const line = { nodeId: '127.0.0.1:7002', time: 1_000, message: 'User requested shutdown...', category: 'shutdown', verdict: 'notable' };
  const finding = (id: string): Finding => ({
    id,
    kind: 'link_down',
    severity: 'critical',
    nodeId: '127.0.0.1:7002',
    title: { en: id, zh: id },
    detail: { en: '', zh: '' },
    openedAt: 1_000,
    lastSeenAt: 1_000,
    state: 'open',
    evidence: [{ type: 'log', ...line }],
    remedy: { text: 'r', textZh: 'r' },
  });
  const entry = (id: number): TimelineEntry => ({
    id,
    incidentId: 'inc-1',
    at: 1_000,
    type: 'log_line',
    actor: 'system',
    summary: line.message,
    data: { nodeId: line.nodeId },
  });
  const md = renderPostmortem(
    {
      id: 'inc-1',
      state: 'open',
      severity: 'critical',
      title: 't',
      openedAt: 1_000,
      findingIds: ['a', 'b'],
      nodeIds: [],
      tags: [],
      findings: [finding('a'), finding('b')],
      timeline: [entry(1), entry(2)],
    },
    2_000,
  );
  assert.equal(md.split(line.message).length - 1, 1, md);
});
