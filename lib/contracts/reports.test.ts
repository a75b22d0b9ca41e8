import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RollupMetric, RollupRow } from '../history/rollup';
import { buildReport } from '../reports/report-builder';
import type { ReportInput } from '../reports/report-types';
import { CheckListResponseSchema, CheckRunSchema } from './checks';
import { LogoutResponseSchema, MeSchema } from './auth';
import { HealthReportSchema } from './reports';

const MIN = 60_000;
const DAY0 = Date.UTC(2026, 0, 5);
const M = '10.0.0.1:6379';
const R = '10.0.0.2:6379';

function rows(nodeId: string, metric: RollupMetric, v: (m: number) => number): RollupRow[] {
  return Array.from({ length: 120 }, (_, m) => {
    const x = v(m);
    return { resMs: MIN, nodeId, metric, bucket: DAY0 + m * MIN, count: 60, sum: x * 60, min: x, max: x };
  });
}

/** A day with a 6-minute replica outage, its incident and a lag spike: every optional part is filled. */
function input(): ReportInput {
  return {
    period: 'day',
    from: DAY0,
    to: DAY0 + 24 * 60 * MIN,
    generatedAt: DAY0 + 24 * 60 * MIN,
    topology: 'lab',
    resolutionMs: MIN,
    rows: [
      ...rows(M, 'reachable', () => 1),
      ...rows(M, 'memoryUsedBytes', (m) => (100 + m) * 1048576),
      ...rows(R, 'reachable', (m) => (m >= 60 && m < 66 ? 0 : 1)),
      ...rows(R, 'linkUp', (m) => (m >= 60 && m < 67 ? 0 : 1)),
      ...rows(R, 'lagSeconds', (m) => (m === 67 ? 30 : 0)),
    ],
    nodes: [
      { id: M, role: 'master', host: '10.0.0.1', rdbBgsaveStatus: 'ok', maxmemoryBytes: 400 * 1048576 },
      { id: R, role: 'replica', upstream: M, host: '10.0.0.2', rdbBgsaveStatus: 'ok' },
    ],
    incidents: [
      {
        id: 'inc-1',
        title: 'link down',
        titleI18n: { en: 'link down', zh: '复制链路断开' },
        severity: 'critical',
        state: 'resolved',
        openedAt: DAY0 + 60 * MIN + 5000,
        resolvedAt: DAY0 + 68 * MIN,
        nodeIds: [R],
        tags: [],
      },
    ],
    checkRuns: [],
    drills: [],
    logErrors: null,
    thresholds: { lagWarningSeconds: 2, lagCriticalSeconds: 10, memoryWarningPct: 80, memoryCriticalPct: 95 },
    advice: { maxDirectReplicas: 1 },
  };
}

test('HealthReportSchema accepts the report the builder makes, as it comes over the wire', () => {
  const report = buildReport(input());
  const wire: unknown = JSON.parse(JSON.stringify(report));
  const parsed = HealthReportSchema.parse(wire);
  assert.deepEqual(parsed, wire);
  assert.equal(parsed.nodes.find((n) => n.id === R)?.figures.downEpisodes[0]?.incidentIds[0], 'inc-1');
  assert.equal(parsed.incidents[0]?.titleI18n?.zh, '复制链路断开');
});

test('HealthReportSchema rejects a report with a missing figure, an unknown reason or a bad status', () => {
  const wire = JSON.parse(JSON.stringify(buildReport(input()))) as {
    status: string;
    checks: Array<{ reason: string }>;
    nodes: Array<{ figures: Record<string, unknown> }>;
  };
  const broken = [
    (w: typeof wire) => delete w.nodes[0]?.figures.coveredMinutes,
    (w: typeof wire) => (w.checks[0]!.reason = 'reports.reason.noSuchKey'),
    (w: typeof wire) => (w.status = 'green'),
  ];
  for (const breakIt of broken) {
    const copy = structuredClone(wire);
    breakIt(copy);
    assert.equal(HealthReportSchema.safeParse(copy).success, false, JSON.stringify(copy).slice(0, 80));
  }
});

test('check, me and logout schemas reject answers of another shape', () => {
  assert.equal(CheckListResponseSchema.safeParse({ checks: [{ id: 'chk-1', kind: 'compare' }] }).success, false);
  assert.equal(CheckRunSchema.safeParse({ id: 'chk-1', kind: 'diff', state: 'done' }).success, false);
  assert.equal(MeSchema.safeParse({ authEnabled: true, readOnly: false, user: { username: 'a', role: 'root', via: 'session' } }).success, false);
  assert.equal(LogoutResponseSchema.safeParse({ ok: false }).success, false);
  assert.deepEqual(MeSchema.parse({ authEnabled: false, readOnly: false, user: { username: 'local', role: 'admin', via: 'none' } }).user?.role, 'admin');
});
