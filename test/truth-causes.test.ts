// Causes from INFO alone: topologies whose log files the dashboard cannot read (a remote Redis)
// still get the cause of a resync loop or a dropped link, with the fields that prove it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../lib/contracts';
import { startHarness, type Harness } from './helpers/server';

const all = (h: Harness) => h.server.incidents.findings('all', 1000);
const open = (h: Harness) => h.server.incidents.findings('open', 1000);
const stat = async (h: Harness, node: string, field: string) =>
  Number(new RegExp(`${field}:(\\d+)`).exec(await (await h.sandbox.client(node)).info('stats'))?.[1]);

describe('causes without log files', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      pollMs: 250,
      noLogs: true,
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }], commonConfig: { 'repl-timeout': '2' } },
    });
    await h.until((t) => t.links.length === 1 && t.links[0]!.linkStatus === 'up', 'link up');
  });
  after(() => h?.stop());

  test('a replica held out past a 16 KB backlog → full_resync_storm caused by backlog_exhausted, from INFO', async () => {
    const started = Date.now();
    assert.equal(h.server.logs.recentEvidence(0).length, 0, 'no log lines at all');
    const m = await h.sandbox.client('m');
    await m.config('SET', 'repl-backlog-size', '16384');
    const payload = 'x'.repeat(1024);
    for (let round = 0; round < 2; round++) {
      h.sandbox.pause('r1');
      await h.sandbox.waitFor(async () => /connected_slaves:0/.test(await m.info('replication')), 15_000, 'master dropped the frozen replica');
      for (let i = 0; i < 2; i++) {
        const p = m.pipeline();
        for (let k = 0; k < 1000; k++) p.set(`fill:${round}:${i}:${k}`, payload);
        await p.exec();
      }
      await h.sandbox.waitFor(async () => Number(/repl_backlog_histlen:(\d+)/.exec(await m.info('replication'))?.[1]) < 100_000, 15_000, 'backlog trimmed');
      const fullBefore = await stat(h, 'm', 'sync_full');
      h.sandbox.resume('r1');
      await h.sandbox.waitFor(async () => (await stat(h, 'm', 'sync_full')) > fullBefore, 30_000, `full sync (round ${round})`);
      await h.until((t) => t.links[0]!.linkStatus === 'up', `r1 resynced (round ${round})`, 30_000);
    }
    await h.sandbox.waitFor(() => open(h).some((f) => f.kind === 'full_resync_storm'), 20_000, 'full_resync_storm').catch((err: Error) => {
      // What the storm rule counted: the master's full syncs in its history and the events.
      const mId = h.sandbox.node('m').id;
      const fulls = (h.server.monitor.historyOf(mId, 'syncFullDelta', started) ?? []).reduce((n, p) => n + (p.v ?? 0), 0);
      const events = h.server.monitor.eventsSince(started).map((e) => `${e.kind}:${e.nodeId === mId ? 'm' : 'r1'}${e.to ? `→${e.to}` : ''}`);
      throw new Error(`${err.message}; master full syncs in history: ${fulls}; events: ${events.join(', ')}`);
    });
    const storm = open(h).find((f) => f.kind === 'full_resync_storm') as Finding;
    assert.equal(storm.cause, 'backlog_exhausted', JSON.stringify(storm.evidence.slice(0, 6)));
    assert.ok(storm.confidence === 'likely' || storm.confidence === 'proven');
    assert.ok(!storm.evidence.some((e) => e.type === 'log'), 'no log evidence: INFO proved it');
    assert.ok(storm.evidence.some((e) => e.type === 'delta' && e.field === 'sync_partial_err' && e.to > e.from), 'sync_partial_err delta as evidence');
    await m.config('SET', 'repl-backlog-size', '1048576');
  });

  test('a master restart with a new replication id → its replica’s link is a consequence of the master, and the resync is no storm', async () => {
    const before = Date.now();
    const mId = h.sandbox.node('m').id;
    const r1Id = h.sandbox.node('r1').id;
    const replidBefore = /master_replid:(\w+)/.exec(await (await h.sandbox.client('m')).info('replication'))?.[1];
    // The storm of the test before (if still open) is m's real history; while m is down it may
    // resolve and then reopen with that same count. The restart's own full sync must not add to it.
    const stormCount = () =>
      Math.max(0, ...open(h).filter((f) => f.kind === 'full_resync_storm' && f.nodeId === mId).map((f) => Number(/^(\d+) full resyncs/.exec(f.title.en)?.[1] ?? 0)));
    const countBefore = stormCount();
    await h.sandbox.kill('m', 'SIGTERM');
    await h.sandbox.waitFor(() => open(h).some((f) => f.kind === 'link_down' && f.nodeId === r1Id), 15_000, 'r1 link_down while m is down');
    const root = open(h).find((f) => f.kind === 'node_unreachable' && f.nodeId === mId);
    const link = open(h).find((f) => f.kind === 'link_down' && f.nodeId === r1Id);
    assert.ok(root, 'the master is the root');
    assert.equal(link?.cause, 'upstream_down');
    assert.equal(link?.confidence, 'proven', 'the dashboard’s own probe saw the master down');
    assert.equal(link?.rootFindingId, root.id);
    await h.sandbox.restart('m');
    const replidAfter = /master_replid:(\w+)/.exec(await (await h.sandbox.client('m')).info('replication'))?.[1];
    assert.notEqual(replidAfter, replidBefore, 'a restarted master has a new replication id');
    await h.sandbox.waitFor(() => h.server.monitor.eventsSince(before).some((e) => e.nodeId === mId && (e.kind === 'replid_changed' || e.kind === 'run_id_changed')), 15_000, 'new replid seen');
    await h.until((t) => t.links[0]?.linkStatus === 'up', 'r1 back on the restarted master', 30_000);
    // Long enough for hysteresis to open whatever would open.
    await new Promise((r) => setTimeout(r, 2000));
    const since = all(h).filter((f) => f.lastSeenAt >= before);
    for (const f of since.filter((x) => x.kind === 'link_down')) assert.equal(f.cause, 'upstream_down', JSON.stringify(f.evidence.slice(0, 4)));
    assert.ok(stormCount() <= countBefore, `the one full sync after a restart is expected, not (part of) a storm: ${countBefore} before, ${stormCount()} after`);
  });
});

