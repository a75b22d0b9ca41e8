import { after, before, describe, test } from 'node:test';
import { createServer, type AddressInfo, type Server } from 'node:net';
import assert from 'node:assert/strict';
import type { Topology } from '../lib/contracts';
import { proxyAliases } from '../server/sandbox/faults';
import { startHarness, type Harness } from './helpers/server';

const node = (t: Topology, id: string) => t.nodes.find((n) => n.id === id);
const link = (t: Topology, replica: string) => t.links.find((l) => l.replica === replica);

describe('monitor against a real 4-node tree', () => {
  let h: Harness;
  let ids: Record<string, string>;

  before(async () => {
    // Seeded with the sub-replica only: discovery must walk up to the master and down again.
    h = await startHarness({ seeds: (s) => [s.seeds()[3]!] });
    ids = Object.fromEntries(h.sandbox.nodes.map((n) => [n.name, n.id]));
  });
  after(() => h?.stop());

  test('discovers every node from one seed, each under its real parent', async () => {
    const t = await h.until((t) => t.nodes.length === 4 && t.links.length === 3 && t.links.every((l) => l.linkStatus === 'up'), 'tree discovered');
    assert.equal(node(t, ids.m!)?.role, 'master');
    assert.equal(node(t, ids.m!)?.upstream, undefined);
    assert.equal(link(t, ids.r1!)?.upstream, ids.m);
    assert.equal(link(t, ids.r2!)?.upstream, ids.m);
    assert.equal(link(t, ids.r1a!)?.upstream, ids.r1);
    for (const n of t.nodes) {
      assert.equal(n.reachable, true, n.id);
      assert.equal(n.status, 'ok', `${n.id} ${n.status}`);
    }
    const res = await h.get('/api/topology');
    assert.equal(res.status, 200);
    assert.equal((res.body as Topology).nodes.length, 4);
  });

  test('re-pointing and promoting replicas become topology events with timestamps', async () => {
    const r1a = await h.sandbox.client('r1a');
    const m = h.sandbox.node('m');
    await r1a.call('REPLICAOF', m.host, String(m.port));
    let t = await h.until((t) => link(t, ids.r1a!)?.upstream === ids.m && link(t, ids.r1a!)?.linkStatus === 'up', 'r1a under m');
    const moved = h.server.monitor.recentEvents().findLast((e) => e.kind === 'upstream_changed' && e.nodeId === ids.r1a && e.to === ids.m);
    assert.equal(moved?.from, ids.r1);
    assert.equal(moved?.to, ids.m);
    assert.ok(moved!.at > 0);

    const r2 = await h.sandbox.client('r2');
    await r2.call('REPLICAOF', 'NO', 'ONE');
    t = await h.until((t) => node(t, ids.r2!)?.role === 'master', 'r2 promoted');
    assert.equal(link(t, ids.r2!), undefined, 'a master has no upstream link');
    const promoted = h.server.monitor.recentEvents().findLast((e) => e.kind === 'role_changed' && e.nodeId === ids.r2);
    assert.deepEqual([promoted?.from, promoted?.to], ['replica', 'master']);

    // Put the tree back as it was for the next tests.
    const r1 = h.sandbox.node('r1');
    await r1a.call('REPLICAOF', r1.host, String(r1.port));
    await r2.call('REPLICAOF', m.host, String(m.port));
    await h.until((t) => link(t, ids.r1a!)?.upstream === ids.r1 && t.links.length === 3 && t.links.every((l) => l.linkStatus === 'up'), 'tree restored', 20_000);
  });

  test('the offset gap grows while a replica is frozen and returns to 0 when it catches up', async () => {
    h.sandbox.pause('r2');
    try {
      h.sandbox.startWriteLoad(500);
      const t = await h.until((t) => (link(t, ids.r2!)?.offsetGapBytes ?? 0) > 1000, 'gap above 1000 B');
      assert.notEqual(link(t, ids.r2!)?.status, 'ok');
    } finally {
      h.sandbox.stopWriteLoad();
      h.sandbox.resume('r2');
    }
    await h.until((t) => link(t, ids.r2!)?.offsetGapBytes === 0 && link(t, ids.r2!)?.linkStatus === 'up', 'gap back to 0');
  });

  test('a killed replica is unreachable with its link down within 2 poll cycles, and comes back', async () => {
    const before = h.server.monitor.cycles;
    await h.sandbox.kill('r2');
    const t = await h.until((t) => node(t, ids.r2!)?.reachable === false && link(t, ids.r2!)?.linkStatus === 'down', 'r2 down');
    assert.ok(h.server.monitor.cycles - before <= 2, `took ${h.server.monitor.cycles - before} cycles`);
    assert.equal(node(t, ids.r2!)?.status, 'critical');
    // The first cycle may only know the connection closed; the reconnect attempt says why.
    await h.until((t) => node(t, ids.r2!)?.error?.code === 'refused', 'cause: refused');
    // Its master forgot it at once; the dashboard keeps it under its last parent.
    assert.equal(link(t, ids.r2!)?.upstream, ids.m);
    assert.equal(link(t, ids.r2!)?.status, 'critical');

    await h.sandbox.restart('r2');
    await h.until((t) => node(t, ids.r2!)?.reachable === true && link(t, ids.r2!)?.linkStatus === 'up', 'r2 back', 20_000);
    const events = h.server.monitor.recentEvents().filter((e) => e.nodeId === ids.r2);
    assert.ok(events.some((e) => e.kind === 'node_unreachable'));
    assert.ok(events.some((e) => e.kind === 'link_down'));
    assert.ok(events.some((e) => e.kind === 'node_reachable'));
  });

  test('a master restart shows a new run id and replication id as topology events', async () => {
    const old = node(h.topology(), ids.m!)!;
    await h.sandbox.kill('m');
    await h.sandbox.restart('m');
    await h.until((t) => {
      const m = node(t, ids.m!);
      return Boolean(m?.reachable && m.runId && m.runId !== old.runId && m.replId !== old.replId);
    }, 'master back with new ids', 20_000);
    const events = h.server.monitor.recentEvents().filter((e) => e.nodeId === ids.m);
    const runIdEvent = events.find((e) => e.kind === 'run_id_changed');
    assert.equal(runIdEvent?.from, old.runId);
    assert.ok(events.some((e) => e.kind === 'replid_changed' && e.from === old.replId));
    assert.ok(runIdEvent!.at > 0);
  });
});

