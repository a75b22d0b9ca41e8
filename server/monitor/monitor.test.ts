import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Topology } from '../../lib/contracts';
import { loadConfig } from '../config';
import type { PollResult } from '../redis/node-client';
import { Monitor, type CycleReport } from './monitor';
import type { MonitorPool, PollTarget } from './monitor-pool';
import { FULL_PLAN, type PollPlan } from './poll-tiers';

const A = '10.0.0.1:6379';
const B = '10.0.0.2:6379';

function masterInfo(runId: string): string {
  return ['# Server', `run_id:${runId}`, '# Replication', 'role:master', 'connected_slaves:0', 'master_repl_offset:0', '# Stats', 'total_commands_processed:1', ''].join('\r\n');
}

const answer = (runId: string): PollResult => ({ ok: true, info: masterInfo(runId), latencyMs: 1, at: Date.now() });
const refused = (): PollResult => ({ ok: false, at: Date.now(), error: { code: 'refused', message: 'refused' } });

/** A pool whose nodes answer what the test says, when the test says. */
class FakePool implements MonitorPool {
  readonly seeds: Array<{ id: string }>;
  readonly released: string[] = [];
  onNodeLost: (id: string) => void = () => undefined;
  /** Per node: what its next polls do (default: answers as a master). */
  behaviour = new Map<string, () => Promise<PollResult>>();

  constructor(seeds: string[]) {
    this.seeds = seeds.map((id) => ({ id }));
  }

  get(id: string): PollTarget {
    return { poll: () => this.behaviour.get(id)?.() ?? Promise.resolve(answer(id)) };
  }

  release(id: string): void {
    this.released.push(id);
  }
}

let monitor: Monitor | undefined;
afterEach(() => monitor?.stop());

function startMonitor(pool: FakePool): Monitor {
  const config = loadConfig({});
  config.poll.intervalMs = 100;
  // A minute of history, not an hour at 100 ms polls (36,000 slots per node and metric).
  config.history.retentionMs = 60_000;
  monitor = new Monitor(config, pool);
  monitor.start();
  return monitor;
}

async function nextCycle(m: Monitor): Promise<Topology> {
  // A cycle that throws publishes nothing: the test fails after 5 s instead of hanging.
  const [report] = (await once(m, 'cycle', { signal: AbortSignal.timeout(5000) })) as [CycleReport];
  return report.topology;
}

const ids = (t: Topology) => t.nodes.map((n) => n.id).sort();

test('a node removed while its poll is in flight does not come back when the poll returns', async () => {
  const pool = new FakePool([A, B]);
  pool.behaviour.set(B, () => Promise.resolve(refused()));
  const m = startMonitor(pool);
  const first = await nextCycle(m);
  assert.equal(first.nodes.find((n) => n.id === B)?.reachable, false);

  // The next poll of B hangs until the operator has removed B.
  let release!: () => void;
  const polled = new Promise<void>((resolve) => {
    pool.behaviour.set(B, () => {
      resolve();
      return new Promise<PollResult>((r) => (release = () => r(refused())));
    });
  });
  await polled;
  assert.equal(m.removeNode(B), 'removed');
  release();
  const after = await nextCycle(m);
  assert.deepEqual(ids(after), [A]);
  assert.deepEqual(ids(await nextCycle(m)), [A], 'still gone a cycle later');
  assert.ok(pool.released.includes(B), 'its connection was released');
});

test('one node whose poll rejects is unreachable; the rest of the cycle is still published', async () => {
  const pool = new FakePool([A, B]);
  pool.behaviour.set(B, () => Promise.reject(new Error('socket exploded')));
  const m = startMonitor(pool);
  const t = await nextCycle(m);
  const a = t.nodes.find((n) => n.id === A);
  const b = t.nodes.find((n) => n.id === B);
  assert.equal(a?.reachable, true);
  assert.equal(a?.role, 'master');
  assert.equal(b?.reachable, false);
  assert.match(b?.error?.message ?? '', /socket exploded/);
  assert.equal(b?.status, 'critical');
});

test('a node whose connection cannot even be created is unreachable, not a lost cycle', async () => {
  const pool = new FakePool([A, B]);
  const get = pool.get.bind(pool);
  pool.get = (id) => {
    if (id === B) throw new Error('cannot open');
    return get(id);
  };
  const m = startMonitor(pool);
  const t = await nextCycle(m);
  assert.equal(t.nodes.find((n) => n.id === A)?.reachable, true);
  assert.match(t.nodes.find((n) => n.id === B)?.error?.message ?? '', /cannot open/);
});

