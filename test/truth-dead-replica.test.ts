// One dead replica, as an operator sees it: one red root finding with its consequences linked,
// its API marked stale, its incident starting with the kill, every log line told once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Health, IncidentDetail, NodeDetail } from '../lib/contracts';
import { startHarness, type Harness } from './helpers/server';

describe('a dead middle replica', () => {
  let h: Harness;
  let r1: string;
  let r1a: string;
  let killedAt: number;
  before(async () => {
    h = await startHarness({
      pollMs: 250,
      sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }, { name: 'r1a', upstream: 'r1' }, { name: 'r2', upstream: 'm' }] },
    });
    r1 = h.sandbox.node('r1').id;
    r1a = h.sandbox.node('r1a').id;
    await h.until((t) => t.links.length === 3 && t.links.every((l) => l.linkStatus === 'up'), 'links up');
    killedAt = Date.now();
    // SIGTERM: Redis writes its shutdown lines to the log, as a `shutdown` by an operator would.
    await h.sandbox.kill('r1', 'SIGTERM');
    const open = () => h.server.incidents.findings('open', 1000);
    await h.sandbox.waitFor(
      () => open().some((f) => f.kind === 'node_unreachable' && f.nodeId === r1) && open().some((f) => f.kind === 'link_down' && f.nodeId === r1a),
      20_000,
      'findings for the dead replica',
    );
    // A few more cycles: whatever else would open, opens.
    await new Promise((r) => setTimeout(r, 2000));
  });
  after(() => h?.stop());

  const open = () => h.server.incidents.findings('open', 1000);

  test('exactly one open critical root finding, its consequences linked to it', () => {
    const fs = open();
    const roots = fs.filter((f) => f.severity === 'critical' && !f.rootFindingId);
    assert.deepEqual(roots.map((f) => `${f.kind}:${f.nodeId}`), [`node_unreachable:${r1}`], JSON.stringify(fs.map((f) => [f.kind, f.nodeId, f.rootFindingId])));
    const root = roots[0] as Finding;
    const consequences = fs.filter((f) => f.rootFindingId === root.id);
    const links = consequences.filter((f) => f.kind === 'link_down').map((f) => f.nodeId).sort();
    assert.deepEqual(links, [r1, r1a].sort(), 'its own link and its sub-replica’s link fold under it');
    const own = consequences.find((f) => f.kind === 'link_down' && f.nodeId === r1);
    assert.notEqual(own?.cause, 'unknown', 'its own link names a cause');
    assert.equal(consequences.find((f) => f.nodeId === r1a)?.cause, 'upstream_down');
  });

  test('the health light counts one critical problem', async () => {
    const health = (await h.get('/api/health')).body as Health;
    assert.equal(health.level, 'critical');
    assert.equal(health.openFindings.critical, 1);
  });

  test('its node API says the values are stale, from the last good poll', async () => {
    const res = await h.get(`/api/nodes/${encodeURIComponent(r1)}`);
    assert.equal(res.status, 200);
    const detail = res.body as NodeDetail;
    assert.equal(detail.stale, true);
    assert.equal(detail.node.reachable, false);
    assert.ok(detail.sampledAt !== null && detail.sampledAt <= killedAt + 500, `sampledAt ${detail.sampledAt} vs kill ${killedAt}`);
    const live = (await h.get(`/api/nodes/${encodeURIComponent(h.sandbox.node('m').id)}`)).body as NodeDetail;
    assert.equal(live.stale, undefined, 'a node that answers is not stale');
  });

  test('its incident starts with the kill and tells each log line once, timeline and postmortem alike', async () => {
    const root = open().find((f) => f.kind === 'node_unreachable' && f.nodeId === r1);
    assert.ok(root?.incidentId);
    const detail = (await h.get(`/api/incidents/${root.incidentId}`)).body as IncidentDetail;
    const first = detail.timeline[0];
    assert.equal(first?.type, 'topology_event', detail.timeline.map((e) => e.type).join(', '));
    const event = first?.data.event as { nodeId?: string; kind?: string } | undefined;
    assert.equal(event?.nodeId, r1);
    const logs = detail.timeline.filter((e) => e.type === 'log_line');
    const keys = logs.map((e) => `${String(e.data.nodeId)}|${e.at}|${e.summary}`);
    assert.equal(new Set(keys).size, keys.length, `duplicate log lines: ${keys.join(' / ')}`);
    const res = await fetch(`${h.server.url}/api/incidents/${root.incidentId}/postmortem`);
    const md = await res.text();
    for (const e of logs) {
      const times = md.split(e.summary).length - 1;
      assert.equal(times, 1, `"${e.summary}" appears ${times}× in the postmortem`);
    }
  });
});
