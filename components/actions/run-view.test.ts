import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionProgress, ActionRun, ActionPlanStep } from '@/lib/contracts';
import { applyProgress, applyRun, initialRunView, runningStepIndex } from './run-view';

const RUN = 'run-abcd-1234';
const why = { en: '', zh: '' };
const steps: ActionPlanStep[] = [
  { nodeId: '127.0.0.1:7002', command: 'MULTI; REPLICAOF NO ONE; …', why },
  { nodeId: '127.0.0.1:7002', command: 'wait for the full sync', why },
];

const progress = (over: Partial<ActionProgress>): ActionProgress => ({
  runId: RUN,
  action: 'replica.resync',
  target: '127.0.0.1:7002',
  at: 1,
  phase: 'step',
  message: { en: 'm', zh: 'm' },
  ...over,
});

const record = (
  state: ActionRun['state'],
  stepStates: Array<'pending' | 'running' | 'ok' | 'failed'>,
): ActionRun => ({
  id: RUN,
  planId: 'plan-abcd',
  action: 'replica.resync',
  target: '127.0.0.1:7002',
  params: {},
  state,
  actor: 'local',
  role: 'admin',
  startedAt: 1,
  steps: steps.map((s, index) => ({ ...s, index, state: stepStates[index] ?? 'pending' })),
  verify: [],
  nodeStates: [],
});

test('progress events move steps forward and keep sync figures on the running step', () => {
  let v = initialRunView(RUN, steps);
  assert.deepEqual(
    v.steps.map((s) => s.state),
    ['pending', 'pending'],
  );
  v = applyProgress(v, progress({ stepIndex: 0, stepState: 'running' }));
  v = applyProgress(v, progress({ stepIndex: 0, stepState: 'ok' }));
  v = applyProgress(v, progress({ stepIndex: 1, stepState: 'running' }));
  const sync = { readBytes: 4096, totalBytes: null, percent: null };
  v = applyProgress(v, progress({ phase: 'sync', sync }));
  assert.deepEqual(
    v.steps.map((s) => s.state),
    ['ok', 'running'],
  );
  assert.equal(runningStepIndex(v), 1);
  assert.deepEqual(v.sync, sync);
  v = applyProgress(v, progress({ stepIndex: 1, stepState: 'ok' }));
  assert.equal(v.sync, null, 'a finished step drops its transfer figures');
});

test('a stale REST snapshot never moves a step backwards', () => {
  let v = initialRunView(RUN, steps);
  v = applyProgress(v, progress({ stepIndex: 0, stepState: 'ok' }));
  v = applyRun(v, record('running', ['running', 'pending']));
  assert.deepEqual(
    v.steps.map((s) => s.state),
    ['ok', 'pending'],
  );
});

test('the finished record wins and later progress is ignored', () => {
  let v = initialRunView(RUN, steps);
  v = applyRun(v, record('failed', ['ok', 'failed']));
  assert.equal(v.state, 'failed');
  assert.deepEqual(
    v.steps.map((s) => s.state),
    ['ok', 'failed'],
  );
  v = applyProgress(v, progress({ stepIndex: 1, stepState: 'running' }));
  assert.equal(v.steps[1]?.state, 'failed');
  v = applyRun(v, record('running', ['ok', 'running']));
  assert.equal(v.state, 'failed', 'a late running snapshot does not reopen a finished run');
});

test('events of another run are ignored', () => {
  const v = initialRunView(RUN, steps);
  assert.equal(
    applyProgress(v, progress({ runId: 'run-other-1', stepIndex: 0, stepState: 'ok' })),
    v,
  );
  assert.equal(applyRun(v, { ...record('succeeded', ['ok', 'ok']), id: 'run-other-1' }), v);
});