test('the monitor polls again after a cycle in which every node failed', async () => {
  const pool = new FakePool([A]);
  pool.behaviour.set(A, () => Promise.reject(new Error('down')));
  const m = startMonitor(pool);
  assert.equal((await nextCycle(m)).nodes[0]?.reachable, false);
  pool.behaviour.delete(A);
  assert.equal((await nextCycle(m)).nodes[0]?.reachable, true);
});

/** INFO as a Redis 7 answers `INFO <sections…>`: only what the plan asked for. */
function infoFor(runId: string, usedMemory: number, plan: PollPlan): string {
  const slow: Record<string, string[]> = {
    memory: [`used_memory:${usedMemory}`],
    persistence: ['loading:0'],
    clients: ['connected_clients:1'],
    cpu: ['used_cpu_sys:1.0', 'used_cpu_user:1.0'],
    keyspace: [],
  };
  const lines = [masterInfo(runId)];
  for (const s of plan.sections) if (slow[s]) lines.push(`# ${s}`, ...slow[s], '');
  return lines.join('\r\n');
}

test('a node restarted between two polls is read in full in the same cycle, never judged on the old process', async () => {
  const pool = new FakePool([A]);
  const node = { runId: 'r1', usedMemory: 100 };
  pool.get = () => ({
    poll: (_deadline, plan = FULL_PLAN) =>
      Promise.resolve({ ok: true, info: infoFor(node.runId, node.usedMemory, plan), latencyMs: 1, at: Date.now() }),
  });
  const m = startMonitor(pool);
  await nextCycle(m);
  assert.equal(m.nodeDetail(A)?.info.memory?.used_memory, '100', 'first contact reads every section');
  Object.assign(node, { runId: 'r2', usedMemory: 200 });
  let detail = m.nodeDetail(A);
  while (detail?.info.server?.run_id !== 'r2') {
    await nextCycle(m);
    detail = m.nodeDetail(A);
  }
  assert.equal(detail.info.memory?.used_memory, '200', 'the new process was read in the same cycle');
  assert.ok((detail.sectionsReadAt?.memory ?? 0) >= (detail.sectionsReadAt?.replication ?? Infinity));
});

test('a wave larger than one slice polls every node once per cycle', async () => {
  const many = Array.from({ length: 100 }, (_, i) => `10.0.1.${i}:6379`);
  const pool = new FakePool(many);
  const polls = new Map<string, number>();
  const get = pool.get.bind(pool);
  pool.get = (id) => ({
    poll: (deadline, plan) => {
      polls.set(id, (polls.get(id) ?? 0) + 1);
      return get(id).poll(deadline, plan);
    },
  });
  const m = startMonitor(pool);
  const t = await nextCycle(m);
  assert.equal(t.nodes.length, 100);
  assert.ok(t.nodes.every((n) => n.reachable));
  assert.deepEqual([...polls.keys()].sort(), [...many].sort());
  assert.ok([...polls.values()].every((n) => n === 1), 'each node once in the first cycle');
});

test('a cycle step runs before the cycle listeners and holds the next cycle until it ends', async () => {
  const pool = new FakePool([A]);
  const trace: string[] = [];
  let finishStep!: () => void;
  const config = loadConfig({});
  config.poll.intervalMs = 100;
  monitor = new Monitor(config, pool);
  const m = monitor;
  let steps = 0;
  const remove = m.addCycleStep(async () => {
    steps++;
    trace.push('step start');
    if (steps === 1) await new Promise<void>((resolve) => (finishStep = resolve));
    trace.push('step end');
  });
  m.on('cycle', () => trace.push('cycle'));
  m.start();
  while (!finishStep) await new Promise((r) => setTimeout(r, 10));
  // Held far longer than an interval: no second cycle meanwhile.
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(trace, ['step start']);
  finishStep();
  await nextCycle(m);
  assert.deepEqual(trace.slice(0, 3), ['step start', 'step end', 'cycle']);
  remove();
  const count = steps;
  await nextCycle(m);
  await nextCycle(m);
  assert.equal(steps, count, 'a removed step no longer runs');
});

