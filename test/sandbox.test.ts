// Integration: the sandbox starts, breaks and repairs real redis-server topologies.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { findRedisServer, livePids, startSandbox, type Sandbox } from '../server/sandbox';
import { acceptsConnections, infoSection, isProcessAlive } from './helpers/redis';
import { testSandboxOptions, useSandbox } from './helpers/sandbox';
import { waitUntil } from './helpers/wait-until';

async function replication(sb: Sandbox, name: string): Promise<Record<string, string>> {
  return infoSection(await sb.client(name), 'replication');
}

test('startSandbox() starts m, r1, r2 and r1a, each replica linked to its intended upstream', async (t) => {
  const sb = await useSandbox(t);
  assert.deepEqual(
    sb.nodes.map((n) => [n.name, n.upstream]),
    [
      ['m', undefined],
      ['r1', 'm'],
      ['r2', 'm'],
      ['r1a', 'r1'],
    ],
  );
  assert.equal(new Set(sb.nodes.map((n) => n.port)).size, 4);
  for (const node of sb.nodes) {
    assert.ok(node.running && node.pid, `${node.name} runs`);
    assert.ok(readFileSync(node.configFile, 'utf8').includes('repl-diskless-sync-delay 0'));
    const info = await replication(sb, node.name);
    if (node.upstream === undefined) {
      assert.equal(info.role, 'master');
      assert.equal(info.connected_slaves, '2');
      continue;
    }
    const upstream = sb.node(node.upstream);
    assert.equal(info.role, 'slave');
    assert.equal(
      `${info.master_host}:${info.master_port}`,
      upstream.id,
      `${node.name} → ${upstream.name}`,
    );
    assert.equal(info.master_link_status, 'up', `${node.name} link`);
  }
  assert.equal((await replication(sb, 'r1')).connected_slaves, '1');
  assert.ok(sb.isSandboxNode(sb.node('r2').id));
  assert.equal(sb.isSandboxNode('127.0.0.1:1'), false);
  assert.equal(sb.seeds().length, 4);
});

test('kill() makes the port refuse connections and restart() brings the node back linked', async (t) => {
  const sb = await useSandbox(t);
  const r1 = sb.node('r1');
  await sb.kill('r1');
  assert.equal(r1.running, false);
  assert.equal(r1.pid, undefined);
  assert.equal(await acceptsConnections(r1.host, r1.port), false);

  const m = await sb.client('m');
  await m.set('written-while-r1-was-down', '1');
  await sb.restart('r1');
  assert.equal(sb.node('r1').port, r1.port, 'same port after restart');
  await sb.waitForSync(10_000);
  assert.equal((await replication(sb, 'r1')).master_link_status, 'up');
  assert.equal((await replication(sb, 'r1a')).master_link_status, 'up');
  await waitUntil(
    async () => (await (await sb.client('r1a')).get('written-while-r1-was-down')) === '1',
    {
      what: 'the write to reach r1a through the restarted r1',
    },
  );
});

test('restart(m, { wipe: true }) of a master without persistence comes back empty and empties its replica', async (t) => {
  const sb = await useSandbox(t, {
    shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }],
    masterPersistence: 'none',
  });
  const m = await sb.client('m');
  await m.mset('a', '1', 'b', '2', 'c', '3');
  await waitUntil(async () => (await (await sb.client('r1')).dbsize()) === 3, {
    what: 'r1 to get 3 keys',
  });

  await sb.restart('m', { wipe: true });
  assert.equal(await (await sb.client('m')).dbsize(), 0);
  await sb.waitForSync(10_000);
  // Reference §9 (s25): the empty master full-syncs its replica, wiping it too.
  await waitUntil(async () => (await (await sb.client('r1')).dbsize()) === 0, {
    what: 'r1 to be wiped',
  });
});

test('stop() leaves no redis-server of ours alive and removes its temp dir', async (t) => {
  const sb = await startSandbox(testSandboxOptions());
  t.after(() => sb.stop());
  const pids = sb.nodes.map((n) => n.pid as number);
  assert.equal(pids.every(isProcessAlive), true);
  await sb.stop();
  assert.deepEqual(pids.filter(isProcessAlive), [], 'no sandbox PID survives stop()');
  assert.deepEqual(
    livePids().filter((p) => pids.includes(p)),
    [],
  );
  assert.equal(existsSync(sb.rootDir), false);
  assert.equal(await acceptsConnections('127.0.0.1', sb.node('m').port), false);
});

test('two sandboxes at once get different ports; a password sandbox refuses anonymous clients', async (t) => {
  const shape = [{ name: 'm' }, { name: 'r1', upstream: 'm' }];
  const [a, b] = await Promise.all([
    useSandbox(t, { shape }),
    useSandbox(t, { shape, password: 's3cret:/@' }),
  ]);
  const portsA = a.nodes.map((n) => n.port);
  assert.deepEqual(
    b.nodes.filter((n) => portsA.includes(n.port)),
    [],
  );
  assert.equal(a.isSandboxNode(b.node('m').id), false);

  assert.equal(await (await b.client('r1')).ping(), 'PONG');
  assert.ok(b.seeds()[0]?.startsWith('redis://:s3cret%3A%2F%40@127.0.0.1:'));
  const { Redis } = await import('ioredis');
  // No ready check: it would send INFO unauthenticated and close the connection first.
  const noAuth = new Redis({ port: b.node('m').port, lazyConnect: true, enableReadyCheck: false });
  noAuth.on('error', () => undefined);
  t.after(() => noAuth.disconnect());
  await noAuth.connect();
  await assert.rejects(noAuth.get('x'), /NOAUTH/);
});

test('the write load moves the replication offset over a bounded key space, and stops', async (t) => {
  const sb = await useSandbox(t, { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] });
  const offset = async () => Number((await replication(sb, 'r1')).slave_repl_offset);
  const before = await offset();
  sb.startWriteLoad(500);
  await waitUntil(async () => (await offset()) > before + 10_000, { what: 'r1 offset to advance' });
  sb.stopWriteLoad();
  const keys = await (await sb.client('m')).dbsize();
  assert.ok(keys > 0 && keys <= 1_220, `bounded key space, got ${keys}`);
});

test('findRedisServer() names the fix when the binary is missing', async () => {
  await assert.rejects(findRedisServer('/nonexistent/redis-server'), (err: Error) => {
    assert.match(err.message, /sudo apt-get install -y redis-server/);
    assert.match(err.message, /REDIS_SERVER_BIN/);
    return true;
  });
});
