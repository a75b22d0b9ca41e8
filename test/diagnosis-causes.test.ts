import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../lib/contracts';
import { startHarness, type Harness } from './helpers/server';

const open = (h: Harness) => h.server.incidents.findings('open', 1000);

describe('root causes proven by Redis log lines', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      pollMs: 250,
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }], commonConfig: { 'repl-timeout': '2' } },
    });
    await h.until((t) => t.links.length === 1 && t.links[0]!.linkStatus === 'up', 'link up');
  });
  after(() => h?.stop());

  test('requirepass on the master, then the link drops → link_down with cause auth_failed and the NOAUTH line as evidence', async () => {
    const m = await h.sandbox.client('m');
    const r1 = await h.sandbox.client('r1');
    await m.config('SET', 'requirepass', 'sekret-pw');
    try {
      await r1.call('CLIENT', 'KILL', 'TYPE', 'master');
      await h.sandbox.waitFor(() => open(h).some((f) => f.kind === 'link_down' && f.cause === 'auth_failed'), 15_000, 'link_down auth_failed');
      const f = open(h).find((x) => x.kind === 'link_down')!;
      const logs = f.evidence.filter((e) => e.type === 'log');
      assert.ok(logs.length > 0, 'log evidence attached');
      assert.ok(logs.some((e) => e.type === 'log' && /NOAUTH|AUTH/.test(e.message)), JSON.stringify(logs));
      // The incident keeps the proving lines on its timeline (the live log ring is overwritten fast).
      const detail = h.server.incidents.detail(f.incidentId!)!;
      const kept = detail.timeline.filter((t) => t.type === 'log_line');
      assert.ok(kept.some((t) => /NOAUTH|AUTH/.test(t.summary)), kept.map((t) => t.summary).join(' | '));
    } finally {
      await r1.config('SET', 'masterauth', 'sekret-pw');
    }
    await h.until((t) => t.links[0]!.linkStatus === 'up', 'link back with masterauth', 20_000);
    // Undo for the next test: no password anywhere.
    await m.config('SET', 'requirepass', '');
    await r1.config('SET', 'masterauth', '');
  });

  test('a tiny backlog and a replica held out past repl-timeout while writing → full_resync_storm caused by backlog_exhausted', async () => {
    const m = await h.sandbox.client('m');
    await m.config('SET', 'repl-backlog-size', '16384');
    const payload = 'x'.repeat(1024);
    for (let round = 0; round < 2; round++) {
      h.sandbox.pause('r1');
      // Past repl-timeout (2 s) the master drops the frozen replica; writes made after that are
      // not in flight to it, so 2 MB overflow the 16 kB backlog it would resume from.
      await h.sandbox.waitFor(async () => /connected_slaves:0/.test(await m.info('replication')), 15_000, 'master dropped the frozen replica');
      for (let i = 0; i < 2; i++) {
        const p = m.pipeline();
        for (let k = 0; k < 1000; k++) p.set(`fill:${round}:${i}:${k}`, payload);
        await p.exec();
      }
      // Redis 7 trims an oversized backlog a few blocks per cron tick: give it time to.
      await h.sandbox.waitFor(async () => Number(/repl_backlog_histlen:(\d+)/.exec(await m.info('replication'))?.[1]) < 100_000, 15_000, 'backlog trimmed');
      const fullBefore = Number(/sync_full:(\d+)/.exec(await m.info('stats'))?.[1]);
      h.sandbox.resume('r1');
      await h.sandbox.waitFor(async () => Number(/sync_full:(\d+)/.exec(await m.info('stats'))?.[1]) > fullBefore, 30_000, `full sync (round ${round})`);
      await h.until((t) => t.links[0]!.linkStatus === 'up', `r1 resynced (round ${round})`, 30_000);
    }
    // INFO names the cause first (likely); the "lack of backlog" line, once tailed, proves it.
    await h.sandbox.waitFor(() => open(h).some((f) => f.kind === 'full_resync_storm' && f.confidence === 'proven'), 20_000, 'full_resync_storm proven by the log');
    const storm = open(h).find((f) => f.kind === 'full_resync_storm') as Finding;
    assert.equal(storm.cause, 'backlog_exhausted', JSON.stringify(storm.evidence.slice(0, 6)));
    assert.ok(storm.evidence.some((e) => e.type === 'log' && /lack of backlog/.test(e.message)));
  });
});