test('a reply the monitor cannot apply costs that node only, never the cycle or the process', async () => {
  const pool = new FakePool([A, B]);
  // Not INFO text at all (a bug, a broken proxy): applying it throws.
  const garbage = JSON.parse('{"ok":true,"info":null,"latencyMs":1,"at":0}') as PollResult;
  pool.behaviour.set(B, () => Promise.resolve(garbage));
  const m = startMonitor(pool);
  const t = await nextCycle(m);
  assert.equal(t.nodes.find((n) => n.id === A)?.reachable, true);
  assert.notEqual(t.nodes.find((n) => n.id === B)?.reachable, true);
  await nextCycle(m);
});

const C = '10.0.0.3:6379';

/** A poll of `id` that hangs until the test answers it; resolves `polled` when it is sent. */
function hangNextPoll(pool: FakePool, id: string): { polled: Promise<void>; answer: (r: PollResult) => void } {
  let answer!: (r: PollResult) => void;
  const polled = new Promise<void>((resolve) => {
    pool.behaviour.set(id, () => {
      pool.behaviour.delete(id);
      resolve();
      return new Promise<PollResult>((r) => (answer = r));
    });
  });
  return { polled, answer: (r) => answer(r) };
}

/** Everything the monitor announces, in order. */
function trace(m: Monitor): string[] {
  const out: string[] = [];
  m.on('topology', (t) => out.push(`topology ${t.nodes.filter((n) => !n.reachable).map((n) => n.id).join(',') || 'all-up'}`));
  m.on('topology-event', (e) => out.push(`${e.kind} ${e.nodeId}`));
  m.on('cycle', () => out.push('cycle'));
  return out;
}

test('a node whose connection is lost during a slow cycle is shown unreachable before that cycle ends, once', async () => {
  const pool = new FakePool([A, B, C]);
  const m = startMonitor(pool);
  await nextCycle(m);
  const seen = trace(m);
  // The next cycle waits on C for as long as the test likes.
  const slow = hangNextPoll(pool, C);
  await slow.polled;
  pool.behaviour.set(B, () => Promise.resolve(refused()));
  pool.onNodeLost(B);
  const [shown] = (await once(m, 'topology', { signal: AbortSignal.timeout(5000) })) as [Topology];
  assert.equal(shown.nodes.find((n) => n.id === B)?.reachable, false);
  assert.equal(shown.nodes.find((n) => n.id === A)?.reachable, true);
  assert.deepEqual(seen, [`topology ${B}`, `node_unreachable ${B}`], 'announced while the cycle still waits on C');
  assert.equal(m.snapshot().topology.nodes.find((n) => n.id === B)?.reachable, false, 'GET /api/topology agrees');

  slow.answer(answer(C));
  const [report] = (await once(m, 'cycle', { signal: AbortSignal.timeout(5000) })) as [CycleReport];
  assert.ok(
    report.events.some((e) => e.kind === 'node_unreachable' && e.nodeId === B),
    "the cycle report still tells its listeners (the cluster model's refresh) what changed since the last one",
  );
  for (let i = 0; i < 3; i++) assert.equal((await nextCycle(m)).nodes.find((n) => n.id === B)?.reachable, false, 'never flips back');
  assert.equal(seen.filter((s) => s === `node_unreachable ${B}`).length, 1, 'the full cycles do not repeat the event');
  assert.equal(m.recentEvents().filter((e) => e.kind === 'node_unreachable' && e.nodeId === B).length, 1);
});

test('a lost connection whose node answers the re-poll publishes nothing before the cycle', async () => {
  const pool = new FakePool([A, B]);
  const m = startMonitor(pool);
  await nextCycle(m);
  const seen = trace(m);
  const slow = hangNextPoll(pool, A);
  await slow.polled;
  // B reconnected at once (a client kill, a blip): its re-poll answers.
  let repolled!: () => void;
  const repoll = new Promise<void>((resolve) => (repolled = resolve));
  pool.behaviour.set(B, () => {
    repolled();
    return Promise.resolve(answer(B));
  });
  pool.onNodeLost(B);
  await repoll;
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(seen, [], 'nothing announced while the cycle is still out');
  slow.answer(answer(A));
  const t = await nextCycle(m);
  assert.ok(t.nodes.every((n) => n.reachable));
  assert.doesNotMatch(seen.join('\n'), /node_unreachable/);
});
