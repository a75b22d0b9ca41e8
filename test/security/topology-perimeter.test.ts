// Findings 2 and 3 of the security review, replayed against real redis-server nodes: a plan,
// network check, comparison, canary or log ingest naming an address outside the topology is
// refused BEFORE any connection (a listening socket counts accepts and bytes), so the Redis
// password never leaves for it; and a replica cannot be re-pointed at a Redis outside the
// topology (its keys survive, the foreign node never joins the tree).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { LiveRedis } from '../../server/actions/live-redis';
import { startSandbox, type Sandbox } from '../../server/sandbox';
import { startActionsHarness, untilDiscovered, type ActionsHarness } from '../actions-harness';
import { testSandboxOptions } from '../helpers/sandbox';

const PASSWORD = 'Perimeter-Secret-PW-42';
const KEYS = 3000;

/** A TCP listener that counts every connection and keeps every byte sent to it. */
async function trap(): Promise<{
  server: Server;
  port: number;
  accepts: () => number;
  bytes: () => string;
}> {
  let accepts = 0;
  let data = '';
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    accepts++;
    sockets.add(s);
    s.on('data', (d: Buffer) => (data += d.toString('latin1')));
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  server.on('close', () => sockets.forEach((s) => s.destroy()));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    accepts: () => accepts,
    bytes: () => data,
  };
}

