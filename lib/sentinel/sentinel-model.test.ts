import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSentinelModel, type SentinelObservation } from './sentinel-model';
import type { MasterRecord } from './sentinel-replies';

const master = (host: string, port: number): MasterRecord => ({ name: 'orders', host, port, flags: ['master'], quorum: 2, numOtherSentinels: 2, numSlaves: 1 });
const obs = (id: string, m: MasterRecord, over: Partial<SentinelObservation> = {}): SentinelObservation => ({
  id,
  host: id.split(':')[0] as string,
  port: Number(id.split(':')[1]),
  reachable: true,
  source: 'seed',
  masters: [m],
  replicas: { orders: [{ host: '10.0.0.2', port: 6379, flags: ['slave'], priority: 100, masterLinkStatus: 'ok' }] },
  peers: { orders: [] },
  ckquorum: { orders: { ok: true, message: 'OK 3 usable Sentinels' } },
  ...over,
});

test('buildSentinelModel(): the group master is what most reachable Sentinels say; every view is kept', () => {
  const model = buildSentinelModel(
    [obs('s:1', master('10.0.0.1', 6379)), obs('s:2', master('10.0.0.1', 6379)), obs('s:3', master('10.0.0.2', 6379))],
    (id) => id,
  );
  const g = model.groups[0];
  assert.equal(g?.masterId, '10.0.0.1:6379');
  assert.deepEqual(g?.masterViews?.map((v) => v.masterId), ['10.0.0.1:6379', '10.0.0.1:6379', '10.0.0.2:6379']);
  assert.deepEqual(g?.replicas?.map((r) => r.id), ['10.0.0.2:6379']);
});

test('buildSentinelModel(): an unreachable Sentinel still counts as watching; peers named by others join', () => {
  const down = obs('s:2', master('10.0.0.1', 6379), { reachable: false, error: 'connect ECONNREFUSED', ckquorum: {}, replicas: {}, peers: {} });
  const up = obs('s:1', master('10.0.0.1', 6379), { peers: { orders: [{ host: 's', port: 3, flags: ['sentinel'], priority: null, masterLinkStatus: null }] } });
  const g = buildSentinelModel([down, up], (id) => id).groups[0];
  assert.deepEqual(g?.sentinelIds, ['s:1', 's:2', 's:3']);
  assert.deepEqual(g?.reachableSentinelIds, ['s:1']);
  assert.equal(g?.ckquorum.ok, true);
});

test('buildSentinelModel(): addresses go through the alias map; no reachable Sentinel → no master, no quorum', () => {
  const alias = (id: string) => (id === '172.17.0.2:6379' ? '127.0.0.1:7001' : id);
  const model = buildSentinelModel([obs('s:1', master('172.17.0.2', 6379))], alias);
  assert.equal(model.groups[0]?.masterId, '127.0.0.1:7001');
  assert.equal(model.sentinels[0]?.masters[0]?.masterId, '127.0.0.1:7001');
  const dark = buildSentinelModel([obs('s:1', master('10.0.0.1', 6379), { reachable: false })], (id) => id).groups[0];
  assert.equal(dark?.masterId, null);
  assert.deepEqual(dark?.ckquorum, { ok: false, message: 'no Sentinel of this group is reachable' });
});

test('buildSentinelModel(): right after a failover the newest config-epoch names the master, even from one Sentinel of three', () => {
  const old = { ...master('10.0.0.1', 6379), configEpoch: 0 };
  const promoted = { ...master('10.0.0.2', 6379), configEpoch: 1 };
  const g = buildSentinelModel([obs('s:1', old), obs('s:2', promoted), obs('s:3', old)], (id) => id).groups[0];
  assert.equal(g?.masterId, '10.0.0.2:6379');
  // Every view is still shown: the other two have not adopted the new configuration yet.
  assert.deepEqual(g?.masterViews?.map((v) => v.masterId), ['10.0.0.1:6379', '10.0.0.2:6379', '10.0.0.1:6379']);
});
