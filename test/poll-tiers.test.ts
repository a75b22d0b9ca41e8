// Tiered polling against real redis-server processes: the slow INFO sections are re-read at their
// tier, a master's replication section every poll, a quiet replica's offsets every poll by ROLE
// (and a change it shows at once), and a killed replica is still reported by the first cycle
// that starts after it died.
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
          quietInfoEveryMs: SLOW_MS,
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

  /** Read times of one node over `ms`: its samples, its replication section, memory, CONFIG. */
  const watch = async (name: string, ms: number) => {
    const id = h.sandbox.node(name).id;
    const seen = { sampled: new Set<number>(), replication: new Set<number>(), memory: new Set<number>(), config: new Set<number>() };
    const started = Date.now();
    while (Date.now() - started < ms) {
      await nextCycle();
      const d = h.server.monitor.nodeDetail(id);
      const at = d?.sectionsReadAt ?? {};
      assert.ok(at.replication && at.memory && at.keyspace && at.cpu, 'every section has a read time');
      // A carried reading is never older than its tier plus a poll (and the cycle's own time).
      assert.ok((d?.sampledAt ?? 0) - at.memory <= SLOW_MS + 3 * POLL_MS, `memory ${(d?.sampledAt ?? 0) - at.memory} ms old`);
      // The values shown are the carried reading, not blanks.
      assert.ok(d?.info.memory?.used_memory, 'used_memory shown between reads');
      assert.equal(typeof d?.metrics?.usedMemoryBytes, 'number');
      if (d?.sampledAt) seen.sampled.add(d.sampledAt);
      seen.replication.add(at.replication);
      seen.memory.add(at.memory);
      if (d?.configAt) seen.config.add(d.configAt);
    }
    return seen;
  };

  test('a master with replicas reads replication every poll, memory and the other slow sections once per their tier', async () => {
    const seen = await watch('m', 5000);
    assert.ok(seen.memory.size >= 2, `memory re-read at its tier (${seen.memory.size} reads in 5 s)`);
    assert.ok(seen.replication.size >= 2 * seen.memory.size, `replication ${seen.replication.size} reads, memory ${seen.memory.size}`);
    assert.ok(seen.config.size >= 2 && seen.config.size < seen.memory.size + 1, `CONFIG GET ${seen.config.size} times in 5 s`);
  });

  test('a quiet replica is sampled every poll with ROLE and reads INFO at its tier', async () => {
    const replica = await h.sandbox.client('r1');
    const calls = async () => {
      const text = String(await replica.call('INFO', 'commandstats'));
      const count = (cmd: string) => Number(new RegExp(`^cmdstat_${cmd}:calls=(\\d+)`, 'm').exec(text)?.[1] ?? 0);
      return { role: count('role'), info: count('info') };
    };
    const first = await calls();
    const seen = await watch('r1', 5000);
    const last = await calls();
    const roles = last.role - first.role;
    // Our own INFO commandstats above are two of the INFO calls.
    const infos = last.info - first.info - 1;
    assert.ok(seen.sampled.size >= 2 * seen.replication.size, `sampled ${seen.sampled.size} times, INFO read ${seen.replication.size} times`);
    assert.ok(roles >= 2 * infos, `${roles} ROLE and ${infos} INFO polls in 5 s`);
    // The offsets are this poll's: the replica's follows a write on the master before its next INFO.
    const master = await h.sandbox.client('m');
    await master.set('tiers:offset', 'x'.repeat(1000));
    const target = Number(String(await master.call('INFO', 'replication')).match(/master_repl_offset:(\d+)/)?.[1]);
    const id = h.sandbox.node('r1').id;
    for (;;) {
      await nextCycle();
      const d = h.server.monitor.nodeDetail(id);
      if (Number(d?.info.replication?.slave_repl_offset) >= target) break;
    }
  });

  test('a quiet replica turned writable by hand shows slave_read_only:0 in the first cycle that starts after', async () => {
    const id = h.sandbox.node('r1').id;
    const replica = await h.sandbox.client('r1');
    // Quiet: polled with ROLE (its INFO only every SLOW_MS).
    await nextCycle();
    await replica.call('CONFIG', 'SET', 'replica-read-only', 'no');
    const changed = Date.now();
    try {
      let report: CycleReport;
      do report = await nextCycle();
      while (report.topology.generatedAt <= changed);
      assert.equal(h.server.monitor.nodeDetail(id)?.info.replication?.slave_read_only, '0');
    } finally {
      await replica.call('CONFIG', 'SET', 'replica-read-only', 'yes');
    }
  });

  test('a quiet replica promoted by hand is a master in the first cycle that starts after', async () => {
    const id = h.sandbox.node('r2').id;
    const replica = await h.sandbox.client('r2');
    await replica.call('REPLICAOF', 'NO', 'ONE');
    const promoted = Date.now();
    let report: CycleReport;
    do report = await nextCycle();
    while (report.topology.generatedAt <= promoted);
    assert.equal(report.topology.nodes.find((n) => n.id === id)?.role, 'master');
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