/** A closed port: what a scanner would compare the answers against. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const fullWidth = (s: string) =>
  s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('the topology is the perimeter (findings 2 and 3)', () => {
  let a: ActionsHarness;
  let listener: Awaited<ReturnType<typeof trap>>;
  let foreign: Sandbox;

  before(async () => {
    a = await startActionsHarness({
      sandbox: { password: PASSWORD, shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
    });
    await untilDiscovered(a, 2);
    listener = await trap();
    // The attacker's Redis: a real server with its own dataset, outside the topology.
    foreign = await startSandbox(testSandboxOptions({ shape: [{ name: 'evil' }] }));
    const evil = await foreign.client('evil');
    await evil.set('attacker:key', 'planted');
    const m = await a.client('m');
    const pipe = m.pipeline();
    for (let i = 0; i < KEYS; i++) pipe.set(`user:${i}`, `v${i}`);
    await pipe.exec();
    const r1 = await a.client('r1');
    for (let i = 0; i < 100 && Number(await r1.dbsize()) < KEYS; i++)
      await new Promise((r) => setTimeout(r, 50));
  });
  after(async () => {
    listener?.server.close();
    await foreign?.stop();
    await a?.stop();
  });

  const outside = () => `127.0.0.1:${listener.port}`;

  test('a viewer cannot plan at all: 403 before any connection', async () => {
    const res = await a.api('POST', '/api/actions/plan', {
      cookie: await a.login('vic'),
      body: { action: 'replica.reconnect', target: outside(), params: {} },
    });
    assert.equal(res.status, 403);
    assert.equal(listener.accepts(), 0);
  });

  test('a target outside the topology is 404 in every spelling, and nothing is dialled', async () => {
    const cookie = await a.login('ada');
    const port = listener.port;
    const spellings = [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `${fullWidth('127.0.0.1')}:${port}`,
      `127.1:${port}`,
      `0x7f.0.0.1:${port}`,
      `2130706433:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
    ];
    for (const target of spellings) {
      const res = await a.api<{ error: { code: string; message: string } }>(
        'POST',
        '/api/actions/plan',
        {
          cookie,
          body: { action: 'replica.reconnect', target, params: {} },
        },
      );
      assert.equal(res.status, 404, `${target}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'not_found');
    }
    // Same answer for an open and a closed port: no port scanner.
    const closed = await closedPort();
    const answer = async (p: number) =>
      (
        await a.api<{ error: { message: string } }>('POST', '/api/actions/plan', {
          cookie,
          body: {
            action: 'config.apply',
            target: `127.0.0.1:${p}`,
            params: { settings: { 'repl-timeout': '60' } },
          },
        })
      ).body.error.message.replace(String(p), 'PORT');
    assert.equal(await answer(port), await answer(closed));
    assert.equal(listener.accepts(), 0, 'no connection reached the listener');
    assert.doesNotMatch(listener.bytes(), new RegExp(PASSWORD));
  });

  test('network check, compare, canary and log ingest refuse the outside address too', async () => {
    const cookie = await a.login('ada');
    const id = encodeURIComponent(outside());
    assert.equal((await a.api('POST', `/api/nodes/${id}/netcheck`, { cookie })).status, 404);
    assert.equal(
      (await a.api('POST', '/api/checks/compare', { cookie, body: { replica: outside() } })).status,
      404,
    );
    assert.equal(
      (await a.api('POST', '/api/checks/canary', { cookie, body: { master: outside() } })).status,
      404,
    );
    const ingest = await fetch(`${a.h.server.url}/api/logs/ingest?node=${id}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain', 'x-replicaops-request': '1' },
      body: '1:M 01 Jan 2026 00:00:00.000 # MASTER aborted replication',
    });
    assert.equal(ingest.status, 404);
    // A topology node still takes its lines.
    const ok = await fetch(
      `${a.h.server.url}/api/logs/ingest?node=${encodeURIComponent(a.id('m'))}`,
      {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/plain', 'x-replicaops-request': '1' },
        body: '1:M 01 Jan 2026 00:00:00.000 * Ready to accept connections',
      },
    );
    assert.equal(ok.status, 200);
    assert.equal(listener.accepts(), 0);
  });

  test('re-attaching a replica to a Redis outside the topology is refused; its keys survive', async () => {
    const evil = await foreign.client('evil');
    const connectionsBefore = Number(
      /total_connections_received:(\d+)/.exec(await evil.info('stats'))?.[1],
    );
    for (const user of ['olga', 'ada'] as const) {
      const res = await a.api<{ error: { code: string; message: string } }>(
        'POST',
        '/api/actions/plan',
        {
          cookie: await a.login(user),
          body: {
            action: 'replica.reattach',
            target: a.id('r1'),
            params: { upstream: foreign.node('evil').id },
          },
        },
      );
      assert.equal(res.status, 404, JSON.stringify(res.body));
      assert.match(res.body.error.message, /upstream .* not a node of the current topology/);
    }
    await new Promise((r) => setTimeout(r, 1000));
    const r1 = await a.client('r1');
    assert.equal(Number(await r1.dbsize()), KEYS);
    assert.equal(await r1.get('attacker:key'), null);
    assert.ok(
      !a.h.topology().nodes.some((n) => n.id === foreign.node('evil').id),
      'the foreign node never joins',
    );
    const connectionsAfter = Number(
      /total_connections_received:(\d+)/.exec(await evil.info('stats'))?.[1],
    );
    assert.equal(
      connectionsAfter,
      connectionsBefore,
      'ReplicaOps never connected to the foreign Redis',
    );
  });

  test('an upstream spelled differently resolves to the topology’s own node id', async () => {
    const [host, port] = a.id('m').split(':') as [string, string];
    const [rHost, rPort] = a.id('r1').split(':') as [string, string];
    const res = await a.api<{ params: { upstream: string }; target: string }>(
      'POST',
      '/api/actions/plan',
      {
        cookie: await a.login('ada'),
        body: {
          action: 'replica.reattach',
          target: `${fullWidth(rHost)}:${rPort}`,
          params: { upstream: `${fullWidth(host)}:${port}` },
        },
      },
    );
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.target, a.id('r1'));
    assert.equal(res.body.params.upstream, a.id('m'));
  });

  test('every plan is audited, refused ones with their code', async () => {
    const audit = await a.api<{
      entries: Array<{ kind: string; actor: string; data: { refused?: { code: string } } }>;
    }>('GET', '/api/audit?limit=200', { cookie: await a.login('ada') });
    const plans = audit.body.entries.filter((e) => e.kind === 'plan.created');
    assert.ok(plans.some((e) => e.actor === 'vic' && e.data.refused?.code === 'forbidden'));
    assert.ok(plans.filter((e) => e.data.refused?.code === 'not_found').length >= 9);
    assert.ok(plans.some((e) => !e.data.refused));
    const verify = await a.api<{ ok: boolean }>('GET', '/api/audit/verify', {
      cookie: await a.login('ada'),
    });
    assert.equal(verify.body.ok, true);
  });

  test('plan creation is rate-limited per user (429), other users unaffected', async () => {
    const bob = await a.login('bob');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++)
      statuses.push(
        (
          await a.api('POST', '/api/actions/plan', {
            cookie: bob,
            body: { action: 'replica.reconnect', target: outside(), params: {} },
          })
        ).status,
      );
    assert.ok(statuses.includes(429), statuses.join(','));
    const ada = await a.api('POST', '/api/actions/plan', {
      cookie: await a.login('ada'),
      body: { action: 'replica.reconnect', target: a.id('r1'), params: {} },
    });
    assert.equal(ada.status, 200);
    assert.equal(listener.accepts(), 0);
  });
});

describe('the action engine dials topology nodes only (defence in depth)', () => {
  test('LiveRedis refuses an address outside the perimeter before opening a socket', async () => {
    const listener = await trap();
    try {
      let credentialsAsked = 0;
      const live = new LiveRedis({
        credentialsFor: () => {
          credentialsAsked++;
          return { password: PASSWORD };
        },
        canonical: (id) => id,
        isAllowed: () => false,
        connectTimeoutMs: 500,
        commandTimeoutMs: 500,
      });
      const id = `127.0.0.1:${listener.port}`;
      const probe = await live.probe(id);
      assert.equal(probe.reachable, false);
      assert.match(probe.error?.message ?? '', /not a node of the topology/);
      await assert.rejects(live.call(id, ['PING']), /not a node of the topology/);
      live.close();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(listener.accepts(), 0);
      assert.equal(credentialsAsked, 0, 'credentials are not even looked up');
    } finally {
      listener.server.close();
    }
  });
});
