// A re-attach that cannot work puts the replica back where it was. The new upstream answers the
// dashboard (ACL user `dash`), but that user may not PSYNC (reference §10.7: a replication user
// needs +psync +replconf): the replica authenticates, is refused, and never leaves the handshake.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  field,
  startActionsHarness,
  untilDiscovered,
  type ActionsHarness,
  type Run,
} from './actions-harness';


describe('repairs off the happy path: rollback, and the incident a repair belongs to', () => {
  let a: ActionsHarness;

  before(async () => {
    a = await startActionsHarness({
      sandbox: {
        shape: [{ name: 'm' }, { name: 'm2' }, { name: 'r2', upstream: 'm2' }],
        extraConfig: { m: { user: 'dash on >dash-pw ~* &* +@all -psync -sync' } },
      },
      seeds: (sb) => sb.seeds(),
      configFile: (sb) => ({
        topology: { nodes: { [sb.node('m').id]: { username: 'dash', password: 'dash-pw' } } },
      }),
    });
    await untilDiscovered(a, 3);
  });
  after(() => a?.stop());

  test('a replica that never gets past the handshake with its new upstream is pointed back, link up again', async () => {
    const r2 = await a.client('r2');
    const { plan, exec } = await a.planAndRun(
      'ada',
      { action: 'replica.reattach', target: a.id('r2'), params: { upstream: a.id('m') } },
      { confirm: a.id('r2'), reason: 'rollback test' },
    );
    assert.equal(plan.allowed, true, JSON.stringify(plan.preflight));
    assert.equal(exec.status, 200, JSON.stringify(exec.body));
    const started = Date.now();
    const run = (await a.waitRun(String(exec.body.runId), await a.login('ada'), 60_000)) as Run;
    assert.equal(run.state, 'rolled_back', JSON.stringify(run));
    assert.ok(
      Date.now() - started < 45_000,
      'the handshake bound ends the wait, not the 120 s sync budget',
    );
    assert.match(run.error ?? '', /does not get past the handshake/);
    const rolled = run.verify.find((c) => c.check === 'rolled_back');
    assert.ok(rolled?.ok, JSON.stringify(run.verify));
    assert.match(rolled.detail, /pointed back at .* with its previous masterauth and masteruser/);
    // Back under m2, link up, and the changed credentials are what they were before.
    await a.h.sandbox.waitFor(
      async () => (await field(r2, 'replication', 'master_link_status')) === 'up',
      10_000,
      'r2 up again',
    );
    assert.equal(
      Number(await field(r2, 'replication', 'master_port')),
      a.h.sandbox.node('m2').port,
    );
    assert.deepEqual(await r2.call('CONFIG', 'GET', 'masteruser'), ['masteruser', '']);
    // The password never reached an API answer.
    assert.ok(!a.responses.some((t) => t.includes('dash-pw')));
  });

  test("a repair on a node with an unresolved incident lands on that incident's timeline, even without a finding", async () => {
    const r2 = await a.client('r2');
    await r2.call('CONFIG', 'SET', 'replica-read-only', 'no');
    try {
      const cookie = await a.login('ada');
      type Inc = { id: string; nodeIds: string[]; rootNodeId?: string };
      let incident: Inc | undefined;
      await a.h.sandbox.waitFor(
        async () => {
          const list = (
            await a.api<{ incidents: Inc[] }>(
              'GET',
              `/api/incidents?state=open&node=${encodeURIComponent(a.id('r2'))}`,
              { cookie },
            )
          ).body;
          incident = list.incidents[0];
          return Boolean(incident);
        },
        15_000,
        'an open incident on r2 (replica_writable)',
      );
      const { exec } = await a.planAndRun(
        'ada',
        { action: 'replica.reconnect', target: a.id('r2'), params: {} },
        { confirm: a.id('r2'), reason: 'nudge' },
      );
      assert.equal(exec.status, 200, JSON.stringify(exec.body));
      const run = (await a.waitRun(String(exec.body.runId), cookie)) as Run & {
        incidentId?: string;
      };
      assert.equal(run.incidentId, incident!.id);
      const detail = (
        await a.api<{ timeline: Array<{ type: string; actor: string; data: { runId?: string } }> }>(
          'GET',
          `/api/incidents/${incident!.id}`,
          { cookie },
        )
      ).body;
      assert.ok(
        detail.timeline.some((e) => e.type === 'action' && e.actor === 'ada'),
        JSON.stringify(detail.timeline.map((e) => [e.type, e.actor])),
      );
    } finally {
      await r2.call('CONFIG', 'SET', 'replica-read-only', 'yes');
    }
  });
});
