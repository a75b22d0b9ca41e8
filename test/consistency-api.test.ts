// REST for checks against a real monitor and sandbox: validation (400/403/404/409), a compare
// run from start to export, and canaries through a healthy tree and past a broken link.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { canaryCandidates, inconsistencyCandidate } from '../lib/consistency/finding-candidates';
import {
  CheckListResponseSchema,
  CheckRunSchema,
  CheckStartedSchema,
  type CanaryRun,
  type CheckRun,
  type CompareRun,
} from '../lib/contracts';
import { CheckService } from '../server/consistency/check-service';
import { ConsistencySchema } from '../server/config-schema';
import { checkRoutes } from '../server/http/checks.routes';
import { Router } from '../server/http/router';
import { startHarness, type Harness } from './helpers/server';

describe('checks REST API', () => {
  let h: Harness;
  let checks: CheckService;
  let api: Server;
  let base: string;
  const ids: Record<string, string> = {};

  before(async () => {
    h = await startHarness({ sandbox: { extraConfig: { r2: { 'replica-read-only': 'no' } } } });
    for (const n of h.sandbox.nodes) ids[n.name] = n.id;
    await h.until((t) => t.nodes.length === 4 && t.links.length === 3 && t.links.every((l) => l.linkStatus === 'up'), 'tree up');
    checks = new CheckService(h.server.monitor, { credentialsFor: () => ({}) }, ConsistencySchema.parse({ canaryTimeoutMs: 1500 }));
    // The lead wires checkRoutes into app-server; here it gets a router of its own.
    const router = new Router();
    checkRoutes(router, checks);
    api = createServer((req, res) => void router.handle(req, res, new URL(req.url ?? '/', 'http://localhost')));
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  after(async () => {
    await checks?.stop();
    api?.close();
    await h?.stop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-replicaops-request': '1' }) =>
    fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string } };
  const until = async (id: string): Promise<CheckRun> => {
    for (let i = 0; i < 300; i++) {
      // Parsed with the schema the dashboard's client uses: the real answer must pass it.
      const run = CheckRunSchema.parse(await (await fetch(`${base}/api/checks/${id}`)).json());
      if (run.state !== 'running') return run;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`check ${id} still running`);
  };

  test('bad requests get a 4xx with a code and a message, never a 500', async () => {
    const r2 = ids.r2!;
    const bad: Array<[string, unknown]> = [
      ['/api/checks/compare', {}],
      ['/api/checks/compare', { replica: 'not-a-node' }],
      ['/api/checks/compare', { replica: r2, mode: 'quick' }],
      ['/api/checks/compare', { replica: r2, sampleSize: 0 }],
      ['/api/checks/compare', { replica: r2, sampleSize: 2.5 }],
      ['/api/checks/compare', { replica: r2, extra: true }],
      ['/api/checks/compare', '{"replica":'],
      ['/api/checks/canary', { timeoutMs: 5 }],
      ['/api/checks/canary', { master: 42 }],
      ['/api/checks/canary', []],
    ];
    for (const [path, body] of bad) {
      const res = await post(path, body);
      const b = await json(res);
      assert.equal(res.status, 400, `${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(b)}`);
      assert.equal(b.error?.code, 'bad_request');
      assert.ok((b.error?.message.length ?? 0) > 5);
    }
    assert.equal((await post('/api/checks/compare', { replica: r2 }, {})).status, 403, 'mutations need the CSRF header');
    assert.equal((await post('/api/checks/compare', { replica: '10.9.9.9:1' })).status, 404);
    assert.equal((await post('/api/checks/compare', { replica: ids.m })).status, 409, 'a master is not a replica');
    assert.equal((await post('/api/checks/canary', { master: ids.r1 })).status, 404, 'a replica is not a master');
    assert.equal((await fetch(`${base}/api/checks/nope`)).status, 400);
    assert.equal((await fetch(`${base}/api/checks/chk-doesnotexist`)).status, 404);
    assert.equal((await fetch(`${base}/api/checks?limit=0`)).status, 400);
    assert.equal((await fetch(`${base}/api/checks/chk-x/export?format=xml`)).status, 404);
    assert.equal((await fetch(`${base}/api/checks/chk-x`, { method: 'DELETE' })).status, 403);
  });

  test('compare: start, read, list newest first, export JSON and CSV, finding candidate', async () => {
    const r2 = await h.sandbox.client('r2');
    await (await h.sandbox.client('m')).set('api:k', 'v');
    await r2.set('=cmd|calc', 'x'); // a key name a spreadsheet would run as a formula
    const res = await post('/api/checks/compare', { replica: ids.r2, mode: 'full' });
    assert.equal(res.status, 202);
    const { id } = CheckStartedSchema.parse(await res.json());
    const run = (await until(id)) as CompareRun;
    assert.equal(run.state, 'done', run.error);
    assert.equal(run.report.counts.extraOnReplica, 1);
    assert.equal(run.report.examples.extraOnReplica[0]?.key, '=cmd|calc');
    const list = CheckListResponseSchema.parse(await (await fetch(`${base}/api/checks`)).json()).checks;
    assert.equal(list[0]?.id, id);
    const csv = await fetch(`${base}/api/checks/${id}/export?format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="compare-chk-/);
    const text = await csv.text();
    assert.equal(text.split('\r\n')[0], 'class,db,key,type,detail');
    assert.match(text, /extraOnReplica,0,'=cmd\|calc,string,/);
    const exported = (await json(await fetch(`${base}/api/checks/${id}/export?format=json`))) as unknown as CompareRun;
    assert.equal(exported.report.counts.extraOnReplica, 1);
    const candidate = inconsistencyCandidate(run);
    assert.equal(candidate?.kind, 'data_inconsistency');
    assert.equal(candidate?.remedy.actionId, 'replica.resync');
    assert.equal(candidate?.nodeId, ids.r2);
    const del = await fetch(`${base}/api/checks/${id}`, { method: 'DELETE', headers: { 'x-replicaops-request': '1' } });
    assert.equal(del.status, 409, 'a finished run cannot be cancelled');
    await r2.del('=cmd|calc');
  });

  test('canary: every replica, chained ones too, sees the key; the key is gone afterwards', async () => {
    const res = await post('/api/checks/canary', {});
    assert.equal(res.status, 202);
    const run = (await until(CheckStartedSchema.parse(await res.json()).id)) as CanaryRun;
    assert.equal(run.state, 'done', run.error);
    assert.deepEqual(run.report.replicas.map((r) => [r.replica, r.depth, r.seen]).sort(), [
      [ids.r1, 1, true],
      [ids.r1a, 2, true],
      [ids.r2, 1, true],
    ].sort());
    for (const r of run.report.replicas) assert.ok(r.propagationMs !== null && r.propagationMs < 1000, `${r.replica} ${r.propagationMs}`);
    assert.equal(run.report.failed, 0);
    assert.equal(await (await h.sandbox.client('m')).exists(run.report.key), 0);
    assert.deepEqual(canaryCandidates(run), []);
  });

  test('canary: a replica whose link is down never sees the key and fails the check', async () => {
    // r2 re-authenticates with a user the master does not know: its link stays down.
    const r2 = await h.sandbox.client('r2');
    await r2.config('SET', 'masteruser', 'nobody');
    await r2.config('SET', 'masterauth', 'wrong');
    await r2.client('KILL', 'TYPE', 'master');
    await h.until((t) => t.links.find((l) => l.replica === ids.r2)?.linkStatus === 'down', 'r2 link down');
    const res = await post('/api/checks/canary', { master: ids.m });
    const run = (await until(((await json(res)) as { id: string }).id)) as CanaryRun;
    assert.equal(run.state, 'done');
    const r2Result = run.report.replicas.find((r) => r.replica === ids.r2);
    assert.equal(r2Result?.seen, false);
    assert.equal(r2Result?.propagationMs, null);
    assert.equal(run.report.failed, 1);
    assert.ok(run.report.replicas.filter((r) => r.replica !== ids.r2).every((r) => r.seen));
    const candidates = canaryCandidates(run);
    assert.equal(candidates.length, 1);
    assert.equal(candidates[0]?.nodeId, ids.r2);
  });
});
