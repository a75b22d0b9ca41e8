import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInfo } from '../../lib/info/info-parser';
import {
  carrySlowSections,
  FAST_SECTIONS,
  isDue,
  phaseOf,
  pollPlan,
  SECTION_EVERY_MS,
  situationChanged,
  SLOW_SECTIONS,
  type TierState,
} from './poll-tiers';

const tiers = { sectionEveryMs: SECTION_EVERY_MS, configEveryMs: 30_000, intervalMs: 1000 };
const idle = (sectionAt: Record<string, number>, configAt?: number): TierState => ({
  sectionAt,
  configAt,
  refreshAll: false,
  syncing: false,
});
const readAll = (at: number) => Object.fromEntries(SLOW_SECTIONS.map((s) => [s, at]));

/** Polls one node every `intervalMs` for `ms`, reading what the plan asks; returns the read times per section. */
function simulate(id: string, ms: number, state = idle({})): Record<string, number[]> {
  const reads: Record<string, number[]> = {};
  const sectionAt = { ...state.sectionAt };
  let configAt = state.configAt;
  for (let now = 0; now <= ms; now += tiers.intervalMs) {
    const plan = pollPlan({ ...state, sectionAt, configAt }, now, tiers, phaseOf(id));
    for (const s of plan.sections) (reads[s] ??= []).push(now);
    for (const s of plan.sections) sectionAt[s] = now;
    if (plan.withConfig) (reads.config ??= []).push((configAt = now));
  }
  return reads;
}

describe('poll tiers', () => {
  test('replication and the other detection sections ride every poll', () => {
    const reads = simulate('10.0.0.1:6379', 60_000);
    for (const s of FAST_SECTIONS) assert.equal(reads[s]?.length, 61, s);
  });

  test('each slow section is read once per its period, never older than period + interval', () => {
    const reads = simulate('10.0.0.1:6379', 60_000);
    for (const s of SLOW_SECTIONS) {
      const at = reads[s] ?? [];
      // First contact reads everything, then one read per 5 s period.
      assert.equal(at[0], 0, s);
      assert.ok(at.length >= 12 && at.length <= 13, `${s}: ${at.length} reads in 60 s`);
      for (let i = 1; i < at.length; i++)
        assert.ok(at[i]! - at[i - 1]! <= 5000 + 1000, `${s} gap ${at[i]! - at[i - 1]!}`);
    }
    const config = reads.config ?? [];
    assert.equal(config[0], 0);
    assert.ok(
      config.length >= 2 && config.length <= 3,
      `CONFIG GET ${config.length} times in 60 s`,
    );
  });

  test('a configured period at or under the poll interval reads the section every poll', () => {
    const every = { ...SECTION_EVERY_MS, memory: 0, cpu: 1000 };
    const plan = pollPlan(
      idle(readAll(9000), 9000),
      10_000,
      { ...tiers, sectionEveryMs: every },
      0.3,
    );
    assert.ok(plan.sections.includes('memory') && plan.sections.includes('cpu'));
    assert.ok(!plan.sections.includes('keyspace'));
  });

  test('many nodes spread their slow reads over the period instead of one cycle', () => {
    const perCycle = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const reads = simulate(`10.0.${i >> 8}.${i & 255}:6379`, 30_000);
      for (const t of reads.memory ?? []) if (t > 0) perCycle.set(t, (perCycle.get(t) ?? 0) + 1);
    }
    const counts = [...perCycle.values()];
    // 1,000 nodes, a 5 s period at 1 s polls: about 200 per cycle, never all of them at once.
    assert.ok(
      Math.max(...counts) < 400,
      `at most ${Math.max(...counts)} memory reads in one cycle`,
    );
  });

  test('first contact, a node back from unreachable or a changed situation read everything and CONFIG', () => {
    const plan = pollPlan({ ...idle(readAll(9500), 9500), refreshAll: true }, 10_000, tiers, 0.5);
    assert.deepEqual(plan.sections, [...FAST_SECTIONS, ...SLOW_SECTIONS]);
    assert.equal(plan.withConfig, true);
    assert.equal(isDue(undefined, 10_000, 5000, 1000, 0.5), true);
  });

  test('a quiet node sends ROLE between two INFOs, and INFO together with its slow sections', () => {
    const quiet = { ...tiers, quietInfoEveryMs: 5000 };
    const role = { role: 'replica', host: '10.0.0.1', port: 6379 } as const;
    const sectionAt: Record<string, number> = {};
    const byRole: number[] = [];
    const byInfo: number[] = [];
    for (let now = 0; now <= 60_000; now += 1000) {
      const plan = pollPlan({ ...idle(sectionAt), role }, now, quiet, phaseOf('10.0.0.2:6379'));
      if (plan.role) {
        assert.deepEqual(plan.role, role);
        byRole.push(now);
        continue;
      }
      byInfo.push(now);
      for (const s of plan.sections) sectionAt[s] = now;
    }
    assert.equal(byInfo[0], 0, 'first contact reads INFO');
    for (const s of SLOW_SECTIONS) assert.equal(sectionAt[s], byInfo.at(-1), `${s} rides with the INFO`);
    assert.ok(byInfo.length >= 12 && byInfo.length <= 13, `${byInfo.length} INFO polls in 60 s`);
    assert.equal(byRole.length + byInfo.length, 61);
    for (let i = 1; i < byInfo.length; i++) assert.ok(byInfo[i]! - byInfo[i - 1]! <= 6000, `INFO gap ${byInfo[i]! - byInfo[i - 1]!}`);
    // A longer quiet tier holds the slow sections back with it: one whole INFO per period.
    const ten = { ...tiers, quietInfoEveryMs: 10_000 };
    const at: Record<string, number> = {};
    const infos: number[] = [];
    for (let now = 0; now <= 60_000; now += 1000) {
      const plan = pollPlan({ ...idle(at), role }, now, ten, phaseOf('10.0.0.3:6379'));
      if (plan.role) continue;
      infos.push(now);
      assert.deepEqual(plan.sections, [...FAST_SECTIONS, ...SLOW_SECTIONS], `the INFO at ${now} ms reads every section`);
      for (const s of plan.sections) at[s] = now;
    }
    assert.ok(infos.length >= 6 && infos.length <= 7, `${infos.length} INFO polls in 60 s at a 10 s quiet tier`);
    for (const s of SLOW_SECTIONS) assert.equal(at[s], infos.at(-1), `${s} read with the last INFO`);
    // Not quiet, asked to read everything, or the tier at the poll interval: INFO every poll.
    assert.equal(pollPlan({ ...idle(readAll(0)), role: undefined }, 1000, quiet, 0.5).role, undefined);
    assert.equal(pollPlan({ ...idle({ ...readAll(0), replication: 0 }), role, refreshAll: true }, 1000, quiet, 0.5).role, undefined);
    assert.equal(pollPlan({ ...idle({ ...readAll(0), replication: 0 }), role }, 1000, { ...quiet, quietInfoEveryMs: 1000 }, 0.5).role, undefined);
    assert.equal(pollPlan({ ...idle({ ...readAll(0), replication: 0 }), role }, 1000, tiers, 0.5).role, undefined);
  });

  test('during a full sync or an RDB load, persistence (loading) is read every poll', () => {
    const plan = pollPlan({ ...idle(readAll(9500), 9500), syncing: true }, 10_000, tiers, 0.3);
    assert.deepEqual(plan.sections, [...FAST_SECTIONS, 'persistence']);
    assert.equal(plan.withConfig, false);
  });
});