describe('output buffer limit without log files', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      pollMs: 250,
      noLogs: true,
      sandbox: {
        shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }],
        // Redis 7 raises a replica hard limit below the backlog to the backlog size: keep both
        // small. A disk-based BGSAVE slowed per key keeps the replica's buffer filling meanwhile
        // (a diskless sync delay does not: replicas waiting for it reference no buffer yet).
        extraConfig: {
          m: { 'repl-backlog-size': '64kb', 'client-output-buffer-limit': 'replica 64kb 32kb 1', 'repl-diskless-sync': 'no', 'rdb-key-save-delay': '2000' },
        },
      },
    });
    await h.until((t) => t.links.length === 1 && t.links[0]!.linkStatus === 'up', 'link up');
  });
  after(() => h?.stop());

  // The loop is real before the finding is judged: the master counts repeated full syncs of the
  // one replica (no wall-clock guess). The cause must then come from INFO alone; a buffer peak is
  // sampled by Redis every 100 ms and may never be seen, so the write rate × snapshot time
  // against the replica limit is what proves it on every poll.
  test('a replica cut off mid-sync for its output buffer, over and over → full_resync_storm caused by output_buffer_limit', async () => {
    const m = await h.sandbox.client('m');
    const seed = m.pipeline();
    for (let k = 0; k < 1000; k++) seed.set(`seed:${k}`, 'v');
    await seed.exec();
    const payload = 'y'.repeat(512);
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const p = m.pipeline();
        for (let k = 0; k < 100; k++) p.set(`obuf:${k}`, payload);
        await p.exec().catch(() => undefined);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const stormNow = () => open(h).find((f) => f.kind === 'full_resync_storm');
    const causes: string[] = [];
    const heard = (f: Finding) => {
      if (f.kind === 'full_resync_storm') causes.push(f.cause ?? 'none');
    };
    h.server.incidents.on('finding-opened', heard);
    h.server.incidents.on('finding-updated', heard);
    let storm: Finding | undefined;
    try {
      const fullBefore = await stat(h, 'm', 'sync_full');
      // A restart without data makes the replica ask for a full copy; every copy is cut off.
      await h.sandbox.restart('r1', { wipe: true });
      await h.sandbox.waitFor(async () => (await stat(h, 'm', 'sync_full')) >= fullBefore + 3, 90_000, 'the master fully synced r1 three times');
      const seen = () => {
        storm = stormNow();
        return storm?.cause === 'output_buffer_limit';
      };
      await h.sandbox.waitFor(seen, 30_000, 'full_resync_storm with output_buffer_limit').catch((err: Error) => {
        throw new Error(`${err.message}; storm: ${JSON.stringify(storm ? { cause: storm.cause, evidence: storm.evidence.slice(0, 5) } : null)}`);
      });
    } finally {
      writing = false;
      await writer;
      h.server.incidents.off('finding-opened', heard);
      h.server.incidents.off('finding-updated', heard);
    }
    const f = storm as Finding;
    assert.equal(f.confidence, 'likely');
    assert.ok(!f.evidence.some((e) => e.type === 'log'), 'no log evidence: INFO proved it');
    assert.ok(f.evidence.some((e) => e.type === 'config' && e.name === 'client-output-buffer-limit'), 'the limit it runs into');
    const byRate = f.evidence.some((e) => e.type === 'metric' && e.metric === 'replOffsetRate') && f.evidence.some((e) => e.type === 'field' && /^rdb_(last|current)_bgsave_time_sec$/.test(e.field));
    const byPeak = f.evidence.some((e) => e.type === 'field' && e.field === 'client_recent_max_output_buffer');
    assert.ok(byRate || byPeak, 'the INFO fields that prove it: write rate × snapshot time, or a buffer peak at the limit');
    // The wipe-restart that starts the loop explains one full copy, not the loop: never read so.
    assert.ok(!causes.includes('replica_restarted'), `causes the storm carried: ${causes.join(', ')}`);
  });
});
