// The fault proxy seen from a plain TCP client and server (no Redis): partitions, latency and
// bandwidth must be measurable at the socket, where a replica would notice them.
import assert from 'node:assert/strict';
import net from 'node:net';
import { test, type TestContext } from 'node:test';
import { rootLogger } from '../server/logger';
import { FaultProxy } from '../server/sandbox/fault-proxy';
import { sleep } from '../server/sandbox';
import { waitUntil } from './helpers/wait-until';

rootLogger.level = process.env.LOG_LEVEL ?? 'warn';

/** A server that echoes (or only counts, with `sink`) what it receives. */
async function startServer(
  t: TestContext,
  sink = false,
  port = 0,
): Promise<{ port: number; received: () => number; close: () => void }> {
  let received = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      received += chunk.length;
      if (!sink) socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
  t.after(close);
  return { port: (server.address() as net.AddressInfo).port, received: () => received, close };
}

async function startProxy(
  t: TestContext,
  port: number,
  maxQueuedBytes?: number,
): Promise<FaultProxy> {
  const proxy = await FaultProxy.start({ upstream: { host: '127.0.0.1', port }, maxQueuedBytes });
  t.after(() => proxy.close());
  return proxy;
}

/** A connected client that collects everything it receives. */
function connect(
  t: TestContext,
  port: number,
): Promise<{ socket: net.Socket; data: () => string; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let data = '';
    let isClosed = false;
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('close', () => (isClosed = true));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined);
      resolve({ socket, data: () => data, closed: () => isClosed });
    });
    t.after(() => socket.destroy());
  });
}

/** Milliseconds for `message` to come back through an echo. */
async function roundTrip(
  client: { socket: net.Socket; data: () => string },
  message: string,
): Promise<number> {
  const before = client.data().length;
  const started = performance.now();
  client.socket.write(message);
  await waitUntil(() => client.data().length >= before + message.length, {
    intervalMs: 1,
    what: 'echo',
  });
  return performance.now() - started;
}

function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code));
  });
}

test('FaultProxy forwards both ways and counts bytes and connections', async (t) => {
  const echo = await startServer(t);
  const proxy = await startProxy(t, echo.port);
  const client = await connect(t, proxy.port);
  await roundTrip(client, 'hello');
  assert.equal(client.data(), 'hello');
  const stats = proxy.stats();
  assert.equal(stats.bytesUp, 5);
  assert.equal(stats.bytesDown, 5);
  assert.equal(stats.connectionsAccepted, 1);
  assert.equal(stats.connectionsOpen, 1);
});

test("partition('drop') closes open connections and refuses new ones; heal() accepts again", async (t) => {
  const echo = await startServer(t);
  const proxy = await startProxy(t, echo.port);
  const client = await connect(t, proxy.port);
  await proxy.partition('drop');
  await waitUntil(client.closed, { timeoutMs: 2_000, what: 'the open connection to close' });
  assert.equal(await connectError(proxy.port), 'ECONNREFUSED');
  assert.equal(proxy.stats().connectionsDropped, 1);

  await proxy.heal();
  const again = await connect(t, proxy.port);
  await roundTrip(again, 'back');
  assert.equal(again.data(), 'back');
});

test("partition('blackhole') keeps sockets open but moves no bytes; heal() delivers what was held, in order", async (t) => {
  const echo = await startServer(t);
  const proxy = await startProxy(t, echo.port);
  const client = await connect(t, proxy.port);
  await proxy.partition('blackhole');
  client.socket.write('one,');
  const late = await connect(t, proxy.port); // the kernel still accepts: nothing is refused
  late.socket.write('late');
  await sleep(400);
  assert.equal(client.data(), '');
  assert.equal(late.data(), '');
  assert.equal(echo.received(), 0, 'nothing reached the upstream');
  assert.equal(client.closed(), false);
  assert.equal(late.closed(), false);
  client.socket.write('two');

  await proxy.heal();
  await waitUntil(() => client.data() === 'one,two' && late.data() === 'late', {
    timeoutMs: 2_000,
    what: 'held bytes delivered after heal',
  });
});

