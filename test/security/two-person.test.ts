// Finding 6: one admin satisfied the two-person rule alone by approving their own plan with an
// API token they hold (approval compared names only). Now approvals come from a login session
// of another person; tokens neither approve nor run what needs two people.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, sha256Hex } from '../../server/auth/password';
import {
  USERS,
  startActionsHarness,
  untilDiscovered,
  type ActionsHarness,
} from '../actions-harness';

const ADA_TOKEN = 'ada-own-admin-token-0123456789';

describe('two-person rule: two people, not one person and a token', () => {
  let a: ActionsHarness;
  const bearer = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(a.h.server.url + p, {
      method,
      headers: {
        authorization: `Bearer ${ADA_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const planAs = async (cookie: string | null) => {
    const body = { action: 'replica.reconnect', target: a.id('r1'), params: {} };
    const r = cookie
      ? await a.api('POST', '/api/actions/plan', { cookie, body })
      : await bearer('POST', '/api/actions/plan', body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal((r.body.confirmation as { approvalRequired: boolean }).approvalRequired, true);
    return String(r.body.id);
  };

  before(async () => {
    const users = await Promise.all(
      Object.entries(USERS).map(async ([username, u]) => ({
        username,
        role: u.role,
        passwordHash: await hashPassword(u.password, 1024),
      })),
    );
    a = await startActionsHarness({
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }] },
      configFile: () => ({
        auth: {
          users,
          approval: ['replica.reconnect'],
          tokens: [{ name: 'ada-ci', role: 'admin', sha256: sha256Hex(ADA_TOKEN) }],
        },
      }),
    });
    await untilDiscovered(a, 2);
  });
  after(() => a?.stop());

  test('an admin cannot approve their own plan with their own API token', async () => {
    const ada = await a.login('ada');
    const planId = await planAs(ada);
    const approve = await bearer('POST', `/api/actions/plans/${planId}/approve`);
    assert.equal(approve.status, 403, JSON.stringify(approve.body));
    assert.match(String((approve.body.error as { message: string }).message), /token/);
    // Nothing was approved, so ada still cannot run it.
    const exec = await a.api('POST', `/api/actions/plans/${planId}/execute`, {
      cookie: ada,
      body: {},
    });
    assert.equal(exec.status, 403);
    const audit = (
      await a.api<{ entries: Array<{ kind: string }> }>('GET', '/api/audit', {
        cookie: ada,
      })
    ).body.entries;
    assert.equal(audit.filter((e) => e.kind === 'plan.approved').length, 0);
  });

  test('a plan made with a token cannot be approved: the token is not a second person', async () => {
    const planId = await planAs(null);
    const bob = await a.login('bob');
    const approve = await a.api('POST', `/api/actions/plans/${planId}/approve`, { cookie: bob });
    assert.equal(approve.status, 403, JSON.stringify(approve.body));
  });

  test('an approved plan cannot be run with a token (the approver could hold it)', async () => {
    const ada = await a.login('ada');
    const bob = await a.login('bob');
    const planId = await planAs(ada);
    assert.equal(
      (await a.api('POST', `/api/actions/plans/${planId}/approve`, { cookie: bob })).status,
      200,
    );
    const byToken = await bearer('POST', `/api/actions/plans/${planId}/execute`, {});
    assert.equal(byToken.status, 403, JSON.stringify(byToken.body));
    // Two people: ada planned, bob approved, ada runs it from her session.
    const exec = await a.api<{ runId: string }>('POST', `/api/actions/plans/${planId}/execute`, {
      cookie: ada,
      body: {},
    });
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const run = await a.waitRun(exec.body.runId, ada);
    assert.equal(run.state, 'succeeded');
    assert.equal(run.approvedBy, 'bob');
  });
});
