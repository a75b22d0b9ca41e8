// Every REST route, fed garbage: malformed ids, bodies that are not JSON or not objects,
// wrong types, huge and hostile values. Each must answer a 4xx with `{ error: { code, message } }`
// (or succeed) — never a 500, never a dropped connection — and the server must keep serving.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './helpers/server';

const BAD_PARAMS = ['not-an-id', '..%2F..%2Fetc%2Fpasswd', '%00', 'x'.repeat(2000), '%F0%9F%92%A9', 'chk-zz', 'inc-0', '1e309', '-1', '%E0%A4%A'];
const BAD_BODIES: Array<string | undefined> = [
  undefined,
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '42',
  '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}',
  JSON.stringify({ target: 123, action: ['x'], params: 'no', settings: { a: { b: { c: [] } } } }),
  `{"replica":"${'a'.repeat(5000)}","mode":"full","sampleSize":1e309}`,
  JSON.stringify({ username: {}, password: [] }),
  JSON.stringify({ node: 'x:1', lines: [null, 1, {}, 'a'.repeat(10_000)] }),
  JSON.stringify(Array.from({ length: 50 }, () => ({ deep: { deeper: [1, 2, 3] } }))),
];
const BAD_QUERIES = ['', '?limit=abc', '?limit=-1&limit=5', '?since=1e309&until=-5', '?state=everything&severity=%00', '?metric=__proto__&sinceMs=NaN', '?format=exe', '?node=not-an-id&category=x'];

describe('REST routes under garbage input', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] } });
    await h.until((t) => t.links.some((l) => l.linkStatus === 'up'), 'link up');
  });
  after(() => h?.stop());

  test('no route answers 500 or drops the connection, and every error has a code and a message', async () => {
    const routes = h.server.router.list();
    assert.ok(routes.length >= 30, `only ${routes.length} routes`);
    const problems: string[] = [];
    let requests = 0;
    for (const r of routes) {
      const paths = r.path.includes(':') ? BAD_PARAMS.map((p) => r.path.replace(/:[a-zA-Z]+/g, p)) : [r.path];
      const bodies = r.method === 'GET' || r.method === 'DELETE' ? [undefined] : BAD_BODIES;
      for (const path of paths)
        for (const query of r.method === 'GET' ? BAD_QUERIES : [''])
          for (const body of bodies) {
            requests++;
            const where = `${r.method} ${path.slice(0, 80)}${query} body=${String(body).slice(0, 40)}`;
            let res: Response;
            try {
              res = await fetch(`${h.server.url}${path}${query}`, {
                method: r.method,
                headers: { 'x-replicaops-request': '1', 'content-type': 'application/json' },
                body,
              });
            } catch (err) {
              problems.push(`${where}: connection failed (${(err as Error).message})`);
              continue;
            }
            const text = await res.text();
            if (res.status >= 500) problems.push(`${where}: ${res.status} ${text.slice(0, 120)}`);
            else if (res.status >= 400) {
              try {
                const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
                if (!e?.code || !e.message) problems.push(`${where}: ${res.status} without { error: { code, message } }`);
              } catch {
                problems.push(`${where}: ${res.status} body is not JSON: ${text.slice(0, 80)}`);
              }
            }
          }
    }
    assert.deepEqual(problems, [], `${problems.length} of ${requests} requests misbehaved`);
    const health = await fetch(`${h.server.url}/healthz`);
    assert.equal(health.status, 200, 'the server still serves');
    await h.server.checks.stop();
  });
});