test('latency(ms) adds one delay per direction to a round trip and keeps order', async (t) => {
  const echo = await startServer(t);
  const proxy = await startProxy(t, echo.port);
  const client = await connect(t, proxy.port);
  // The quickest of three: a stall of the test host can only make one slower.
  const quickest = async (): Promise<number> =>
    Math.min(
      await roundTrip(client, '.'),
      await roundTrip(client, '.'),
      await roundTrip(client, '.'),
    );
  const base = await quickest();
  proxy.latency(100);
  const delayed = await quickest();
  t.diagnostic(`round trip ${base.toFixed(2)} ms → ${delayed.toFixed(1)} ms with 2 × 100 ms added`);
  assert.ok(delayed >= 2 * 100 - 5, `round trip ${delayed.toFixed(1)} ms with 100 ms each way`);
  assert.ok(delayed < 1_000, `round trip ${delayed.toFixed(1)} ms is not absurdly slow`);
  assert.ok(delayed > base * 5, `delayed ${delayed.toFixed(1)} ms vs base ${base.toFixed(1)} ms`);

  const words = Array.from({ length: 50 }, (_, i) => `${i};`);
  const before = client.data();
  for (const w of words) client.socket.write(w);
  const expected = before + words.join('');
  await waitUntil(() => client.data().length === expected.length, { what: 'all echoes' });
  assert.equal(client.data(), expected, 'echoes come back in the order sent');
  proxy.latency(0);
  assert.ok((await quickest()) < delayed / 2, 'latency(0) removes the delay');
});

test('bandwidth(bytesPerSec) caps throughput near the set rate', async (t) => {
  const sink = await startServer(t, true);
  const proxy = await startProxy(t, sink.port);
  const payload = Buffer.alloc(384 * 1024, 'a');
  const timeTransfer = async (): Promise<number> => {
    const client = await connect(t, proxy.port);
    const before = sink.received();
    const started = performance.now();
    client.socket.write(payload);
    await waitUntil(() => sink.received() - before === payload.length, {
      timeoutMs: 10_000,
      intervalMs: 5,
      what: 'payload delivered',
    });
    return performance.now() - started;
  };
  const free = await timeTransfer();
  const cap = 256 * 1024;
  proxy.bandwidth(cap);
  const capped = await timeTransfer();
  const rate = payload.length / (capped / 1000);
  t.diagnostic(
    `uncapped ${free.toFixed(1)} ms; capped ${capped.toFixed(0)} ms = ${(rate / cap).toFixed(3)} × cap`,
  );
  assert.ok(rate <= cap * 1.1, `measured ${Math.round(rate)} B/s under a ${cap} B/s cap`);
  assert.ok(rate >= cap * 0.5, `measured ${Math.round(rate)} B/s uses most of a ${cap} B/s cap`);
  assert.ok(capped > free * 5, `capped ${capped.toFixed(0)} ms vs uncapped ${free.toFixed(1)} ms`);
});

test('a held or slow link stops reading its source instead of buffering without bound', async (t) => {
  const sink = await startServer(t, true);
  const maxQueued = 64 * 1024;
  const proxy = await startProxy(t, sink.port, maxQueued);
  proxy.latency(2_000);
  const client = await connect(t, proxy.port);
  const chunk = Buffer.alloc(64 * 1024, 'b');
  // 64 MB offered: far beyond what socket buffers hold, so only backpressure keeps this bounded.
  for (let i = 0; i < 1024 && client.socket.write(chunk); i++);
  await sleep(300);
  const queued = proxy.stats().queuedBytes;
  assert.ok(queued <= maxQueued + chunk.length, `queued ${queued} B with a ${maxQueued} B cap`);
  assert.ok(client.socket.writableLength > 0, 'the client feels the backpressure');
  assert.equal(sink.received(), 0);
});

test('when the upstream refuses, the proxy refuses too until the upstream is back', async (t) => {
  const echo = await startServer(t);
  const proxy = await startProxy(t, echo.port);
  echo.close();
  // The first connection is accepted by the proxy, then reset when the upstream refuses it.
  const first = await connect(t, proxy.port);
  await waitUntil(first.closed, { timeoutMs: 2_000, what: 'the first connection to be reset' });
  await waitUntil(async () => (await connectError(proxy.port)) === 'ECONNREFUSED', {
    timeoutMs: 2_000,
    what: 'the proxy to refuse like the upstream',
  });
  assert.equal(proxy.state().isUpstreamDown, true);

  await startServer(t, false, echo.port);
  await waitUntil(async () => (await connectError(proxy.port)) === undefined, {
    timeoutMs: 3_000,
    what: 'the proxy to listen again',
  });
  const client = await connect(t, proxy.port);
  await roundTrip(client, 'again');
  assert.equal(client.data(), 'again');
});
