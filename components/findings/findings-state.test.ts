import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Health } from '@/lib/contracts';
import {
  INITIAL_FINDINGS_STATE,
  applyFindingsSnapshot,
  foldFindings,
  healthFromFindings,
  removeFinding,
  sortFindings,
  upsertFinding,
} from './findings-state';

const finding = (id: string, severity: Finding['severity'], openedAt: number): Finding => ({
  id,
  kind: 'link_down',
  severity,
  nodeId: '127.0.0.1:7001',
  title: { en: id, zh: id },
  detail: { en: '', zh: '' },
  openedAt,
  lastSeenAt: openedAt,
  state: 'open',
  evidence: [],
  remedy: { text: '', textZh: '' },
});
const health: Health = {
  level: 'critical',
  openFindings: { info: 0, warning: 0, critical: 1 },
  openIncidents: 1,
};

test('a snapshot replaces the open findings and keeps only open ones', () => {
  const resolved = { ...finding('r', 'critical', 1), state: 'resolved' as const };
  const s = applyFindingsSnapshot(INITIAL_FINDINGS_STATE, {
    findings: [finding('a', 'warning', 1), resolved],
    health,
  });
  assert.deepEqual(Object.keys(s.open), ['a']);
  assert.equal(s.hasSnapshot, true);
  assert.equal(s.health, health);
});

test('an update that arrives resolved removes the finding; removing an unknown id is a no-op', () => {
  let s = upsertFinding(INITIAL_FINDINGS_STATE, finding('a', 'warning', 1));
  assert.equal(s.open.a?.severity, 'warning');
  s = upsertFinding(s, { ...finding('a', 'critical', 1) });
  assert.equal(s.open.a?.severity, 'critical');
  s = upsertFinding(s, { ...finding('a', 'critical', 1), state: 'resolved' });
  assert.deepEqual(s.open, {});
  assert.equal(removeFinding(s, 'zzz'), s);
});

test('sortFindings() puts critical first, then the newest within a severity', () => {
  const list = sortFindings([
    finding('old-warn', 'warning', 1),
    finding('info', 'info', 9),
    finding('new-warn', 'warning', 5),
    finding('crit', 'critical', 0),
  ]);
  assert.deepEqual(
    list.map((f) => f.id),
    ['crit', 'new-warn', 'old-warn', 'info'],
  );
});

test('healthFromFindings() follows the worst severity; info alone stays green', () => {
  assert.equal(healthFromFindings([finding('i', 'info', 1)]).level, 'ok');
  assert.equal(healthFromFindings([finding('w', 'warning', 1)]).level, 'warning');
  const h = healthFromFindings([finding('w', 'warning', 1), finding('c', 'critical', 1)], 2);
  assert.equal(h.level, 'critical');
  assert.deepEqual(h.openFindings, { info: 0, warning: 1, critical: 1 });
  assert.equal(h.openIncidents, 2);
});

test('foldFindings() puts consequences under their open root; an orphan stands alone', () => {
  const root = finding('node', 'critical', 1);
  const link = { ...finding('link', 'critical', 2), rootFindingId: 'node' };
  const canary = { ...finding('canary', 'critical', 3), rootFindingId: 'node' };
  const orphan = { ...finding('orphan', 'warning', 4), rootFindingId: 'gone' };
  const groups = foldFindings([link, orphan, canary, root]);
  assert.deepEqual(
    groups.map((g) => [g.root.id, g.consequences.map((c) => c.id)]),
    [
      ['node', ['canary', 'link']],
      ['orphan', []],
    ],
  );
  // The light counts one critical root, still red.
  const h = healthFromFindings([root, link, canary, orphan]);
  assert.equal(h.level, 'critical');
  assert.deepEqual(h.openFindings, { info: 0, warning: 1, critical: 1 });
});
