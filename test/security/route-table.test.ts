// Every route the router knows × {anonymous, viewer, operator, admin} × {served Host, foreign
// Host}, with auth on, against a real HTTP server. Generated from the router: a new route is
// checked the day it is registered, with no table to forget.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sha256Hex } from '../../server/auth/password';
import type { MinRole, Role } from '../../server/auth/identity';
import { rawRequest } from '../helpers/raw-http';
import { startHarness, type Harness } from '../helpers/server';

const ROLES: Role[] = ['viewer', 'operator', 'admin'];
const RANK: Record<MinRole, number> = { public: -1, viewer: 0, operator: 1, admin: 2 };
const tokenOf = (role: Role) => `route-table-${role}-token-0123456789`;
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

/** What a caller must get from a route through a served Host. */
function expected(caller: Caller, min: MinRole): 'served' | 401 | 403 {
  if (min === 'public') return 'served';
  if (caller === 'anonymous') return 401;
  return RANK[caller] >= RANK[min] ? 'served' : 403;
}

describe('route table: every route × role × Host', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      sandbox: { shape: [{ name: 'm' }] },
      configFile: () => ({
        auth: {
          tokens: ROLES.map((role) => ({
            name: `t-${role}`,
            role,
            sha256: sha256Hex(tokenOf(role)),
          })),
        },
      }),
    });
  });
  after(() => h?.stop());

  const call = (method: string, path: string, caller: Caller, host: string) =>
    rawRequest(h.server.port, {
      method,
      path,
      host,
      // The custom header too: the test is about Host and role, not about CSRF.
      headers: {
        'x-replicaops-request': '1',
        ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${tokenOf(caller)}` }),
      },
      body: method === 'GET' || method === 'HEAD' ? undefined : {},
    });

  test('each registered route answers each caller as its role allows, and never for a foreign Host', async () => {
    const routes = h.server.router.list();
    assert.ok(routes.length >= 30, `only ${routes.length} routes registered`);
    const good = `localhost:${h.server.port}`;
    const bad = `rebind.attacker.example:${h.server.port}`;
    const failures: string[] = [];
    const counts = { served: 0, 401: 0, 403: 0 };
    for (const r of routes) {
      // Parameters get values no node, plan or run has: the handler runs and finds nothing.
      const path = r.path.replace(/:(\w+)/g, 'no-such-$1');
      for (const caller of CALLERS) {
        const row = `${r.method} ${r.path} as ${caller}`;
        const refused = await call(r.method, path, caller, bad);
        if (refused.status !== 421)
          failures.push(`${row}, foreign Host: ${refused.status} (expected 421)`);
        const res = await call(r.method, path, caller, good);
        const want = expected(caller, r.role);
        counts[want]++;
        const roleRefusal = res.status === 403 && /needs the \w+ role/.test(res.text);
        if (want === 'served') {
          if (res.status === 401 || roleRefusal || res.status === 421 || res.status >= 500)
            failures.push(`${row}: ${res.status} ${res.text.slice(0, 120)}`);
        } else if (res.status !== want || (want === 403 && !roleRefusal)) {
          failures.push(`${row}: ${res.status} (expected ${want}) ${res.text.slice(0, 120)}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    // Every kind of cell occurs: the table is not vacuously true for one of them.
    assert.ok(counts.served > routes.length && counts[401] > 20 && counts[403] > 5, JSON.stringify(counts));
  });

  test('an anonymous caller cannot tell routes from non-routes: 401 where others get 404 or 405', async () => {
    const good = `localhost:${h.server.port}`;
    const probes: Array<[string, string, number]> = [
      ['DELETE', '/api/topology', 405],
      ['PUT', '/api/actions/plan', 405],
      ['GET', '/api/no-such-route', 404],
      ['POST', '/metrics', 405],
    ];
    for (const [method, path, authed] of probes) {
      assert.equal(
        (await call(method, path, 'anonymous', good)).status,
        401,
        `${method} ${path} anonymous`,
      );
      assert.equal(
        (await call(method, path, 'admin', good)).status,
        authed,
        `${method} ${path} admin`,
      );
    }
  });
});
