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

function client(host: string, port: number): NodeClient {
  return new NodeClient({ host, port, credentials: {}, connectTimeoutMs: 2000, commandTimeoutMs: 2000, maxBackoffMs: 1000, log: logger('test') });
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
    for (let i = 0; i < 3; i++) {
      const r = await c.poll(5000, { ...FULL_PLAN, withConfig: true });
      assert.ok(r.ok);
      assert.equal(r.clusterInfo, undefined);
      assert.equal(r.config?.['repl-backlog-size'] !== undefined, true, 'CONFIG GET answered');
    }
    assert.doesNotMatch(String(await c.client.call('INFO', 'commandstats')), /cmdstat_cluster/);
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
