import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { io, type Socket } from 'socket.io-client';
import type { ActionProgress, ClientToServerEvents, Health, NodeDetail, ServerToClientEvents, TopologySnapshot } from '../lib/contracts';
import { startHarness, type Harness } from './helpers/server';

describe('REST and socket.io contract', () => {
  let h: Harness;
  let replica: string;
  before(async () => {
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] } });
    replica = h.sandbox.node('r1').id;
    await h.until((t) => t.links.length === 1 && t.links[0]!.linkStatus === 'up', 'link up');
  });
  after(() => h?.stop());

  test('GET /api/nodes/:id returns every INFO section and derived metrics', async () => {
    const res = await h.get(`/api/nodes/${encodeURIComponent(replica)}`);
    assert.equal(res.status, 200);
    const d = res.body as NodeDetail;
    assert.equal(d.node.role, 'replica');
    for (const s of ['replication', 'stats', 'memory', 'persistence', 'server', 'clients', 'cpu'])
      assert.ok(d.info[s], `section ${s}`);
    assert.equal(d.info.replication?.master_link_status, 'up');
    assert.equal(d.link?.upstream, h.sandbox.node('m').id);
    assert.equal(typeof d.metrics?.usedMemoryBytes, 'number');
  });

  test('GET /api/nodes/:id/history returns points for the link metrics', async () => {
    await new Promise((r) => setTimeout(r, 700));
    const res = await h.get(`/api/nodes/${encodeURIComponent(replica)}/history?metric=offsetGapBytes&sinceMs=0`);
    assert.equal(res.status, 200);
    const points = (res.body as { points: Array<{ t: number; v: number | null }> }).points;
    assert.ok(points.length >= 2);
    assert.ok(points.every((p) => typeof p.t === 'number'));
  });

  test('bad input gets a 4xx with a code and a message, never a 500', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/nodes/not-an-id', 400, 'bad_request'],
      ['/api/nodes/10.9.9.9%3A1', 404, 'not_found'],
      ['/api/nodes/%E0%A4%A', 400, 'bad_request'],
      [`/api/nodes/${encodeURIComponent(replica)}/history?metric=nope`, 400, 'bad_request'],
      [`/api/nodes/${encodeURIComponent(replica)}/history?metric=lagSeconds&sinceMs=-5`, 400, 'bad_request'],
      ['/api/topology/events?limit=0', 400, 'bad_request'],
      ['/api/nope', 404, 'not_found'],
    ];
    for (const [path, status, code] of cases) {
      const res = await h.get(path);
      assert.equal(res.status, status, path);
      assert.equal((res.body as { error: { code: string } }).error.code, code, path);
      assert.ok((res.body as { error: { message: string } }).error.message.length > 5);
    }
    const post = await fetch(`${h.server.url}/api/topology`, { method: 'POST' });
    assert.equal(post.status, 405);
  });

  test('DELETE /api/nodes/:id refuses a node that still answers and needs the request header', async () => {
    const url = `${h.server.url}/api/nodes/${encodeURIComponent(replica)}`;
    assert.equal((await fetch(url, { method: 'DELETE' })).status, 403);
    const res = await fetch(url, { method: 'DELETE', headers: { 'x-replicaops-request': '1' } });
    assert.equal(res.status, 409);
  });

  test('socket.io: snapshot on connect, samples for a watched node, bad payloads answered not thrown', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(h.server.url, { transports: ['websocket'] });
    try {
      const snapshot = await new Promise<TopologySnapshot>((resolve) => socket.once('topology:snapshot', resolve));
      assert.equal(snapshot.topology.nodes.length, 2);
      const bad = await new Promise<{ ok: boolean }>((resolve) =>
        socket.emit('node:watch', { nodeId: 42 } as never, resolve),
      );
      assert.equal(bad.ok, false);
      const sample = new Promise<{ nodeId: string }>((resolve) => socket.once('node:sample', resolve));
      const ok = await new Promise<{ ok: boolean }>((resolve) => socket.emit('node:watch', { nodeId: replica }, resolve));
      assert.equal(ok.ok, true);
      assert.equal((await sample).nodeId, replica);
      // Garbage events and payloads must not take the server down.
      (socket as unknown as Socket).emit('node:watch', 'x'.repeat(1000));
      (socket as unknown as Socket).emit('no:such:event', { a: 1 });
      assert.equal((await h.get('/healthz')).status, 200);
    } finally {
      socket.close();
    }
  });

  test('socket.io: domain events leave under their wire names', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(h.server.url, { transports: ['websocket'] });
    try {
      await new Promise((resolve) => socket.once('topology:snapshot', resolve));
      const health: Health = { level: 'warning', openFindings: { info: 0, warning: 1, critical: 0 }, openIncidents: 1 };
      const heardHealth = new Promise<Health>((resolve) => socket.once('health:update', resolve));
      h.server.incidents.emit('health', health);
      assert.deepEqual(await heardHealth, health);
      const progress: ActionProgress = {
        runId: 'run-test',
        action: 'replica.resync',
        target: replica,
        at: 1,
        phase: 'step',
        message: { en: 'step', zh: '步骤' },
      };
      const heardProgress = new Promise<ActionProgress>((resolve) => socket.once('action:progress', resolve));
      h.server.actions.emit('progress', progress);
      assert.deepEqual(await heardProgress, progress);
    } finally {
      socket.close();
    }
  });
});
