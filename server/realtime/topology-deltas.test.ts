// The delta feed on a real socket.io server and clients: the per-change `topology:update` is
// built only while some client takes it, and such a client still gets every change.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, Topology, TopologyDelta } from '../../lib/contracts';
import type { RealtimeServer } from './socket-gateway';
import { topologyDeltas } from './topology-deltas';

const node = (id: string, lastSeenAt: number) =>
  ({ id, host: '127.0.0.1', port: 1, role: 'master', reachable: true, status: 'ok', discoveredOnly: false, lastSeenAt }) as Topology['nodes'][number];
const topology = (at: number): Topology => ({ generatedAt: at, nodes: [node('127.0.0.1:1', at)], links: [] });
const legacyOf = (t: Topology): TopologyDelta => ({ generatedAt: t.generatedAt, nodes: t.nodes, links: [], removedNodes: [], removedLinks: [] });

test('topology:update is encoded only while a client outside the delta room is connected', async (t) => {
  const http: HttpServer = createServer();
  const io: RealtimeServer = new Server(http);
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  let current = topology(1);
  const deltas = topologyDeltas(io, () => ({ topology: current, events: [], pollIntervalMs: 1000 }));
  io.on('connection', (socket) => deltas.connect(socket, () => true));
  const clients: Array<Socket<ServerToClientEvents, ClientToServerEvents>> = [];
  t.after(async () => {
    for (const c of clients) c.close();
    await io.close();
  });
  const open = async (query: Record<string, string>) => {
    const c: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { transports: ['websocket'], query });
    clients.push(c);
    await new Promise<void>((resolve) => c.once('topology:snapshot', () => resolve()));
    return c;
  };
  let broadcasts = 0;
  const except = io.except.bind(io);
  io.except = (room) => {
    broadcasts++;
    return except(room);
  };
  const push = (at: number) => {
    current = topology(at);
    deltas.push(current, legacyOf(current));
  };

  const browser = await open({ topology: 'delta' });
  const gotDelta = new Promise<void>((resolve) => browser.once('topology:delta', () => resolve()));
  push(2);
  await gotDelta;
  assert.equal(broadcasts, 0, 'no legacy update built for delta clients only');

  const legacy = await open({});
  const gotUpdate = new Promise<TopologyDelta>((resolve) => legacy.once('topology:update', resolve));
  push(3);
  const update = await gotUpdate;
  assert.equal(update.generatedAt, 3);
  assert.equal(broadcasts, 1);
});