describe('monitor with bad seeds', () => {
  let h: Harness;
  // A port that answers like a web server, as a mistyped seed often does.
  let web: Server;
  let webId: string;
  before(async () => {
    // It answers the first bytes of each connection and closes it; a client that writes again
    // before the close lands gets nothing more (no write after end in this process).
    web = createServer((sock) => {
      sock.on('error', () => sock.destroy());
      sock.once('data', () => sock.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    });
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', r));
    webId = `127.0.0.1:${(web.address() as AddressInfo).port}`;
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
      // A dead port, a web server, then the master by hostname: the tree must still appear, once.
      seeds: (s) => ['redis://127.0.0.1:1', `redis://${webId}`, `redis://localhost:${s.node('m').port}`],
    });
  });
  after(async () => {
    await h?.stop();
    web?.close();
  });

  test('a seed that is not a Redis server says so, not "Stream isn\'t writeable"', async () => {
    const t = await h.until((t) => Boolean(node(t, webId)?.error), 'web seed judged', 10_000);
    // Several polls: the reason must survive the reconnects that follow each protocol error.
    await new Promise((r) => setTimeout(r, 1500));
    const web = node(h.topology(), webId) ?? node(t, webId)!;
    assert.equal(web.reachable, false);
    assert.equal(web.error?.code, 'protocol', JSON.stringify(web.error));
    assert.match(web.error?.message ?? '', /does not speak the Redis protocol/);
  });

  test('an unreachable seed is shown as unreachable and nothing else breaks', async () => {
    const t = await h.until((t) => t.links.some((l) => l.linkStatus === 'up') && t.nodes.some((n) => n.id === '127.0.0.1:1' && n.error), 'topology with dead seed');
    const dead = node(t, '127.0.0.1:1')!;
    assert.equal(dead.reachable, false);
    assert.equal(dead.error?.code, 'refused');
    assert.equal((await h.get('/healthz')).status, 200);
  });

  test('one node reached by two addresses appears once, under the address the topology reports', async () => {
    const m = h.sandbox.node('m');
    const t = await h.until((t) => Boolean(node(t, m.id)?.reachable), 'master under its reported address');
    assert.equal(t.nodes.filter((n) => n.reachable).length, 2);
    assert.equal(node(t, `localhost:${m.port}`), undefined);
    const detail = await h.get(`/api/nodes/${encodeURIComponent(`localhost:${m.port}`)}`);
    assert.equal(detail.status, 200, 'the alias still resolves');
  });
});

describe('monitor with a fault proxy between replica and master', () => {
  let h: Harness;
  before(async () => {
    // What an operator behind NAT or a TCP proxy writes: the address the replica reports for its
    // master → the address the dashboard reaches it at.
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }], faultProxy: true },
      configFile: (sb) => ({ discovery: { aliases: Object.fromEntries(proxyAliases(sb)) } }),
    });
  });
  after(() => h?.stop());

  test('a replica that names the proxy as its master is drawn under its real upstream (discovery.aliases)', async () => {
    const m = h.sandbox.node('m').id;
    const r1 = h.sandbox.node('r1').id;
    const t = await h.until((t) => link(t, r1)?.linkStatus === 'up' && link(t, r1)?.upstream === m, 'r1 under m');
    assert.equal(t.nodes.length, 2, JSON.stringify(t.nodes.map((n) => n.id)));
    assert.equal(link(t, r1)?.offsetGapBytes !== null, true);
  });
});
