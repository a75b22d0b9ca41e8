// The Sentinel rules on small hand-built states: each with the healthy case beside the broken one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Sentinel, SentinelGroup, Topology } from '../../contracts';
import { DEFAULT_DIAGNOSIS_SETTINGS, type DiagnosisInput, type NodeView } from '../diagnosis-input';
import { DEFAULT_THRESHOLDS } from '../../topology/status';
import { sentinelAgreement } from './sentinel-agreement';
import { sentinelFailover } from './sentinel-failover';
import { sentinelQuorumLost, sentinelTilt } from './sentinel-quorum';
import { sentinelRisk } from './sentinel-risk';

const M = '10.0.0.1:6379';
const R1 = '10.0.0.2:6379';
const R2 = '10.0.0.3:6379';
const S = ['10.0.1.1:26379', '10.0.1.2:26379', '10.0.1.3:26379'];

function group(over: Partial<SentinelGroup> = {}): SentinelGroup {
  return {
    name: 'orders',
    masterId: M,
    quorum: 2,
    sentinelIds: S,
    ckquorum: { ok: true, message: 'OK 3 usable Sentinels. Quorum and failover authorization can be reached' },
    tilt: false,
    reachableSentinelIds: S,
    masterViews: S.map((sentinelId) => ({ sentinelId, masterId: M })),
    replicas: [R1, R2].map((id) => ({ id, flags: ['slave'], priority: 100, masterLinkStatus: 'ok' })),
    failoverTimeoutMs: 6000,
    ...over,
  };
}

const view = (id: string, role: NodeView['role'], over: Partial<NodeView> = {}): NodeView => ({ id, reachable: true, role, config: { 'min-replicas-to-write': '1' }, ...over });

function input(g: SentinelGroup, opts: { nodes?: NodeView[]; links?: Topology['links']; sentinels?: Sentinel[]; now?: number } = {}): DiagnosisInput {
  const nodes = opts.nodes ?? [view(M, 'master'), view(R1, 'replica', { upstream: M }), view(R2, 'replica', { upstream: M })];
  const links = opts.links ?? [R1, R2].map((replica) => ({ upstream: M, replica, linkStatus: 'up' as const, offsetGapBytes: 0, lagSeconds: 0, status: 'ok' as const }));
  return {
    now: opts.now ?? 1_000_000,
    topology: { generatedAt: 0, nodes: [], links, groups: [g], sentinels: opts.sentinels ?? [] },
    nodes,
    events: [],
    history: () => [],
    logs: [],
    settings: { ...DEFAULT_THRESHOLDS, ...DEFAULT_DIAGNOSIS_SETTINGS },
  };
}

test('sentinel_quorum_lost: silent with 3 of 3; critical with 1 of 3 reachable or CKQUORUM failing', () => {
  assert.deepEqual(sentinelQuorumLost(input(group())), []);
  const lost = sentinelQuorumLost(input(group({ reachableSentinelIds: [S[0] as string] })));
  assert.equal(lost.length, 1);
  assert.equal(lost[0]?.severity, 'critical');
  assert.match(lost[0]?.title.en ?? '', /1 of 3 Sentinels reachable/);
  assert.equal(sentinelQuorumLost(input(group({ ckquorum: { ok: false, message: 'NOQUORUM 1 usable Sentinels' } }))).length, 1);
});

test('sentinel_disagreement: Sentinels naming two masters, or Sentinel master reporting replica', () => {
  assert.deepEqual(sentinelAgreement(input(group())), []);
  const split = group({ masterViews: [{ sentinelId: S[0] as string, masterId: M }, { sentinelId: S[1] as string, masterId: R1 }] });
  assert.equal(sentinelAgreement(input(split)).filter((f) => f.kind === 'sentinel_disagreement').length, 1);
  const demoted = input(group(), { nodes: [view(M, 'replica', { upstream: R1 }), view(R1, 'master'), view(R2, 'replica', { upstream: M })] });
  const f = sentinelAgreement(demoted).find((x) => x.kind === 'sentinel_disagreement');
  assert.match(f?.title.en ?? '', new RegExp(`${M}.*vs.*${R1}`));
});

test('sentinel_unmonitored_replica: a replica of the master Sentinel does not list', () => {
  const g = group({ replicas: [{ id: R1, flags: ['slave'], priority: 100, masterLinkStatus: 'ok' }] });
  const out = sentinelAgreement(input(g)).filter((f) => f.kind === 'sentinel_unmonitored_replica');
  assert.deepEqual(out.map((f) => f.nodeId), [R2]);
});

test('sentinel_tilt names the Sentinel in TILT', () => {
  const sentinel = (tilt: boolean): Sentinel => ({ id: S[0] as string, host: '10.0.1.1', port: 26379, reachable: true, tilt, masters: [] });
  assert.deepEqual(sentinelTilt(input(group(), { sentinels: [sentinel(false)] })), []);
  assert.equal(sentinelTilt(input(group(), { sentinels: [sentinel(true)] }))[0]?.key, `sentinel_tilt:${S[0]}`);
});

test('failover_in_progress while it runs and briefly after; failover_failed on an abort', () => {
  const phases = [{ type: '+odown', at: 999_000, sincePrevMs: 0 }, { type: '+try-failover', at: 999_100, sincePrevMs: 100 }];
  const running = sentinelFailover(input(group({ failover: { state: 'in_progress', startedAt: 999_000, from: M, phases } })));
  assert.equal(running[0]?.kind, 'failover_in_progress');
  assert.equal(running[0]?.title.en, `Sentinel failover of orders: ${M} → …`);
  const done = { state: 'done' as const, startedAt: 999_000, endedAt: 999_900, from: M, to: R1, phases };
  assert.equal(sentinelFailover(input(group({ failover: done })))[0]?.title.en, `Sentinel failover of orders: ${M} → ${R1}`);
  assert.deepEqual(sentinelFailover(input(group({ failover: done }), { now: 999_900 + 60_000 })), []);
  const failed = sentinelFailover(input(group({ failover: { state: 'failed', startedAt: 999_000, endedAt: 999_500, from: M, phases, reason: '-failover-abort-no-good-slave' } })));
  assert.equal(failed[0]?.kind, 'failover_failed');
  assert.match(failed[0]?.title.en ?? '', /no replica was eligible/);
});

test('sentinel_placement (info) when all Sentinels share a host; split_brain_unguarded with min-replicas-to-write 0', () => {
  assert.deepEqual(sentinelRisk(input(group())), []);
  const oneHost = group({ sentinelIds: ['10.0.1.1:26379', '10.0.1.1:26380', '10.0.1.1:26381'] });
  const p = sentinelRisk(input(oneHost)).find((f) => f.kind === 'sentinel_placement');
  assert.equal(p?.severity, 'info');
  const open = input(group(), { nodes: [view(M, 'master', { config: { 'min-replicas-to-write': '0' } })] });
  const u = sentinelRisk(open).find((f) => f.kind === 'split_brain_unguarded');
  assert.equal(u?.severity, 'warning');
  assert.equal(u?.remedy.actionId, 'config.apply');
});
