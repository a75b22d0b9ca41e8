import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../contracts';
import { planRequestFromFinding } from './from-finding';

const base: Finding = {
  id: 'f-1',
  kind: 'link_down',
  severity: 'critical',
  nodeId: '10.0.0.2:6379',
  link: { upstream: '10.0.0.1:6379', replica: '10.0.0.2:6379' },
  title: { en: '', zh: '' },
  detail: { en: '', zh: '' },
  openedAt: 0,
  lastSeenAt: 0,
  state: 'open',
  evidence: [],
  remedy: { text: '', textZh: '' },
};

test('planRequestFromFinding() uses the remedy, with params.nodeId as the target', () => {
  assert.equal(planRequestFromFinding(base), null);
  const promote = planRequestFromFinding({
    ...base,
    remedy: {
      text: '',
      textZh: '',
      actionId: 'replica.promote',
      params: { nodeId: '10.0.0.3:6379' },
    },
  });
  assert.deepEqual(promote, {
    action: 'replica.promote',
    target: '10.0.0.3:6379',
    params: {},
    findingId: 'f-1',
  });
  const apply = planRequestFromFinding({
    ...base,
    remedy: {
      text: '',
      textZh: '',
      actionId: 'config.apply',
      params: { settings: { 'repl-timeout': '60' } },
    },
  });
  assert.deepEqual(apply?.params, { settings: { 'repl-timeout': '60' } });
});

test('planRequestFromFinding() turns an auth failure into a re-attach (masterauth from server credentials)', () => {
  const r = planRequestFromFinding({
    ...base,
    cause: 'auth_failed',
    remedy: { text: '', textZh: '', actionId: 'config.apply' },
  });
  assert.deepEqual(r, {
    action: 'replica.reattach',
    target: '10.0.0.2:6379',
    params: { upstream: '10.0.0.1:6379' },
    findingId: 'f-1',
  });
});
