// Heartbeat delay against a real tree: the time from writing a value on the master to seeing it
// on each replica, chained ones too — single-digit milliseconds on loopback; "> window" (not a
// growing number) while one is frozen; measured again after it resumes. The key carries a TTL.
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

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? Infinity;

test('heartbeat: real delay in ms on a healthy tree (p95 < 20 ms over 30 s), "> window" for a frozen replica', async (t) => {
  const s = await useSandbox(t, { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r1a', upstream: 'r1' }, { name: 'r2', upstream: 'm' }] });
  const topology = topologyOf(s);
  const hb = new HeartbeatService({ snapshot: () => ({ topology }) }, { credentialsFor: () => ({}) }, { key: 'replicaops:heartbeat', intervalMs: 250, ttlSeconds: 60, readIntervalMs: 250, commandTimeoutMs: 1000 });
  const cycles: HeartbeatSample[][] = [];
  hb.on('samples', (samples) => cycles.push(samples));
  hb.start();
  t.after(() => hb.stop());
  const id = (name: string) => s.node(name).id;
  const of = (c: HeartbeatSample[] | undefined, name: string) => c?.find((x) => x.nodeId === id(name));
  const waitCycles = async (n: number) => {
    const target = cycles.length + n;
    while (cycles.length < target) await new Promise((r) => setTimeout(r, 20));
    return cycles[cycles.length - 1];
  };

  // Healthy: every replica, chained ones too, shows each value within a few ms.
  let last = await waitCycles(1);
  for (let i = 0; i < 50 && !last?.every((x) => x.delayMs !== null); i++) last = await waitCycles(1);
  const from = cycles.length;
  const until = Date.now() + 30_000;
  while (Date.now() < until) await waitCycles(1);
  const measured = cycles.slice(from).flat();
  const delays = measured.map((x) => x.delayMs);
  const missed = delays.filter((d) => d === null).length;
  const values = delays.filter((d): d is number => d !== null);
  t.diagnostic(`${values.length} delays; p50 ${[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]} ms, p95 ${p95(values)} ms, max ${Math.max(...values)} ms, missed ${missed}`);
  assert.equal(missed, 0, 'every heartbeat seen on every healthy replica');
  assert.ok(values.length >= 3 * 60, `${values.length} samples`);
  assert.ok(p95(values) < 20, `p95 ${p95(values)} ms`);
  for (const name of ['r1', 'r1a', 'r2']) assert.ok(measured.some((x) => x.nodeId === id(name)), name);
  const m = await s.client('m');
  const pttl = await m.pttl('replicaops:heartbeat');
  assert.ok(pttl > 50_000 && pttl <= 60_000, `TTL ${pttl}`);

  // Frozen r2: "> window", never a number, while the others keep being measured.
  s.pause('r2');
  for (let i = 0; i < 5; i++) {
    last = await waitCycles(1);
    const d = of(last, 'r2');
    assert.equal(d?.delayMs, null);
    assert.equal(d?.overWindow, true);
    assert.equal(d?.windowMs, hb.windowMs);
    assert.ok(typeof of(last, 'r1')?.delayMs === 'number', 'the other replicas are unaffected');
  }

  // Resumed: it shows the values again, measured.
  s.resume('r2');
  for (let i = 0; i < 50; i++) {
    last = await waitCycles(1);
    if (typeof of(last, 'r2')?.delayMs === 'number') break;
  }
  const back = of(last, 'r2');
  assert.equal(back?.answered, true);
  assert.equal(typeof back?.delayMs, 'number');
  assert.deepEqual(hb.samples().map((x) => x.nodeId).sort(), [id('r1'), id('r1a'), id('r2')].sort());
});
