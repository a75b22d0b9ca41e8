// Every fault drill, end to end: a fresh sandbox with the fault proxy, the real dashboard
// watching it, the fault injected, detected, repaired and scored. A drill that fails here
// means the dashboard missed (or misnamed) a fault an operator would meet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DrillRun } from '../lib/contracts/drills';
import { SCENARIOS } from '../lib/drills/scenarios';
import { scorecardText } from '../lib/drills/scorecard-text';
import { runFreshDrill } from '../server/drills/fresh-drill';
import { DrillRunner } from '../server/drills/drill-runner';
import { DRILL_TAG } from '../server/drills/drill-observer';
import { rootLogger } from '../server/logger';
import { NotSandboxError, partitionLink, killMaster } from '../server/sandbox/faults';
import type { Sandbox } from '../server/sandbox';
import { networkInterruption } from '../lib/drills/scenarios-seed';

rootLogger.level = process.env.LOG_LEVEL ?? 'error';

// The cluster drills run on one shared cluster in cluster-drills.test.ts (a cluster per drill costs seconds).
for (const scenario of SCENARIOS.filter((s) => !s.sandbox.cluster)) {
  test(`drill ${scenario.id}: the dashboard detects the fault, the topology recovers, every expectation passes`, async (t) => {
    const started = Date.now();
    let checked = false;
    const run: DrillRun = await runFreshDrill(scenario, {
      redisServerBin: process.env.REDIS_SERVER_BIN,
      // Incidents and history, while the drill's server still runs.
      inspect: (r, server) => {
        for (const id of r.incidentIds) {
          const detail = server.incidents.detail(id);
          assert.ok(detail, `incident ${id} exists`);
          assert.ok(detail.tags.includes(DRILL_TAG), `incident ${id} is tagged drill`);
          const steps = detail.timeline.filter(
            (e) => e.actor === 'drill' && e.data.drillId === r.id,
          );
          assert.ok(
            steps.some((e) => e.type === 'action'),
            `incident ${id} has the drill's steps on its timeline`,
          );
        }
        checked = true;
      },
    });
    const card = run.scorecard;
    assert.ok(card, run.error ?? 'no scorecard');
    t.diagnostic(
      `${scenario.id}: detect ${card.timings.detectMs ?? '—'} ms, recover ${card.timings.recoverMs ?? '—'} ms, whole drill ${Date.now() - started} ms`,
    );
    assert.equal(run.state, 'finished', run.error);
    assert.ok(card.passed, `\n${scorecardText(card)}`);
    assert.ok(run.incidentIds.length > 0, 'the drill produced at least one incident');
    assert.ok(checked);
    assert.ok(
      run.steps.every((s) => s.state === 'done'),
      JSON.stringify(run.steps.map((s) => [s.label.en, s.state])),
    );
  });
}

test('fault injection is refused for anything that is not a sandbox this process started', async () => {
  // Looks like a sandbox, answers like one: still not one (a configured production node).
  const lookalike = {
    nodes: [
      {
        name: 'm',
        id: '10.0.0.1:6379',
        host: '10.0.0.1',
        port: 6379,
        running: true,
        paused: false,
      },
      {
        name: 'r1',
        id: '10.0.0.2:6379',
        host: '10.0.0.2',
        port: 6379,
        upstream: 'm',
        running: true,
        paused: false,
      },
    ],
    isStopped: false,
    isSandboxNode: () => true,
    hasProxy: () => true,
  } as unknown as Sandbox;
  await assert.rejects(partitionLink(lookalike, 'r1'), NotSandboxError);
  await assert.rejects(killMaster(lookalike), NotSandboxError);
  const runner = new DrillRunner(
    { sandbox: lookalike, monitor: {} as never, incidents: {} as never },
    networkInterruption,
    { id: 'drill-refused-test' },
  );
  await assert.rejects(
    runner.execute(),
    (err: Error) => err instanceof NotSandboxError && /not a sandbox/.test(err.message),
  );
});
