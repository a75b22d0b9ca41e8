import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Severity } from '../../lib/contracts';
import { AlertLedger } from './alert-ledger';

const hooks = [
  { name: 'pager', minSeverity: 'critical' as Severity },
  { name: 'chat', minSeverity: 'info' as Severity },
];

function f(severity: Severity, id = 'f1'): Finding {
  return {
    id,
    kind: 'replication_lag',
    severity,
    nodeId: '10.0.0.2:6379',
    title: { en: 't', zh: 't' },
    detail: { en: 'd', zh: 'd' },
    openedAt: 0,
    lastSeenAt: 0,
    state: 'open',
    evidence: [],
    remedy: { text: 'r', textZh: 'r' },
  };
}

const brief = (ds: ReturnType<AlertLedger['decide']>) =>
  ds.map((d) => `${d.webhook}:${d.event}${d.previousSeverity ? `<${d.previousSeverity}` : ''}`);

test('AlertLedger sends open, severity changes and resolve only to receivers that should hear them', () => {
  const l = new AlertLedger();
  assert.deepEqual(brief(l.decide('opened', f('warning'), hooks)), ['chat:finding_opened']);
  // Same severity again is not news; escalation into the pager's range is its first word of it.
  assert.deepEqual(brief(l.decide('updated', f('warning'), hooks)), []);
  assert.deepEqual(brief(l.decide('updated', f('critical'), hooks)), [
    'pager:finding_severity_changed<warning',
    'chat:finding_severity_changed<warning',
  ]);
  // De-escalation reaches the pager too, so it does not keep believing the worse state.
  assert.deepEqual(brief(l.decide('updated', f('warning'), hooks)), [
    'pager:finding_severity_changed<critical',
    'chat:finding_severity_changed<critical',
  ]);
  assert.deepEqual(brief(l.decide('resolved', f('warning'), hooks)), [
    'pager:finding_resolved',
    'chat:finding_resolved',
  ]);
});

test('AlertLedger sends no resolve for a finding a receiver never heard of', () => {
  const l = new AlertLedger();
  l.decide('opened', f('warning'), hooks);
  assert.deepEqual(brief(l.decide('resolved', f('warning'), hooks)), ['chat:finding_resolved']);
});

test('AlertLedger.prime() remembers, after a restart, what each receiver was told', () => {
  const l = new AlertLedger();
  l.prime(
    [f('critical', 'a'), f('critical', 'b')],
    [
      { webhook: 'pager', finding_id: 'a', event: 'finding_opened' },
      { webhook: 'pager', finding_id: 'b', event: 'finding_resolved' },
    ],
  );
  assert.deepEqual(brief(l.decide('resolved', f('critical', 'a'), hooks)), [
    'pager:finding_resolved',
  ]);
  assert.deepEqual(brief(l.decide('resolved', f('critical', 'b'), hooks)), []);
});

test('AlertLedger pages for the root only: its consequences are folded under it', () => {
  const l = new AlertLedger();
  const root = f('critical', 'root');
  const consequence: Finding = { ...f('critical', 'link'), kind: 'link_down', rootFindingId: 'root' };
  assert.deepEqual(brief(l.decide('opened', root, hooks)), ['pager:finding_opened', 'chat:finding_opened']);
  assert.deepEqual(brief(l.decide('opened', consequence, hooks)), []);
  assert.deepEqual(brief(l.decide('updated', consequence, hooks)), []);
  assert.deepEqual(brief(l.decide('resolved', consequence, hooks)), [], 'nothing to take back');
  // The root resolves while its link stays down: the link now stands alone and is news.
  assert.deepEqual(brief(l.decide('resolved', root, hooks)), ['pager:finding_resolved', 'chat:finding_resolved']);
  const alone: Finding = { ...consequence, id: 'link2', rootFindingId: undefined };
  delete alone.rootFindingId;
  assert.deepEqual(brief(l.decide('updated', alone, hooks)), ['pager:finding_severity_changed', 'chat:finding_severity_changed']);
});
