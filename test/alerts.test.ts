// Webhook alerting against real things: a local HTTP receiver, real SQLite, the real
// IncidentService driving the dispatcher through its events.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding, Severity, Topology, WebhookDelivery } from '../lib/contracts';
import {
  verifySignature,
  WebhookDispatcher,
  type DispatcherOptions,
  type WebhookConfig,
} from '../server/alerts/webhook-dispatcher';
import { alertRoutes } from '../server/http/alerts.routes';
import { Router } from '../server/http/router';
import { IncidentService, type FindingChange } from '../server/incidents/incident-service';
import { rootLogger } from '../server/logger';
import { openDatabase, type Db } from '../server/store/database';
import { findingKey } from '../lib/diagnosis/finding-key';
import { IncidentStore } from '../server/store/incident-store';
import { waitUntil } from './helpers/wait-until';

rootLogger.level = process.env.LOG_LEVEL ?? 'error';

const EMPTY: Topology = { generatedAt: 0, nodes: [], links: [] };
const SECRET = 'receiver-shared-secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1:0; `answer(n)` gives the status of the n-th request (0-based). */
async function startReceiver(
  t: TestContext,
  answer: (n: number) => number = () => 200,
  replyBody = 'ok',
) {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer(got.length - 1), { 'content-type': 'text/plain' });
      res.end(replyBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { got, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const HOOK = { format: 'json', minSeverity: 'warning', timeoutMs: 2000, maxAttempts: 3 } as const;
function hook(name: string, url: string, over: Partial<WebhookConfig> = {}): WebhookConfig {
  return { name, url, ...HOOK, ...over };
}

function useDataDir(t: TestContext): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-alerts-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Real SQLite + IncidentService + dispatcher, all closed after the test. */
function setup(
  t: TestContext,
  webhooks: WebhookConfig[],
  opts: DispatcherOptions = {},
  dir = useDataDir(t),
) {
  const db: Db = openDatabase(dir);
  const incidents = new IncidentService(new IncidentStore(db));
  const dispatcher = new WebhookDispatcher(db, webhooks, {
    backoffMs: 20,
    maxBackoffMs: 200,
    ...opts,
  });
  dispatcher.attach(incidents);
  t.after(async () => {
    await dispatcher.stop();
    db.close();
  });
  return { db, incidents, dispatcher, dir };
}

let seq = 0;
function makeFinding(severity: Severity, over: Partial<Finding> = {}): Finding {
  const now = Date.now();
  return {
    id: `f-test-${++seq}`,
    kind: 'link_down',
    severity,
    nodeId: '127.0.0.1:7002',
    link: { upstream: '127.0.0.1:7001', replica: '127.0.0.1:7002' },
    cause: 'upstream_down',
    title: { en: 'Replication link down', zh: '复制链路断开' },
    detail: { en: 'The replica lost its upstream.', zh: '从节点与上游断开。' },
    openedAt: now,
    lastSeenAt: now,
    state: 'open',
    evidence: [],
    remedy: { text: 'Bring the master back.', textZh: '恢复主节点。' },
    ...over,
  };
}

/** Drives the real IncidentService as the diagnosis tracker would. */
function change(s: IncidentService, kind: keyof FindingChanges, f: Finding): void {
  const c: FindingChanges = { opened: [], updated: [], resolved: [] };
  const finding: Finding =
    kind === 'resolved' ? { ...f, state: 'resolved', resolvedAt: Date.now() } : f;
  c[kind].push({ finding, key: findingKey({ kind: f.kind, subject: f.link?.replica ?? f.nodeId ?? 'topology' }) });
  s.apply(c, EMPTY, Date.now());
}
type FindingChanges = Record<'opened' | 'updated' | 'resolved', FindingChange[]>;

/** Waits until `n` deliveries have finished (delivered or failed); returns them all. */
async function settled(d: WebhookDispatcher, n: number, what: string) {
  const done = () => d.deliveries(100).filter((x) => x.status !== 'pending').length >= n;
  await waitUntil(done, { what, timeoutMs: 5000 });
  return d.deliveries(100);
}

type JsonBody = { event: string; finding: Finding; previousSeverity?: string; source: string };

test('a json webhook gets opened, severity change and resolved, each signed with the secret', async (t) => {
  const rx = await startReceiver(t);
  const { incidents, dispatcher } = setup(t, [hook('ops', `${rx.url}/hook`, { secret: SECRET })]);
  const f = makeFinding('critical');
  change(incidents, 'opened', f);
  await waitUntil(() => rx.got.length === 1, { what: 'opened delivered' });
  change(incidents, 'updated', { ...f, severity: 'warning' });
  change(incidents, 'updated', { ...f, severity: 'warning', lastSeenAt: Date.now() }); // same severity: not news
  await waitUntil(() => rx.got.length === 2, { what: 'severity change delivered' });
  change(incidents, 'resolved', { ...f, severity: 'warning' });
  await waitUntil(() => rx.got.length === 3, { what: 'resolved delivered' });

  const events = rx.got.map((r) => JSON.parse(r.body) as JsonBody);
  assert.deepEqual(
    events.map((e) => e.event),
    ['finding_opened', 'finding_severity_changed', 'finding_resolved'],
  );
  assert.equal(events[0]!.source, 'replicaops');
  assert.deepEqual(events[0]!.finding.title, { en: 'Replication link down', zh: '复制链路断开' });
  assert.equal(events[1]!.previousSeverity, 'critical');
  for (const r of rx.got) {
    assert.ok(
      verifySignature(SECRET, r.body, r.headers['x-replicaops-signature']),
      'signature verifies',
    );
    assert.ok(!verifySignature('wrong-secret-xx', r.body, r.headers['x-replicaops-signature']));
    assert.match(String(r.headers['x-replicaops-timestamp']), /^\d{10}$/);
    assert.match(String(r.headers['x-replicaops-delivery']), /^\d+$/);
  }
  assert.equal(rx.got[2]!.headers['x-replicaops-event'], 'finding_resolved');
  const rows = await settled(dispatcher, 3, 'rows delivered');
  const summary = rows.map((d) => [d.status, d.attempts, d.responseStatus, typeof d.deliveredAt]);
  assert.deepEqual(summary, Array(3).fill(['delivered', 1, 200, 'number']));
  // The incident timeline says the alert went out.
  // (The service records copies: the finding it was handed stays as the tracker made it.)
  const detail = incidents.detail(incidents.findings('all', 10)[0]?.incidentId ?? '');
  assert.ok(detail?.timeline.some((e) => e.type === 'alert_sent' && e.summary.includes('ops')));
});

test('a slack webhook gets { text, blocks } in English with the severity emoji', async (t) => {
  const rx = await startReceiver(t);
  const { incidents } = setup(t, [hook('chat', rx.url, { format: 'slack' })]);
  const f = makeFinding('critical');
  change(incidents, 'opened', f);
  await waitUntil(() => rx.got.length === 1, { what: 'slack message' });
  const msg = JSON.parse(rx.got[0]!.body) as { text: string; blocks: Array<{ type: string }> };
  assert.match(msg.text, /^🔴 CRITICAL: Replication link down/);
  assert.ok(msg.blocks.length >= 3 && msg.blocks[0]!.type === 'section');
  assert.match(JSON.stringify(msg.blocks), /Bring the master back\./);
  assert.equal(rx.got[0]!.headers['x-replicaops-signature'], undefined, 'no secret, no signature');
  change(incidents, 'resolved', f);
  await waitUntil(() => rx.got.length === 2, { what: 'slack resolve' });
  assert.match((JSON.parse(rx.got[1]!.body) as { text: string }).text, /^🟢 RESOLVED/);
});

test('a receiver answering 500 twice then 200 ends delivered after 3 attempts', async (t) => {
  const rx = await startReceiver(t, (n) => (n < 2 ? 500 : 200));
  const { incidents, dispatcher } = setup(t, [hook('flaky', rx.url, { maxAttempts: 5 })]);
  change(incidents, 'opened', makeFinding('warning'));
  const [d] = await settled(dispatcher, 1, 'delivery settled');
  assert.equal(d?.status, 'delivered');
  assert.equal(d?.attempts, 3);
  assert.equal(rx.got.length, 3);
  // The same bytes every time: a receiver can dedupe on X-ReplicaOps-Delivery.
  assert.equal(new Set(rx.got.map((r) => r.body)).size, 1);
  assert.equal(new Set(rx.got.map((r) => r.headers['x-replicaops-delivery'])).size, 1);
});

test('a receiver answering 400 ends failed after 1 attempt; one that never answers 2xx stops at maxAttempts', async (t) => {
  const bad = await startReceiver(t, () => 400, 'invalid_payload');
  const down = await startReceiver(t, () => 503);
  const { incidents, dispatcher } = setup(t, [
    hook('misconfigured', bad.url),
    hook('down', down.url, { maxAttempts: 2 }),
  ]);
  change(incidents, 'opened', makeFinding('critical'));
  const rows = await settled(dispatcher, 2, 'both settled');
  const mis = rows.find((d) => d.webhook === 'misconfigured');
  assert.equal(mis?.status, 'failed');
  assert.equal(mis?.attempts, 1);
  assert.equal(mis?.responseStatus, 400);
  assert.match(mis?.lastError ?? '', /HTTP 400: invalid_payload/);
  assert.equal(bad.got.length, 1);
  const dn = rows.find((d) => d.webhook === 'down');
  assert.equal(dn?.status, 'failed');
  assert.equal(dn?.attempts, 2);
  assert.equal(down.got.length, 2);
});

test('an info finding is not sent to a webhook with minSeverity warning, nor is its resolve', async (t) => {
  const strict = await startReceiver(t);
  const chatty = await startReceiver(t);
  const { incidents, dispatcher } = setup(t, [
    hook('strict', strict.url),
    hook('chatty', chatty.url, { minSeverity: 'info' }),
  ]);
  const f = makeFinding('info', { kind: 'config_risk' });
  change(incidents, 'opened', f);
  change(incidents, 'resolved', f);
  await waitUntil(() => chatty.got.length === 2, { what: 'info webhook got open and resolve' });
  await settled(dispatcher, 2, 'chatty rows settled');
  assert.equal(strict.got.length, 0);
  assert.ok(dispatcher.deliveries(100).every((d) => d.webhook === 'chatty'));
});

test('a pending delivery survives a restart, and the resolve after it is still sent', async (t) => {
  let up = false;
  const rx = await startReceiver(t, () => (up ? 200 : 503));
  const dir = useDataDir(t);
  const f = makeFinding('critical');
  {
    const db = openDatabase(dir);
    const incidents = new IncidentService(new IncidentStore(db));
    const d1 = new WebhookDispatcher(db, [hook('ops', rx.url, { maxAttempts: 5 })], {
      backoffMs: 300,
      maxBackoffMs: 300,
    });
    d1.attach(incidents);
    change(incidents, 'opened', f);
    await waitUntil(() => rx.got.length === 1, { what: 'first attempt' });
    await d1.stop();
    db.close();
  }
  up = true;
  const { incidents, dispatcher } = setup(t, [hook('ops', rx.url, { maxAttempts: 5 })], {}, dir);
  const [d] = await settled(dispatcher, 1, 'resumed delivery');
  assert.equal(d?.status, 'delivered');
  assert.equal(d?.attempts, 2);
  change(incidents, 'resolved', f);
  await waitUntil(
    () => rx.got.some((r) => r.headers['x-replicaops-event'] === 'finding_resolved'),
    { what: 'resolve after restart' },
  );
});

test('the API lists deliveries and webhooks without the URL path, query or secret', async (t) => {
  const rx = await startReceiver(
    t,
    () => 404,
    'no hook at /services/T000/SECRETPATH?token=SECRETQUERY',
  );
  const webhookUrl = `${rx.url}/services/T000/SECRETPATH?token=SECRETQUERY`;
  const { incidents, dispatcher } = setup(t, [
    hook('team-chat', webhookUrl, { secret: 'SECRETKEY-123' }),
  ]);
  change(incidents, 'opened', makeFinding('critical'));
  await settled(dispatcher, 1, 'failed delivery');

  const router = new Router();
  alertRoutes(router, dispatcher);
  const api = createServer(
    (req, res) => void router.handle(req, res, new URL(req.url!, 'http://x')),
  );
  await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => api.close(() => r())));
  const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  const deliveries = await fetch(`${base}/api/alerts/deliveries?limit=10`);
  assert.equal(deliveries.status, 200);
  const dText = await deliveries.text();
  const list = (JSON.parse(dText) as { deliveries: WebhookDelivery[] }).deliveries;
  assert.equal(list.length, 1);
  assert.equal(list[0]?.webhook, 'team-chat');
  assert.equal(list[0]?.status, 'failed');
  const webhooks = await fetch(`${base}/api/alerts/webhooks`);
  const wText = await webhooks.text();
  assert.deepEqual(JSON.parse(wText), {
    webhooks: [
      {
        name: 'team-chat',
        format: 'json',
        minSeverity: 'warning',
        hasSecret: true,
        origin: rx.url,
        lastDelivery: {
          status: 'failed',
          at: list[0].createdAt,
          attempts: 1,
          responseStatus: 404,
          error: list[0].lastError,
        },
      },
    ],
  });
  for (const text of [dText, wText])
    for (const secret of ['SECRETPATH', 'SECRETQUERY', 'SECRETKEY'])
      assert.ok(!text.includes(secret), secret);

  for (const q of ['limit=0', 'limit=abc', 'limit=501', 'status=lost', 'nope=1']) {
    const res = await fetch(`${base}/api/alerts/deliveries?${q}`);
    assert.equal(res.status, 400, q);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'bad_request');
  }
});
