// Heartbeat delay against a real tree: small while replicas keep up, growing second by second
// while one is frozen, back to small after it resumes; the key carries a TTL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HeartbeatSample, Topology } from '../lib/contracts';
import { HeartbeatService } from '../server/heartbeat/heartbeat-service';
import type { Sandbox } from '../server/sandbox';
import { useSandbox } from './helpers/sandbox';

function topologyOf(s: Sandbox): Topology {
  const nodes = s.nodes.map((n) => ({ id: n.id, host: n.host, port: n.port, role: n.upstream ? ('replica' as const) : ('master' as const), reachable: true, status: 'ok' as const }));
  const links = s.nodes.filter((n) => n.upstream).map((n) => ({ upstream: s.node(n.upstream as string).id, replica: n.id, linkStatus: 'up' as const, offsetGapBytes: 0, lagSeconds: 0, status: 'ok' as const }));
  return { generatedAt: Date.now(), nodes, links };
}

test('heartbeat: a paused replica shows its delay growing, and it recovers after resume', async (t) => {
  const s = await useSandbox(t, { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r1a', upstream: 'r1' }, { name: 'r2', upstream: 'm' }] });
  const topology = topologyOf(s);
  const hb = new HeartbeatService({ snapshot: () => ({ topology }) }, { credentialsFor: () => ({}) }, { key: 'replicaops:heartbeat', intervalMs: 100, ttlSeconds: 60, readIntervalMs: 200, commandTimeoutMs: 1000 });
  const cycles: HeartbeatSample[][] = [];
  hb.on('samples', (samples) => cycles.push(samples));
  hb.start();
  t.after(() => hb.stop());
  const id = (name: string) => s.node(name).id;
  const delay = (c: HeartbeatSample[] | undefined, name: string) => c?.find((x) => x.nodeId === id(name));
  const waitCycles = async (n: number) => {
    const target = cycles.length + n;
    while (cycles.length < target) await new Promise((r) => setTimeout(r, 20));
    return cycles[cycles.length - 1];
  };

  // Healthy: every replica, chained ones too, within one write interval plus a little. (A fresh
  // sandbox's replicas may still be finishing their first sync: wait until all show a value.)
  let last = await waitCycles(1);
  for (let i = 0; i < 50 && !last?.every((x) => x.delayMs !== null); i++) last = await waitCycles(1);
  last = await waitCycles(3);
  for (const name of ['r1', 'r1a', 'r2']) {
    const d = delay(last, name);
    assert.equal(d?.answered, true, name);
    assert.ok(d.delayMs !== null && d.delayMs < 400, `${name} delay ${d.delayMs}`);
  }
  const m = await s.client('m');
  const pttl = await m.pttl('replicaops:heartbeat');
  assert.ok(pttl > 50_000 && pttl <= 60_000, `TTL ${pttl}`);

  // Frozen r2: its delay grows cycle after cycle while the others stay small.
  s.pause('r2');
  const frozen: number[] = [];
  for (let i = 0; i < 8; i++) {
    last = await waitCycles(1);
    const d = delay(last, 'r2');
    assert.equal(d?.answered, false);
    frozen.push(d.delayMs as number);
  }
  t.diagnostic(`r2 delay while frozen (ms): ${frozen.join(', ')}`);
  for (let i = 1; i < frozen.length; i++) assert.ok((frozen[i] as number) > (frozen[i - 1] as number), `delay grows: ${frozen.join(', ')}`);
  assert.ok((frozen.at(-1) as number) > 1000, 'more than a second after several cycles');
  assert.ok((delay(last, 'r1')?.delayMs ?? Infinity) < 400, 'the other replicas are unaffected');

  // Resumed: it answers again and its delay falls back to the healthy range.
  s.resume('r2');
  for (let i = 0; i < 50; i++) {
    last = await waitCycles(1);
    const d = delay(last, 'r2');
    if (d?.answered && (d.delayMs ?? Infinity) < 400) break;
  }
  const back = delay(last, 'r2');
  assert.equal(back?.answered, true);
  assert.ok((back.delayMs ?? Infinity) < 400, `recovered delay ${back.delayMs}`);
  assert.deepEqual(hb.samples().map((x) => x.nodeId).sort(), [id('r1'), id('r1a'), id('r2')].sort());
});
