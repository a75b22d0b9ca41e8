// The Redis Cluster drills, one after the other on one real 6-node cluster (as on the cluster
// demo: a shared sandbox each drill must leave as it found it): detected, scored, recovered, and
// their findings filed under one incident per shard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import type { DrillRun } from '../lib/contracts/drills';
import { SCENARIOS } from '../lib/drills/scenarios';
import { scorecardText } from '../lib/drills/scorecard-text';
import { DRILL_TAG } from '../server/drills/drill-observer';
import { DrillError, DrillService } from '../server/drills/drill-service';
import { rootLogger } from '../server/logger';
import { useClusterHarness } from './helpers/cluster';
import { waitUntil } from './helpers/wait-until';

rootLogger.level = process.env.LOG_LEVEL ?? 'error';

const CLUSTER_SCENARIOS = SCENARIOS.filter((s) => s.sandbox.cluster);

test('every cluster drill on one cluster: detected, every expectation passes, the cluster ends as it began', async (t) => {
  // Validity settings are read with CONFIG GET: every second here, as npm run drill does.
  const h = await useClusterHarness(t, {
    pollMs: 250,
    configFile: { poll: { intervalMs: 250, configEveryMs: 1_000 } },
  });
  await h.until(
    (x) => x.cluster?.state === 'ok' && x.links.filter((l) => l.linkStatus === 'up').length === 3,
    'cluster discovered',
    20_000,
  );
  const drills = new DrillService({
    db: h.server.db,
    monitor: h.server.monitor,
    incidents: h.server.incidents,
    sandbox: h.cluster,
  });
  t.after(() => drills.stop());

  // The cluster offers only its own scenarios; a replication drill is refused before anything breaks.
  assert.deepEqual(
    drills.scenarios().scenarios.map((s) => s.id),
    CLUSTER_SCENARIOS.map((s) => s.id),
  );
  assert.throws(
    () => drills.start({ scenario: 'network-interruption' }, 'test'),
    (e: unknown) =>
      e instanceof DrillError && e.code === 'conflict' && /not a Redis Cluster/.test(e.message),
  );

  assert.deepEqual(
    CLUSTER_SCENARIOS.map((s) => s.id),
    ['cluster-primary-failover', 'cluster-lost-replica', 'cluster-replica-cannot-failover'],
  );
  for (const scenario of CLUSTER_SCENARIOS) {
    const { id } = drills.start({ scenario: scenario.id }, 'test');
    let run: DrillRun | null = null;
    await waitUntil(() => (run = drills.get(id))?.state === 'finished' || run?.state === 'error', {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `${scenario.id} to finish`,
    });
    const done = drills.get(id)!;
    const card = done.scorecard;
    assert.ok(card, done.error ?? 'no scorecard');
    t.diagnostic(
      `${scenario.id}: detect ${card.timings.detectMs} ms, recover ${card.timings.recoverMs} ms; ${card.expectations.map((e) => e.detail).join(' | ')}`,
    );
    assert.equal(done.state, 'finished', done.error);
    assert.ok(card.passed, `\n${scorecardText(card)}`);
    assert.ok(
      done.steps.every((s) => s.state === 'done'),
      JSON.stringify(done.steps.map((s) => [s.label.en, s.state, s.detail])),
    );
    // One shard broke: its findings make one incident, named after the shard, tagged drill.
    const incidents = done.incidentIds.map((i) => h.server.incidents.detail(i)!);
    assert.ok(incidents.length >= 1);
    const shardIncidents = incidents.filter((i) => i.title.startsWith('Shard '));
    assert.equal(
      shardIncidents.length,
      1,
      incidents.map((i) => `${i.title}: ${i.findings.map((f) => f.kind).join(',')}`).join(' / '),
    );
    assert.ok(incidents.every((i) => i.tags.includes(DRILL_TAG)));
  }

  // Cleanup put everything back: six nodes up, every slot served, the validity factor restored.
  await h.until(
    (x) => x.cluster?.state === 'ok' && x.nodes.filter((n) => n.reachable).length === 6,
    'the cluster healthy again',
    20_000,
  );
  for (const n of h.cluster.nodes) {
    const c = new Redis({ host: n.host, port: n.port, lazyConnect: true });
    await c.connect();
    const [factor, masterauth] = await Promise.all([
      c.config('GET', 'cluster-replica-validity-factor'),
      c.config('GET', 'masterauth'),
    ]);
    c.disconnect();
    assert.deepEqual(
      [factor, masterauth],
      [
        ['cluster-replica-validity-factor', '10'],
        ['masterauth', ''],
      ],
      n.id,
    );
  }
});
