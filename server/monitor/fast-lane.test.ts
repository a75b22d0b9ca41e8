import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Topology } from '../../lib/contracts';
import { deriveTopology } from '../../lib/topology/derive-topology';
import { loadConfig } from '../config';
import type { PollResult } from '../redis/node-client';
import { FastLane } from './fast-lane';
import { NodeRegistry } from './node-registry';

const A = '10.0.0.1:6379';
const B = '10.0.0.2:6379';
const info = (runId: string) => ['# Server', `run_id:${runId}`, '# Replication', 'role:master', 'connected_slaves:0', 'master_repl_offset:0', ''].join('\r\n');
const refused = (): PollResult => ({ ok: false, at: Date.now(), error: { code: 'refused', message: 'refused' } });

/** A lane over two answering nodes whose polls the test settles; announcements are recorded. */
function setup() {
  const registry = new NodeRegistry(() => undefined);
  const cycle = { started: Date.now(), rereads: new Set<string>(), referenced: new Set<string>(), polled: new Set<string>() };
  for (const id of [A, B]) {
    registry.ensure(id, cycle.started);
    registry.applyResult(id, { ok: true, info: info(id), latencyMs: 1, at: Date.now() }, cycle);
  }
  const thresholds = loadConfig({}).thresholds;
  let current: Topology | null = null;
  const announced: Topology[] = [];
  const polls: Array<(r: PollResult) => void> = [];
  let running = true;
  const lane = new FastLane(
    {
      registry,
      isRunning: () => running,
      poll: () => new Promise((resolve) => polls.push(resolve)),
      derive: (obs, now) => deriveTopology(obs, (id) => id, thresholds, now),
      current: () => current,
      announce: (t) => {
        current = t;
        announced.push(t);
      },
      nextEventId: (at) => `ev-${at}`,
    },
    1,
  );
  /** A full publish of the registry as it is now. */
  const publish = () => {
    const release = lane.hold();
    const observations = registry.observations();
    current = deriveTopology(observations, (id) => id, thresholds, Date.now());
    release(observations);
  };
  const untilPolled = async () => {
    while (!polls.length) await new Promise((r) => setTimeout(r, 2));
  };
  return { registry, lane, announced, polls, publish, untilPolled, stop: () => (running = false), current: () => current };
}

const reachable = (t: Topology | null | undefined, id: string) => t?.nodes.find((n) => n.id === id)?.reachable;

test('a fast pass waits while a full publish is between reading the registry and announcing', async () => {
  const s = setup();
  s.publish();
  s.lane.nodeLost(B);
  await s.untilPolled();
  // A full publish reads the registry (B still reachable there) and yields before announcing.
  const release = s.lane.hold();
  const observations = s.registry.observations();
  s.polls[0]!(refused());
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(s.announced.length, 0, 'nothing announced inside the publish');
  assert.equal(s.registry.records.get(B)?.reachable, true, 'nor applied to the registry');
  release(observations);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(s.announced.length, 1);
  assert.equal(reachable(s.announced[0], B), false, 'shown unreachable right after that publish');
  assert.equal(reachable(s.announced[0], A), true);
  assert.equal(s.registry.records.get(B)?.reachable, false, 'the next full publish starts from the failure');
});

test('a fast pass stopped while its poll is out announces nothing', async () => {
  const s = setup();
  s.publish();
  s.lane.nodeLost(B);
  await s.untilPolled();
  s.stop();
  const stopped = s.lane.stop();
  s.polls[0]!(refused());
  await stopped;
  assert.equal(s.announced.length, 0);
  assert.equal(reachable(s.current(), B), true);
});
