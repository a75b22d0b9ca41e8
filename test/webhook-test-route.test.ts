// "Send test" on the alerts page: POST /api/alerts/webhooks/:name/test against a real local
// receiver, real SQLite and the real router with its role check.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebhookListResponseSchema, WebhookTestResponseSchema } from '../lib/contracts';
import { verifySignature, WebhookDispatcher, type WebhookConfig } from '../server/alerts/webhook-dispatcher';
import type { Identity } from '../server/auth/identity';
import { alertRoutes } from '../server/http/alerts.routes';
import { Router } from '../server/http/router';
import { rootLogger } from '../server/logger';
import { openDatabase } from '../server/store/database';

rootLogger.level = process.env.LOG_LEVEL ?? 'error';

async function listen(t: TestContext, handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function api(t: TestContext, hooks: WebhookConfig[], role: Identity['role']) {
  const dir = mkdtempSync(path.join(tmpdir(), 'replicaops-webhook-test-'));
  const db = openDatabase(dir);
  const dispatcher = new WebhookDispatcher(db, hooks);
  t.after(async () => {
    await dispatcher.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const router = new Router(() => ({ username: 'u', role, via: 'session' }));
  alertRoutes(router, dispatcher);
  const base = await listen(t, (req, res) => void router.handle(req, res, new URL(req.url!, 'http://x')));
  const post = (name: string) =>
    fetch(`${base}/api/alerts/webhooks/${encodeURIComponent(name)}/test`, { method: 'POST', headers: { 'x-replicaops-request': '1' } });
  return { base, post };
}

const hook = (url: string, over: Partial<WebhookConfig> = {}): WebhookConfig => ({
  name: 'team-chat',
  url,
  format: 'json',
  minSeverity: 'warning',
  timeoutMs: 2000,
  maxAttempts: 3,
  ...over,
});

test('an operator sends a signed test message; the webhook list then shows the result, origin only', async (t) => {
  const got: Array<{ body: string; signature: string | undefined; event: string | undefined }> = [];
  const receiver = await listen(t, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString(), signature: req.headers['x-replicaops-signature'] as string | undefined, event: req.headers['x-replicaops-event'] as string | undefined });
      res.end('ok');
    });
  });
  const { base, post } = await api(t, [hook(`${receiver}/hooks/SECRETPATH?token=SECRETQUERY`, { secret: 'SECRETKEY' })], 'operator');
  const res = await post('team-chat');
  assert.equal(res.status, 200);
  const answer = WebhookTestResponseSchema.parse(await res.json());
  assert.equal(answer.result.ok, true);
  assert.equal(answer.result.responseStatus, 200);
  assert.equal(got.length, 1);
  assert.equal(got[0]!.event, 'test');
  assert.match(got[0]!.body, /test message/);
  assert.ok(verifySignature('SECRETKEY', got[0]!.body, got[0]!.signature ?? ''), 'signed like a real alert');

  const text = await (await fetch(`${base}/api/alerts/webhooks`)).text();
  const list = WebhookListResponseSchema.parse(JSON.parse(text));
  assert.equal(list.webhooks[0]?.origin, receiver);
  assert.equal(list.webhooks[0]?.lastTest?.ok, true);
  for (const secret of ['SECRETPATH', 'SECRETQUERY', 'SECRETKEY']) assert.ok(!text.includes(secret), secret);
});

test('a failing receiver is reported with its status, without the webhook path; viewers may not send', async (t) => {
  const receiver = await listen(t, (_req, res) => {
    res.writeHead(404);
    res.end('no hook at /hooks/SECRETPATH');
  });
  const operator = await api(t, [hook(`${receiver}/hooks/SECRETPATH`)], 'operator');
  const failed = WebhookTestResponseSchema.parse(await (await operator.post('team-chat')).json());
  assert.equal(failed.result.ok, false);
  assert.equal(failed.result.responseStatus, 404);
  assert.ok(!(failed.result.error ?? '').includes('SECRETPATH'), failed.result.error);

  const unknown = await operator.post('nope');
  assert.equal(unknown.status, 404);
  assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');

  const viewer = await api(t, [hook(`${receiver}/hooks/SECRETPATH`)], 'viewer');
  const refused = await viewer.post('team-chat');
  assert.equal(refused.status, 403);
});

test('an unreachable webhook fails with the connection error, not a 500', async (t) => {
  // A port that was free a moment ago: nothing listens there.
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  const { post } = await api(t, [hook(`http://127.0.0.1:${port}/hook`)], 'admin');
  const res = await post('team-chat');
  assert.equal(res.status, 200);
  const body = WebhookTestResponseSchema.parse(await res.json());
  assert.equal(body.result.ok, false);
  assert.match(body.result.error ?? '', /ECONNREFUSED/);
});
