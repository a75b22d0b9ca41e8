// Tiered polling against real redis-server processes: the slow INFO sections are re-read at their
// tier, the replication section every poll, and a killed replica is still reported by the first
// cycle that starts after it died.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { CycleReport } from '../server/monitor/monitor';
import { startHarness, type Harness } from './helpers/server';

const POLL_MS = 250;
const SLOW_MS = 1500;

describe('tiered polling on a real master and two replicas', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r2', upstream: 'm' }],
      },
      pollMs: POLL_MS,
      configFile: () => ({
        poll: {
          configEveryMs: 2000,
          sectionEveryMs: {
            memory: SLOW_MS,
            persistence: SLOW_MS,
            clients: SLOW_MS,
            cpu: SLOW_MS,
            keyspace: SLOW_MS,
          },
        },
      }),
    });
    await h.until(
      (t) => t.links.filter((l) => l.linkStatus === 'up').length === 2,
      'both links up',
    );
  });
  after(() => h?.stop());

  const nextCycle = async () => {
    const [report] = (await once(h.server.monitor, 'cycle', {
      signal: AbortSignal.timeout(10_000),
    })) as [CycleReport];
    return report;
  };

  test('replication is read every poll, memory and the other slow sections once per their tier', async () => {
    const id = h.sandbox.node('r1').id;
    const replication = new Set<number>();
    const memory = new Set<number>();
    const config = new Set<number>();
    const started = Date.now();
    while (Date.now() - started < 5000) {
      await nextCycle();
      const d = h.server.monitor.nodeDetail(id);
      const at = d?.sectionsReadAt ?? {};
      assert.ok(
        at.replication && at.memory && at.keyspace && at.cpu,
        'every section has a read time',
      );
      // A carried reading is never older than its tier plus a poll (and the cycle's own time).
      assert.ok(
        at.replication - at.memory <= SLOW_MS + 3 * POLL_MS,
        `memory ${at.replication - at.memory} ms old`,
      );
      // The values shown are the carried reading, not blanks.
      assert.ok(d?.info.memory?.used_memory, 'used_memory shown between reads');
      assert.equal(typeof d?.metrics?.usedMemoryBytes, 'number');
      replication.add(at.replication);
      memory.add(at.memory);
      if (d?.configAt) config.add(d.configAt);
    }
    assert.ok(memory.size >= 2, `memory re-read at its tier (${memory.size} reads in 5 s)`);
    assert.ok(
      replication.size >= 2 * memory.size,
      `replication ${replication.size} reads, memory ${memory.size}`,
    );
    assert.ok(
      config.size >= 2 && config.size < memory.size + 1,
      `CONFIG GET ${config.size} times in 5 s`,
    );
  });

  test('a new key shows in the keyspace at the next keyspace read', async () => {
    const master = await h.sandbox.client('m');
    await master.set('tiers:probe', '1');
    const id = h.sandbox.node('m').id;
    const before = h.server.monitor.nodeDetail(id)?.sectionsReadAt?.keyspace ?? 0;
    for (;;) {
      await nextCycle();
      const d = h.server.monitor.nodeDetail(id);
      if ((d?.sectionsReadAt?.keyspace ?? 0) > before + 50) {
        assert.ok((d?.metrics?.keys ?? 0) >= 1, 'the key is counted once keyspace is read again');
        break;
      }
    }
  });

  test('a killed replica is unreachable in the first cycle that starts after it died', async () => {
    const id = h.sandbox.node('r2').id;
    await h.sandbox.kill('r2');
    const dead = Date.now();
    let report: CycleReport;
    do report = await nextCycle();
    while (report.topology.generatedAt <= dead);
    assert.equal(report.topology.nodes.find((n) => n.id === id)?.reachable, false);
  });
});
