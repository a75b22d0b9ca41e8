// The UI checks socket payloads against lib/contracts before using them: through a real
// socket.io server and client, a payload of another shape never reaches the handler.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import type { CheckRun } from '../lib/contracts';
import { droppedPayloads, onParsed, type ReplicaOpsSocket } from '../components/hooks/socket-client';

const run: CheckRun = {
  id: 'chk-1',
  kind: 'canary',
  state: 'done',
  startedAt: 1,
  finishedAt: 2,
  progress: { done: 1, total: 1, rate: 0, etaMs: 0 },
  params: { masters: ['127.0.0.1:7001'], timeoutMs: 5000 },
  report: { masters: ['127.0.0.1:7001'], key: 'replicaops:canary:x', timeoutMs: 5000, replicas: [], failed: 0 },
};

test('onParsed hands a well-formed socket payload over and drops one of another shape', async (t) => {
  const http = createServer();
  const server = new Server(http);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => void server.close(() => r())));
  const client: ReplicaOpsSocket = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  t.after(() => client.close());

  const seen: string[] = [];
  const off = onParsed(client, 'check:done', (r) => seen.push(`${r.id} ${r.state}`));
  await new Promise<void>((r) => client.once('connect', () => r()));
  const [peer] = await server.fetchSockets();
  assert.ok(peer);
  peer.emit('check:done', { ...run, state: 'finished' }); // not a check state
  peer.emit('check:done', { id: 'chk-2' });
  peer.emit('check:done', run);
  // Events arrive in order: once the good one is in, the two bad ones were already dropped.
  for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  assert.deepEqual(seen, ['chk-1 done']);
  assert.equal(droppedPayloads.get('check:done'), 2);

  off();
  // A marker event after the one emitted while unsubscribed: when it arrives, so did that one.
  const marker = new Promise<void>((r) => client.once('check:progress', () => r()));
  peer.emit('check:done', run);
  peer.emit('check:progress', { id: 'chk-1', kind: 'canary', state: 'done', progress: run.progress });
  await marker;
  assert.deepEqual(seen, ['chk-1 done'], 'no delivery after unsubscribing');
});
