// Integration: POST /api/logs/ingest over real HTTP (NDJSON, text, JSON arrays as log shippers
// send them), its limits and errors, and the query APIs that read what was ingested.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import type { LogEntry, LogRawLine } from '../lib/contracts';
import { logRoutes, type LogRoutesOptions } from '../server/http/logs.routes';
import { sendError } from '../server/http/respond';
import { Router, type Identify } from '../server/http/router';
import { rootLogger } from '../server/logger';
import { LogService } from '../server/logs/log-service';

rootLogger.level = process.env.LOG_LEVEL ?? 'warn';
const MASTER = '127.0.0.1:7001';
const REPLICA = '127.0.0.1:7002';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A Redis 7 log line stamped in this host's local time (the ingest default clock). */
function redisLine(at: number, role: 'M' | 'S', level: string, message: string): string {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const ts = `${p(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
  return `4242:${role} ${ts} ${level} ${message}`;
}

async function serve(t: TestContext, opts: LogRoutesOptions = {}, identify?: Identify) {
  const logs = new LogService();
  const router = new Router(identify);
  logRoutes(router, logs, opts);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void router.handle(req, res, url).then((handled) => {
      if (!handled) sendError(res, 'not_found', 'no route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  t.after(() => logs.stop());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (path: string, body: string, type: string, headers: Record<string, string> = {}) => {
    const res = await fetch(base + path, {
      method: 'POST',
      body,
      // With auth off the router wants the CSRF header on every mutation; shippers set it too.
      headers: { 'content-type': type, 'x-replicaops-request': '1', ...headers },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
  };
  const get = async <T>(path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: (await res.json()) as T };
  };
  return { logs, post, get, base };
}

const errorCode = (body: Record<string, unknown>) => (body.error as { code: string; message: string }).code;
const errorMessage = (body: Record<string, unknown>) => (body.error as { code: string; message: string }).message;

test('POST /api/logs/ingest accepts raw NDJSON/text lines for ?node= and JSON records per line', async (t) => {
  const { post, get } = await serve(t);
  const now = Date.now();
  const text = [
    redisLine(now - 2000, 'M', '*', 'Replica 127.0.0.1:7002 asks for synchronization'),
    redisLine(now - 1900, 'M', '*', 'Partial resynchronization request from 127.0.0.1:7002 accepted. Sending 0 bytes of backlog starting from offset 51.'),
    '',
  ].join('\n');
  const raw = await post(`/api/logs/ingest?node=${MASTER}`, text, 'text/plain');
  assert.equal(raw.status, 200);
  assert.deepEqual(raw.body, { accepted: 2, rejected: 0 });

  const ndjson = [
    JSON.stringify({ node: REPLICA, line: redisLine(now - 1000, 'S', '*', 'Connection with master lost.') }),
    JSON.stringify({ host: '127.0.0.1', port: 7002, message: redisLine(now - 900, 'S', '*', 'Successful partial resynchronization with master.') }),
  ].join('\n');
  const nd = await post('/api/logs/ingest', ndjson, 'application/x-ndjson');
  assert.deepEqual(nd.body, { accepted: 2, rejected: 0 });

  const res = await get<{ lines: LogEntry[] }>(`/api/logs?node=${MASTER}`);
  assert.equal(res.status, 200);
  assert.equal(res.body.lines.length, 2);
  const accepted = res.body.lines[0]!;
  assert.equal(accepted.category, 'partial_resync_ok');
  assert.equal(accepted.verdict, 'normal');
  assert.equal(accepted.peerNodeId, REPLICA);
  assert.equal(accepted.role, 'master');
  assert.equal(accepted.count, 1);
  assert.ok(Math.abs(accepted.time - (now - 1900)) < 1000, 'the timestamp is read in local time');
});

test('POST /api/logs/ingest accepts a JSON array as Fluent Bit and Vector send it', async (t) => {
  const { post, get } = await serve(t);
  const now = Date.now();
  const body = JSON.stringify([
    { date: now / 1000, log: `${redisLine(now, 'S', '#', 'MASTER aborted replication with an error: NOAUTH Authentication required.')}\n`, host: '127.0.0.1', port: '7002' },
    { message: redisLine(now, 'S', '*', 'Reconnecting to MASTER 127.0.0.1:7001 after failure'), host: 'redis-box-2' },
    { node: REPLICA, line: redisLine(now, 'S', '*', 'MASTER <-> REPLICA sync started') },
    { node: 'not-a-node', line: 'x' },
    42,
  ]);
  const res = await post(`/api/logs/ingest?node=${REPLICA}`, body, 'application/json');
  assert.equal(res.status, 200);
  assert.equal(res.body.accepted, 3);
  assert.equal(res.body.rejected, 2);
  assert.match(String((res.body.errors as string[])[0]), /record 4: node "not-a-node" is not host:port/);

  const abnormal = await get<{ lines: LogEntry[] }>(`/api/logs?node=${REPLICA}&verdict=abnormal`);
  assert.deepEqual(abnormal.body.lines.map((l) => l.category).sort(), ['auth_config_error', 'link_lost']);
  assert.equal(abnormal.body.lines.find((l) => l.category === 'auth_config_error')?.causeHint, 'auth_failed');
});

test('ingest refuses an oversized body with 413 and garbage with a 400 that says what is wrong', async (t) => {
  const { post, base } = await serve(t);
  const line = redisLine(Date.now(), 'M', '*', 'x'.repeat(90));
  const big = Array.from({ length: Math.ceil((1.2 * 1024 * 1024) / line.length) }, () => line).join('\n');
  const tooBig = await post(`/api/logs/ingest?node=${MASTER}`, big, 'text/plain');
  assert.equal(tooBig.status, 413);
  assert.equal(errorCode(tooBig.body), 'payload_too_large');
  // Chunked, without Content-Length: counted while it arrives.
  const chunked = await fetch(`${base}/api/logs/ingest?node=${MASTER}`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', 'x-replicaops-request': '1' },
    body: new Blob([big]).stream(),
    duplex: 'half',
  } as RequestInit);
  assert.equal(chunked.status, 413);

  const cases: Array<[string, string, string, RegExp]> = [
    ['/api/logs/ingest', '{"node": "127.0.0.1:7001", "line": ', 'application/json', /not valid JSON/],
    ['/api/logs/ingest?node=localhost', 'a line', 'text/plain', /query\.node: expected host:port/],
    ['/api/logs/ingest', 'a raw line without a node', 'text/plain', /needs \?node=host:port/],
    [`/api/logs/ingest?node=${MASTER}`, '\n\n', 'text/plain', /no log lines/],
    ['/api/logs/ingest', '[1, 2]', 'application/json', /expected an object/],
    ['/api/logs/ingest', '[{"node":"127.0.0.1:7001"}]', 'application/json', /no text field/],
    [`/api/logs/ingest?node=${MASTER}`, '<xml/>', 'application/xml', /unsupported Content-Type/],
  ];
  for (const [path, body, type, message] of cases) {
    const res = await post(path, body, type);
    assert.equal(res.status, 400, `${type} ${body}`);
    assert.equal(errorCode(res.body), 'bad_request');
    assert.match(errorMessage(res.body), message);
  }
});

test('ingest answers 429 with Retry-After past the per-sender rate', async (t) => {
  const { post } = await serve(t, { rateLinesPerSec: 5, burstLines: 20 });
  const lines = (n: number) => Array.from({ length: n }, (_, i) => redisLine(Date.now(), 'M', '*', `line ${i}`)).join('\n');
  assert.equal((await post(`/api/logs/ingest?node=${MASTER}`, lines(15), 'text/plain')).status, 200);
  const limited = await post(`/api/logs/ingest?node=${MASTER}`, lines(15), 'text/plain');
  assert.equal(limited.status, 429);
  assert.equal(errorCode(limited.body), 'rate_limited');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
});

test('ingest needs the operator role; a shipper token needs no CSRF header, a cookie-less form post is refused', async (t) => {
  const identify: Identify = (req) => {
    const token = String(req.headers.authorization ?? '');
    if (token === 'Bearer shipper') return { username: 'token:shipper', role: 'operator', via: 'token' };
    if (token === 'Bearer reader') return { username: 'token:reader', role: 'viewer', via: 'token' };
    return null;
  };
  const { post } = await serve(t, {}, identify);
  const line = redisLine(Date.now(), 'M', '*', 'Ready to accept connections tcp');
  const noCsrf = { 'x-replicaops-request': '' };
  assert.equal((await post(`/api/logs/ingest?node=${MASTER}`, line, 'text/plain', { authorization: 'Bearer shipper', ...noCsrf })).status, 200);
  assert.equal((await post(`/api/logs/ingest?node=${MASTER}`, line, 'text/plain', { authorization: 'Bearer reader' })).status, 403);
  assert.equal((await post(`/api/logs/ingest?node=${MASTER}`, line, 'text/plain', noCsrf)).status, 401);
});

test('with auth off a post without X-ReplicaOps-Request (a cross-site form) is refused', async (t) => {
  const { post } = await serve(t);
  const res = await post(`/api/logs/ingest?node=${MASTER}`, 'x', 'text/plain', { 'x-replicaops-request': '' });
  assert.equal(res.status, 403);
});

test('GET /api/logs filters by node, verdict and text; a storm is one row with its count', async (t) => {
  const { post, get, logs } = await serve(t);
  const now = Date.now();
  const storm = Array.from({ length: 500 }, (_, i) => [
    redisLine(now - 5000 + i, 'S', '#', 'MASTER aborted replication with an error: NOAUTH Authentication required.'),
    redisLine(now - 5000 + i, 'S', '*', 'Reconnecting to MASTER 127.0.0.1:7001 after failure'),
  ]).flat();
  await post(`/api/logs/ingest?node=${REPLICA}`, storm.join('\n'), 'application/x-ndjson');
  await post(`/api/logs/ingest?node=${MASTER}`, redisLine(now - 3000, 'M', '*', 'Ready to accept connections tcp'), 'text/plain');

  const all = await get<{ lines: LogEntry[] }>('/api/logs');
  assert.equal(all.body.lines.length, 3);
  const byNode = await get<{ lines: LogEntry[] }>(`/api/logs?node=${REPLICA}`);
  assert.equal(byNode.body.lines.length, 2);
  assert.deepEqual(byNode.body.lines.map((l) => l.count), [500, 500]);
  const noauth = await get<{ lines: LogEntry[] }>('/api/logs?q=noauth&verdict=abnormal');
  assert.equal(noauth.body.lines.length, 1);
  assert.equal(noauth.body.lines[0]!.firstAt, noauth.body.lines[0]!.time);
  assert.ok(noauth.body.lines[0]!.lastAt - noauth.body.lines[0]!.firstAt >= 400);
  assert.equal((await get<{ lines: LogEntry[] }>(`/api/logs?verdict=normal&node=${REPLICA}`)).body.lines.length, 0);
  assert.equal((await get<{ lines: LogEntry[] }>(`/api/logs?until=${now - 6000}`)).body.lines.length, 0);
  assert.equal((await get<{ lines: LogEntry[] }>('/api/logs?limit=1')).body.lines.length, 1);
  assert.equal((await get<{ error: unknown }>('/api/logs?verdict=bad')).status, 400);

  const evidence = logs.recentEvidence(now - 60_000);
  const auth = evidence.find((e) => e.causeHint === 'auth_failed');
  assert.equal(auth?.nodeId, REPLICA);
  assert.equal(auth?.count, 500);
  assert.ok(evidence.every((e) => e.verdict !== 'normal'));
});

test('GET /api/logs/around returns the raw lines of the given nodes within ±windowMs', async (t) => {
  const { post, get } = await serve(t);
  const t0 = Date.now() - 10_000;
  await post(`/api/logs/ingest?node=${MASTER}`, [-5000, -500, 0, 400].map((d) => redisLine(t0 + d, 'M', '*', `m at ${d}`)).join('\n'), 'text/plain');
  await post(`/api/logs/ingest?node=${REPLICA}`, redisLine(t0 + 200, 'S', '*', 'Connection with master lost.'), 'text/plain');
  await post('/api/logs/ingest?node=127.0.0.1:7003', redisLine(t0, 'S', '*', 'other node'), 'text/plain');

  const res = await get<{ lines: LogRawLine[] }>(`/api/logs/around?nodes=${MASTER},${REPLICA}&t=${t0}&windowMs=1000`);
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.lines.map((l) => l.message), ['m at -500', 'm at 0', 'Connection with master lost.', 'm at 400']);
  assert.equal(res.body.lines[2]!.verdict, 'abnormal');
  assert.match(res.body.lines[2]!.raw, /^4242:S /);
  assert.equal((await get<unknown>(`/api/logs/around?nodes=bad&t=${t0}`)).status, 400);
});

test('a log written 3 days ago, posted today, keeps every line: listed, searchable, in the around view, and counted outside a recent window', async (t) => {
  const { post, get } = await serve(t);
  const written = Date.now() - 3 * 24 * 3600_000;
  const lines = [
    redisLine(written, 'S', '*', 'Connecting to MASTER 127.0.0.1:7001'),
    redisLine(written + 100, 'S', '#', 'Error condition on socket for SYNC: Connection refused'),
    ...Array.from({ length: 200 }, (_, i) => redisLine(written + 1000 + i * 10, 'S', '*', 'Reconnecting to MASTER 127.0.0.1:7001 after failure')),
    redisLine(written + 5000, 'S', '*', 'MASTER <-> REPLICA sync: Finished with success'),
  ];
  const ingest = await post(`/api/logs/ingest?node=${REPLICA}`, lines.join('\n'), 'text/plain');
  assert.equal(ingest.body.accepted, lines.length);

  const all = await get<{ lines: LogEntry[] }>(`/api/logs?node=${REPLICA}`);
  assert.equal(all.body.lines.reduce((n, r) => n + r.count, 0), lines.length, 'every line of the old log is kept');
  const first = all.body.lines.find((r) => r.message.startsWith('Connecting to MASTER'));
  assert.equal(first?.time, written, 'a line keeps the time written inside it');
  assert.ok(first.receivedAt! - first.time > 2.9 * 24 * 3600_000, 'and says when it arrived');

  const around = await get<{ lines: LogRawLine[] }>(`/api/logs/around?nodes=${REPLICA}&t=${written}&windowMs=1000`);
  assert.equal(around.body.lines.length, 2 + 1, 'the around view of the old incident finds its lines');

  const recent = await get<{ lines: LogEntry[]; outsideWindow?: { rows: number; lines: number } }>(
    `/api/logs?node=${REPLICA}&since=${Date.now() - 3600_000}`,
  );
  assert.equal(recent.body.lines.length, 0);
  assert.deepEqual(recent.body.outsideWindow, { rows: 4, lines: lines.length }, 'the window says what it left out');
  const unfiltered = await get<{ outsideWindow?: unknown }>(`/api/logs?node=${REPLICA}`);
  assert.equal(unfiltered.body.outsideWindow, undefined);
});
