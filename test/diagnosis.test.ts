import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding, Incident, IncidentDetail } from '../lib/contracts';
import { startHarness, type Harness } from './helpers/server';

const open = (h: Harness) => h.server.incidents.findings('open', 1000);
const has = (fs: Finding[], kind: string, nodeId?: string) => fs.find((f) => f.kind === kind && (!nodeId || f.nodeId === nodeId || f.link?.replica === nodeId));

describe('diagnosis and incidents on a real tree', () => {
  let h: Harness;
  let id: (name: string) => string;
  before(async () => {
    h = await startHarness({ pollMs: 250 });
    id = (n) => h.sandbox.node(n).id;
    await h.until((t) => t.links.length === 3 && t.links.every((l) => l.linkStatus === 'up'), 'tree up');
  });
  after(() => h?.stop());

  test('a killed replica opens node_unreachable and link_down under ONE incident, resolved when it returns', async () => {
    await h.sandbox.kill('r2');
    await h.sandbox.waitFor(() => Boolean(has(open(h), 'link_down', id('r2')) && has(open(h), 'node_unreachable', id('r2'))), 10_000, 'findings for r2');
    const fs = open(h).filter((f) => f.nodeId === id('r2') || f.link?.replica === id('r2'));
    const incidentIds = new Set(fs.map((f) => f.incidentId));
    assert.equal(incidentIds.size, 1, `findings spread over ${incidentIds.size} incidents`);
    const unreachable = has(fs, 'node_unreachable', id('r2'))!;
    assert.equal(unreachable.severity, 'critical');
    assert.equal(unreachable.cause, 'connection_refused');
    assert.ok(unreachable.evidence.length > 0);
    assert.ok(unreachable.remedy.text.length > 10 && unreachable.remedy.textZh.length > 2);

    await h.sandbox.restart('r2');
    await h.sandbox.waitFor(() => !has(open(h), 'link_down', id('r2')) && !has(open(h), 'node_unreachable', id('r2')), 15_000, 'r2 findings resolved');
    const incident = (await h.get(`/api/incidents/${[...incidentIds][0]}`)).body as IncidentDetail;
    assert.equal(incident.state, 'resolved');
    assert.equal(incident.resolvedBy, 'system');
    const types = incident.timeline.map((t) => t.type);
    for (const t of ['incident_opened', 'finding_opened', 'metric_snapshot', 'topology_event', 'finding_resolved', 'state_changed'])
      assert.ok(types.includes(t as never), `timeline lacks ${t}: ${types.join(',')}`);
  });

  test('replica-read-only no opens replica_writable with the field as evidence and a config.apply remedy', async () => {
    const r1 = await h.sandbox.client('r1');
    await r1.config('SET', 'replica-read-only', 'no');
    try {
      await h.sandbox.waitFor(() => Boolean(has(open(h), 'replica_writable', id('r1'))), 10_000, 'replica_writable');
      const f = has(open(h), 'replica_writable', id('r1'))!;
      assert.ok(f.evidence.some((e) => e.type === 'field' && e.field === 'slave_read_only' && e.value === '0'));
      assert.equal(f.remedy.actionId, 'config.apply');
    } finally {
      await r1.config('SET', 'replica-read-only', 'yes');
    }
    await h.sandbox.waitFor(() => !has(open(h), 'replica_writable', id('r1')), 10_000, 'replica_writable resolved');
  });

  test('a master killed opens one incident rooted at the master, holding its replicas\' link_down', async () => {
    await h.sandbox.kill('m');
    try {
      await h.sandbox.waitFor(() => open(h).filter((f) => f.kind === 'link_down').length >= 2 && Boolean(has(open(h), 'node_unreachable', id('m'))), 15_000, 'master down findings');
      const incidents = ((await h.get('/api/incidents?state=open')).body as { incidents: Incident[] }).incidents;
      const rooted = incidents.filter((i) => i.rootNodeId === id('m'));
      assert.equal(rooted.length, 1, JSON.stringify(incidents.map((i) => [i.rootNodeId, i.title])));
      const linkDowns = open(h).filter((f) => f.kind === 'link_down' && f.link?.upstream === id('m'));
      assert.ok(linkDowns.length >= 2);
      for (const f of linkDowns) {
        assert.equal(f.incidentId, rooted[0]!.id, `${f.link?.replica} is not under the master's incident`);
        assert.equal(f.cause, 'upstream_down');
      }
    } finally {
      await h.sandbox.restart('m');
    }
    await h.until((t) => t.links.every((l) => l.linkStatus === 'up'), 'links back', 20_000);
  });
});

describe('persistence hazards', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ pollMs: 250, sandbox: { shape: [{ name: 'm' }, { name: 'r1', upstream: 'm' }], masterPersistence: 'none' } });
  });
  after(() => h?.stop());

  test('a master with replicas, no save points and no AOF opens master_no_persistence', async () => {
    await h.sandbox.waitFor(() => Boolean(has(open(h), 'master_no_persistence')), 45_000, 'master_no_persistence');
    const f = has(open(h), 'master_no_persistence')!;
    assert.equal(f.nodeId, h.sandbox.node('m').id);
    assert.ok(f.evidence.some((e) => e.type === 'config' && e.name === 'save'));
    assert.match(f.detail.en, /replica/i);
  });
});
