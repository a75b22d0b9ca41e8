import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActionRun } from '../../lib/contracts';
import type { LiveRedis } from './live-redis';
import { runPlan } from './runner';
import type { BuiltPlan, RunContext, Step } from './types';

const fakeLive = {
  probe: async (id: string) => ({
    id,
    reachable: true,
    role: 'master',
    masterOffset: 7,
    replicas: [],
    syncFull: 0,
    keys: 0,
    usedMemory: 0,
  }),
} as unknown as LiveRedis;
const ctx: RunContext = {
  live: fakeLive,
  timeouts: {
    connectMs: 100,
    commandMs: 100,
    syncMs: 100,
    handshakeMs: 100,
    convergeMs: 100,
    failoverMs: 100,
    pollMs: 10,
  },
  progress: () => undefined,
};

function step(command: string, run: () => Promise<string>): Step {
  return { nodeId: 'h:1', command, why: { en: '', zh: '' }, timeoutMs: 50, run };
}

function runOf(plan: BuiltPlan): ActionRun {
  return {
    id: 'run-unit-1',
    planId: 'plan-unit-1',
    action: 'config.apply',
    target: 'h:1',
    params: {},
    state: 'running',
    actor: 'a',
    role: 'admin',
    startedAt: 0,
    steps: plan.steps.map((s, index) => ({
      index,
      nodeId: s.nodeId,
      command: s.command,
      why: s.why,
      state: 'pending',
    })),
    verify: [],
    nodeStates: [],
  };
}

const hooks = { save: () => undefined, stepChanged: () => undefined };

test('runPlan() stops at the first failing step, skips the rest and reports node states', async () => {
  const plan: BuiltPlan = {
    steps: [
      step('A', async () => 'OK'),
      step('B', async () => Promise.reject(new Error('ERR boom'))),
      step('C', async () => 'OK'),
    ],
    preflight: [],
    warnings: [],
    destructive: false,
    involved: ['h:1'],
    verify: async () => [],
  };
  const run = await runPlan(plan, runOf(plan), ctx, hooks);
  assert.equal(run.state, 'failed');
  assert.deepEqual(
    run.steps.map((s) => s.state),
    ['ok', 'failed', 'skipped'],
  );
  assert.match(run.error ?? '', /step 2 failed on h:1: ERR boom/);
  assert.deepEqual(run.nodeStates, [{ nodeId: 'h:1', reachable: true, role: 'master', offset: 7 }]);
});

test('runPlan() rolls back a change that does not verify', async () => {
  let rolledBack = false;
  const plan: BuiltPlan = {
    steps: [step('CONFIG SET x 1', async () => 'OK')],
    preflight: [],
    warnings: [],
    destructive: false,
    involved: [],
    verify: async () => [{ check: 'config_value', ok: false, detail: 'x = 2' }],
    rollback: async () => {
      rolledBack = true;
      return 'restored x';
    },
    revert: { settings: { x: '0' }, rewrite: false },
  };
  const run = await runPlan(plan, runOf(plan), ctx, hooks);
  assert.equal(run.state, 'rolled_back');
  assert.ok(rolledBack);
  assert.equal(run.revert, undefined, 'only a succeeded apply offers a revert');
});

test('runPlan() times a step out with its own budget', async () => {
  const plan: BuiltPlan = {
    steps: [step('SLOW', () => new Promise(() => undefined))],
    preflight: [],
    warnings: [],
    destructive: false,
    involved: [],
    verify: async () => [],
  };
  const started = Date.now();
  const run = await runPlan(plan, runOf(plan), ctx, hooks);
  assert.equal(run.state, 'failed');
  assert.match(run.steps[0]?.error ?? '', /no answer within/);
  assert.ok(Date.now() - started < 5000);
});

test('a server stopping mid-wait interrupts the run at once and records why', async () => {
  const stopping = new AbortController();
  const replicaLive = {
    probe: async (id: string) => ({
      id,
      reachable: true,
      role: 'replica',
      upstream: 'h:0',
      linkStatus: 'down',
      masterOffset: 0,
      replicas: [],
      syncFull: 0,
      keys: 0,
      usedMemory: 0,
    }),
  } as unknown as LiveRedis;
  const waiting: RunContext = {
    ...ctx,
    live: replicaLive,
    signal: stopping.signal,
    timeouts: { ...ctx.timeouts, syncMs: 60_000, handshakeMs: 60_000 },
  };
  const plan: BuiltPlan = {
    steps: [step('REPLICAOF h 0', async () => 'OK')],
    preflight: [],
    warnings: [],
    destructive: false,
    involved: ['h:1'],
    verify: async (c) => {
      const { linkAndConverge } = await import('./waits');
      return linkAndConverge(c, 'h:1', 'h:0');
    },
  };
  setTimeout(() => stopping.abort(), 50);
  const started = Date.now();
  const run = await runPlan(plan, runOf(plan), waiting, {
    save: () => undefined,
    stepChanged: () => undefined,
  });
  assert.ok(
    Date.now() - started < 2000,
    'ended within the poll interval, not the 60 s sync budget',
  );
  assert.equal(run.state, 'failed');
  assert.match(run.error ?? '', /server is stopping/);
});