const info = (runId: string, extra: string[] = []) =>
  parseInfo(
    [
      '# Server',
      `run_id:${runId}`,
      '# Replication',
      'role:master',
      'connected_slaves:0',
      'master_replid:abc',
      '# Stats',
      'sync_full:0',
      ...extra,
      '',
    ].join('\r\n'),
  );

describe('slow sections carried between polls', () => {
  const full = info('r1', [
    '# Memory',
    'used_memory:100',
    '# Keyspace',
    'db0:keys=7,expires=0,avg_ttl=0',
    '# Persistence',
    'loading:0',
  ]);

  test('a poll without them keeps the previous reading of the same process', () => {
    const carried = carrySlowSections(info('r1'), full);
    assert.equal(carried.sections.memory?.used_memory, '100');
    assert.equal(carried.keyspace[0]?.keys, 7);
    assert.equal(carried.sections.persistence?.loading, '0');
  });

  test('a fresh reading replaces the carried one', () => {
    const carried = carrySlowSections(info('r1', ['# Memory', 'used_memory:200']), full);
    assert.equal(carried.sections.memory?.used_memory, '200');
  });

  test('a restarted node (new run_id) carries nothing from the old process', () => {
    const carried = carrySlowSections(info('r2'), full);
    assert.equal(carried.sections.memory, undefined);
    assert.deepEqual(carried.keyspace, []);
  });

  test('a role, link, resync or restart change is a changed situation; a quiet poll is not', () => {
    assert.equal(situationChanged(full, info('r1')), false);
    assert.equal(situationChanged(undefined, info('r1')), false);
    assert.equal(situationChanged(full, info('r2')), true);
    const resynced = parseInfo(
      [
        '# Server',
        'run_id:r1',
        '# Replication',
        'role:master',
        'connected_slaves:0',
        'master_replid:abc',
        '# Stats',
        'sync_full:1',
        '',
      ].join('\r\n'),
    );
    assert.equal(situationChanged(full, resynced), true);
  });
});
