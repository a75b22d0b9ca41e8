import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionPlan } from '@/lib/contracts';
import { dialogReducer, initialDialogState, type DialogEvent, type DialogState } from './dialog-state';

const request = { action: 'replica.reconnect', target: '10.0.0.2:6379', params: {} } as const;
// Only the fields the reducer reads; the rest of a plan does not matter to it.
const plan = (id: string, approvedBy?: string) => ({ id, action: request.action, target: request.target, params: {}, approvedBy }) as unknown as ActionPlan;
const run = (s: DialogState, ...events: DialogEvent[]) => events.reduce(dialogReducer, s);

test('dialogReducer(): a request plans, a loaded plan is shown, a refusal keeps the plan and says why', () => {
  let s = initialDialogState({ request: { ...request }, editParams: false });
  assert.deepEqual([s.stage, s.isLoading], ['plan', true]);
  s = run(s, { type: 'plan_loaded', plan: plan('p1') }, { type: 'typed', value: 'yes' }, { type: 'pending', what: 'execute' });
  assert.equal(s.pending, 'execute');
  s = dialogReducer(s, { type: 'refused', message: 'conflict' });
  assert.deepEqual([s.stage, s.plan?.id, s.pending, s.actionError, s.typed], ['plan', 'p1', null, 'conflict', 'yes']);
  s = dialogReducer(s, { type: 'pending', what: 'execute' });
  assert.equal(s.actionError, null, 'a new attempt clears the old refusal');
  s = dialogReducer(s, { type: 'run_started', runId: 'r1' });
  assert.deepEqual([s.stage, s.runId, s.pending], ['run', 'r1', null]);
});

test('dialogReducer(): the parameter form comes first when asked, and a failed plan can be retried', () => {
  let s = initialDialogState({ request: { ...request }, editParams: true });
  assert.deepEqual([s.stage, s.isLoading], ['params', false]);
  s = run(s, { type: 'plan_requested', request: { ...request, params: { x: 1 } } }, { type: 'plan_failed', message: 'bad' });
  assert.deepEqual([s.stage, s.isLoading, s.loadError], ['plan', false, 'bad']);
  assert.deepEqual(s.request?.params, { x: 1 });
});

test('dialogReducer(): an approval seen by polling replaces only the plan it belongs to', () => {
  const s = run(initialDialogState({ editParams: false }), { type: 'plan_loaded', plan: plan('p1') });
  assert.equal(dialogReducer(s, { type: 'plan_refreshed', plan: plan('p2', 'bob') }), s);
  assert.equal(dialogReducer(s, { type: 'plan_refreshed', plan: plan('p1', 'bob') }).plan?.approvedBy, 'bob');
});

test('dialogReducer(): revert after a run starts over with an empty confirmation', () => {
  const s = run(
    initialDialogState({ editParams: false }),
    { type: 'plan_loaded', plan: plan('p1') },
    { type: 'typed', value: 'yes' },
    { type: 'reason', value: 'why' },
    { type: 'run_started', runId: 'r1' },
    { type: 'revert', request: { action: 'config.revert', target: request.target, params: { runId: 'r1' } } },
  );
  assert.deepEqual([s.stage, s.plan, s.runId, s.typed, s.reason, s.isLoading], ['plan', null, null, '', '', true]);
  assert.equal(s.request?.action, 'config.revert');
});
