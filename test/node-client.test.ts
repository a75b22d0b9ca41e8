import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { logger } from '../server/logger';
import { FULL_PLAN } from '../server/monitor/poll-tiers';
import { NodeClient } from '../server/redis/node-client';
import type { Sandbox } from '../server/sandbox';
import { startSandbox } from '../server/sandbox';
import { testSandboxOptions } from './helpers/sandbox';

/** Runs `fn` and returns the timers of `delayMs` it set and did not clear. */
async function timersLeftBy(delayMs: number, fn: () => Promise<void>): Promise<number> {
  const pending = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  globalThis.setTimeout = ((cb: () => void, ms?: number) => {
    const t = realSet(cb, ms);
    if (ms === delayMs) pending.add(t);
    return t;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((t: NodeJS.Timeout | undefined) => {
    pending.delete(t);
    realClear(t);
  }) as typeof clearTimeout;
  try {
    await fn();
  } finally {
    globalThis.setTimeout = realSet;
    globalThis.clearTimeout = realClear;
  }
  for (const t of pending) realClear(t as NodeJS.Timeout);
  return pending.size;
}

function client(host: string, port: number, credentials: { username?: string; password?: string } = {}): NodeClient {
  return new NodeClient({ host, port, credentials, connectTimeoutMs: 2000, commandTimeoutMs: 2000, maxBackoffMs: 1000, log: logger('test') });
}

describe('NodeClient.poll() against a real redis-server', () => {
  let sandbox: Sandbox;
  let c: NodeClient;

  before(async () => {
    sandbox = await startSandbox(testSandboxOptions({ shape: [{ name: 'm' }] }));
    const m = sandbox.node('m');
    c = client(m.host, m.port);
  });
  after(async () => {
    c?.close();
    await sandbox?.stop();
  });

  test('a poll that answered leaves no deadline timer behind', async () => {
    const left = await timersLeftBy(60_000, async () => {
      for (let i = 0; i < 20; i++) assert.equal((await c.poll(60_000)).ok, true);
    });
    assert.equal(left, 0, `${left} deadline timers still pending after 20 answered polls`);
  });

  test('a node outside a cluster is sent no CLUSTER command and gets no cluster reading', async () => {
    const configCalls = async () => Number(/^cmdstat_config\|get:calls=(\d+)/m.exec(String(await c.client.call('INFO', 'commandstats')))?.[1] ?? 0);
    const before = await configCalls();
    for (let i = 0; i < 3; i++) {
      const r = await c.poll(5000, { ...FULL_PLAN, withConfig: true });
      assert.ok(r.ok);
      assert.equal(r.clusterInfo, undefined);
      assert.equal(r.config?.['repl-backlog-size'] !== undefined, true, 'CONFIG GET answered');
      assert.equal(r.config?.['min-replicas-max-lag'], '10');
    }
    assert.doesNotMatch(String(await c.client.call('INFO', 'commandstats')), /cmdstat_cluster/);
    // Redis 7 answers every name in one CONFIG GET (the connection's INFO said so).
    assert.equal((await configCalls()) - before, 3);
  });

  test('a quiet node answers ROLE; a change ROLE shows is read with INFO in the same poll', async (t) => {
    const m = sandbox.node('m');
    const fresh = client(m.host, m.port);
    t.after(() => fresh.close());
    const quiet = { ...FULL_PLAN, role: { role: 'master' } as const };
    const first = await fresh.poll(5000, quiet);
    assert.ok(first.ok && first.info !== undefined, 'a new connection reads INFO before ROLE stands in');
    const second = await fresh.poll(5000, quiet);
    assert.ok(second.ok);
    assert.equal(second.role?.role, 'master');
    assert.equal(second.info, undefined);
    // Expecting a replica of some master: ROLE says master, so this poll is an INFO poll.
    const moved = await fresh.poll(5000, { ...FULL_PLAN, role: { role: 'replica', host: '127.0.0.1', port: 1 } });
    assert.ok(moved.ok && moved.role === undefined);
    assert.match(moved.info, /role:master/);
  });

  test('a node whose ACL refuses ROLE is polled with INFO, without an error', async () => {
    await c.client.call('ACL', 'SETUSER', 'watcher', 'on', '>pw', '-@all', '+info', '+ping', '+config|get', '+client|setname');
    const m = sandbox.node('m');
    const watcher = client(m.host, m.port, { username: 'watcher', password: 'pw' });
    try {
      const quiet = { ...FULL_PLAN, role: { role: 'master' } as const };
      for (let i = 0; i < 3; i++) {
        const r = await watcher.poll(5000, quiet);
        assert.ok(r.ok, JSON.stringify(r));
        assert.match(r.info ?? '', /role:master/);
      }
      const stats = String(await c.client.call('INFO', 'errorstats'));
      // ROLE was tried once (refused: NOPERM) and never sent again.
      assert.equal(Number(/errorstat_NOPERM:count=(\d+)/.exec(stats)?.[1] ?? 0), 1, stats);
    } finally {
      watcher.close();
    }
  });

  test('a caller that wants CONFIG gets it even while a plain poll is in flight', async () => {
    const [plain, withConfig] = await Promise.all([c.poll(5000, FULL_PLAN), c.poll(5000, { ...FULL_PLAN, withConfig: true })]);
    assert.equal(plain.ok, true);
    assert.ok(withConfig.ok);
    assert.equal(withConfig.config?.['repl-backlog-size'] !== undefined, true, 'CONFIG GET answered');
  });
});

describe('NodeClient.poll() against a server that accepts and never answers', () => {
  let silent: Server;
  const sockets = new Set<Socket>();
  before(async () => {
    silent = createServer((s) => void sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  });
  after(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        silent.close(() => r());
      }),
  );

  test('the poll resolves with a timeout by its deadline and never rejects', async () => {
    const c = client('127.0.0.1', (silent.address() as AddressInfo).port);
    try {
      const result = await c.poll(200);
      assert.equal(result.ok, false);
      assert.equal(result.ok ? undefined : result.error.code, 'timeout');
    } finally {
      c.close();
    }
  });
});
