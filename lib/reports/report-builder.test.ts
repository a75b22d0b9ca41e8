import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RollupMetric, RollupRow } from '../history/rollup';
import { periodBounds } from './period-stats';
import { buildReport } from './report-builder';
import { reportToHtml, reportToMarkdown } from './report-render';
import type { ReportInput } from './report-types';
import { checkReason } from './report-words';
import { DICTIONARIES } from '../i18n';

const MIN = 60_000;
const DAY0 = Date.UTC(2026, 0, 5); // a Monday
const M = '10.0.0.1:6379';
const R1 = '10.0.0.2:6379';
const R2 = '10.0.0.1:6380';

/** One minute bucket per minute of [fromMin, toMin) with the same value `v` (count 60). */
function rows(
  nodeId: string,
  metric: RollupMetric,
  fromMin: number,
  toMin: number,
  v: number | ((m: number) => number),
): RollupRow[] {
  const out: RollupRow[] = [];
  for (let m = fromMin; m < toMin; m++) {
    const x = typeof v === 'function' ? v(m) : v;
    out.push({
      resMs: MIN,
      nodeId,
      metric,
      bucket: DAY0 + m * MIN,
      count: 60,
      sum: x * 60,
      min: x,
      max: x,
    });
  }
  return out;
}

function input(over: Partial<ReportInput> = {}): ReportInput {
  return {
    period: 'day',
    from: DAY0,
    to: DAY0 + 24 * 60 * MIN,
    generatedAt: DAY0 + 24 * 60 * MIN,
    topology: 'lab',
    resolutionMs: MIN,
    rows: [
      ...rows(M, 'reachable', 0, 120, 1),
      ...rows(R1, 'reachable', 0, 120, (m) => (m >= 60 && m < 66 ? 0 : 1)), // 6 min down
      ...rows(R1, 'linkUp', 0, 120, (m) => (m >= 60 && m < 67 ? 0 : 1)),
      ...rows(R1, 'lagSeconds', 0, 120, (m) => (m === 67 ? 30 : 0)),
      ...rows(R2, 'reachable', 0, 120, 1),
      ...rows(R2, 'linkUp', 0, 120, 1),
      ...rows(R2, 'lagSeconds', 0, 120, 0),
      ...rows(M, 'syncFullDelta', 0, 120, (m) => (m === 67 ? 1 / 60 : 0)),
      ...rows(M, 'memoryUsedBytes', 0, 120, (m) => 100 * 1048576 + m * 1048576), // +1 MiB/min
      ...rows(M, 'memoryPct', 0, 120, 50),
      ...rows(M, 'replOffsetRate', 0, 120, 512 * 1024),
      ...rows(M, 'cpuPct', 0, 120, 10),
    ],
    nodes: [
      {
        id: M,
        role: 'master',
        host: '10.0.0.1',
        config: { 'repl-backlog-size': '1048576', maxmemory: '400000000' },
        rdbBgsaveStatus: 'ok',
        rdbLastSaveAgeSeconds: 600,
        maxmemoryBytes: 400 * 1048576,
      },
      {
        id: R1,
        role: 'replica',
        upstream: M,
        host: '10.0.0.2',
        config: { 'repl-backlog-size': '1048576', maxmemory: '0' },
        rdbBgsaveStatus: 'ok',
      },
      {
        id: R2,
        role: 'replica',
        upstream: M,
        host: '10.0.0.1',
        config: { 'repl-backlog-size': '1048576', maxmemory: '400000000' },
        rdbBgsaveStatus: 'err',
      },
    ],
    incidents: [
      {
        id: 'inc-1',
        title: 'link down',
        severity: 'critical',
        state: 'resolved',
        openedAt: DAY0 + 60 * MIN + 5000,
        resolvedAt: DAY0 + 68 * MIN,
        nodeIds: [R1],
        tags: [],
      },
    ],
    checkRuns: [],
    drills: [],
    logErrors: [{ nodeId: R1, category: 'network', count: 4 }],
    thresholds: {
      lagWarningSeconds: 2,
      lagCriticalSeconds: 10,
      memoryWarningPct: 80,
      memoryCriticalPct: 95,
    },
    advice: { maxDirectReplicas: 1 },
    ...over,
  };
}

const check = (checks: ReadonlyArray<{ id: string; status: string }>, id: string) =>
  checks.find((c) => c.id === id);

test('buildReport counts the minutes a replica was down and links the episode to its incident', () => {
  const r = buildReport(input());
  const r1 = r.nodes.find((n) => n.id === R1);
  assert.equal(r1?.figures.unreachableMinutes, 6);
  assert.equal(r1?.figures.linkDownMinutes, 7);
  const avail = check(r1?.checks ?? [], 'availability');
  assert.equal(avail?.status, 'fail');
  assert.deepEqual(
    r1?.figures.downEpisodes.map((e) => [
      (e.from - DAY0) / MIN,
      (e.to - DAY0) / MIN,
      e.incidentIds,
    ]),
    [[60, 67, ['inc-1']]],
  );
  assert.equal(check(r.nodes.find((n) => n.id === M)?.checks ?? [], 'availability')?.status, 'ok');
});

test('buildReport: lag over the critical threshold fails with its worst episode; time to detect and recover', () => {
  const r = buildReport(input());
  const lag = r.nodes.find((n) => n.id === R1)?.checks.find((c) => c.id === 'lag');
  assert.equal(lag?.status, 'fail');
  assert.equal(lag?.params?.max, 30);
  const inc = r.incidents[0];
  assert.equal(inc?.detectMs, 5000, 'the fault began at minute 60, the incident opened 5 s later');
  assert.equal(inc?.recoverMs, 8 * MIN - 5000);
  assert.equal(check(r.checks, 'incidents')?.status, 'warn');
});

test('buildReport: memory growth per week and days until maxmemory at that rate', () => {
  const m = buildReport(input()).nodes.find((n) => n.id === M);
  assert.equal(m?.figures.memoryGrowthPerWeekBytes, 7 * 24 * 60 * 1048576);
  // 400 MiB limit, 219 MiB used at the end, +1440 MiB/day → 0.1 day.
  assert.equal(m?.figures.daysUntilMaxmemory, 0.1);
  assert.equal(check(m?.checks ?? [], 'memory')?.status, 'fail');
  assert.equal(check(m?.checks ?? [], 'resyncs')?.status, 'warn');
});

test('buildReport: persistence failure, log errors, config drift and topology advice', () => {
  const r = buildReport(input());
  assert.equal(
    check(r.nodes.find((n) => n.id === R2)?.checks ?? [], 'persistence')?.status,
    'fail',
  );
  assert.equal(check(r.nodes.find((n) => n.id === R1)?.checks ?? [], 'logs')?.status, 'warn');
  const drift = r.checks.find((c) => c.id === 'config.drift');
  assert.equal(drift?.status, 'warn');
  assert.match(String(drift?.params?.keys), /maxmemory/);
  const relay = r.checks.find((c) => c.id === 'advice.relay');
  assert.equal(
    relay?.params?.relay,
    R2,
    'the replica with the lowest p95 lag is the suggested relay',
  );
  assert.equal(r.checks.find((c) => c.id === 'advice.colocated')?.params?.replicas, R2);
  // 512 KiB/s × the 7 min link outage = 210 MiB > the 1 MiB backlog.
  const backlog = r.checks.find((c) => c.id === 'advice.backlog');
  assert.equal(backlog?.status, 'warn');
  assert.equal(backlog?.params?.neededMiB, 210);
  assert.equal(r.status, 'fail');
});

test('buildReport: a quiet, healthy period is all ✅ (drills are only due monthly)', () => {
  const healthy = input({
    rows: [
      ...rows(M, 'reachable', 0, 60, 1),
      ...rows(R1, 'reachable', 0, 60, 1),
      ...rows(R1, 'linkUp', 0, 60, 1),
      ...rows(R1, 'lagSeconds', 0, 60, 0),
    ],
    nodes: [
      {
        id: M,
        role: 'master',
        host: 'a',
        rdbBgsaveStatus: 'ok',
        config: { 'repl-backlog-size': String(64 * 1048576) },
      },
      { id: R1, role: 'replica', upstream: M, host: 'b', rdbBgsaveStatus: 'ok' },
    ],
    incidents: [],
    logErrors: [],
    checkRuns: [{ kind: 'canary', startedAt: DAY0, ok: true, state: 'done' }],
    advice: { maxDirectReplicas: 3 },
  });
  const r = buildReport(healthy);
  assert.equal(
    r.status,
    'ok',
    JSON.stringify(
      r.checks
        .filter((c) => c.status !== 'ok')
        .concat(r.nodes.flatMap((n) => n.checks.filter((c) => c.status !== 'ok'))),
    ),
  );
  assert.equal(
    buildReport({ ...healthy, period: 'month' }).checks.find((c) => c.id === 'drills')?.status,
    'warn',
  );
});

test('periodBounds: day, Monday-based week and calendar month, in the given time zone', () => {
  const at = Date.UTC(2026, 0, 7, 23, 30); // Wednesday 23:30 UTC = Thursday 07:30 in UTC+8
  assert.deepEqual(periodBounds('day', at, 0), {
    from: Date.UTC(2026, 0, 7),
    to: Date.UTC(2026, 0, 8),
  });
  assert.deepEqual(periodBounds('day', at, 480), {
    from: Date.UTC(2026, 0, 7, 16),
    to: Date.UTC(2026, 0, 8, 16),
  });
  assert.deepEqual(periodBounds('week', at, 0), {
    from: Date.UTC(2026, 0, 5),
    to: Date.UTC(2026, 0, 12),
  });
  assert.deepEqual(periodBounds('month', at, 0), {
    from: Date.UTC(2026, 0, 1),
    to: Date.UTC(2026, 1, 1),
  });
});

test('the report renders as Markdown and HTML in both languages, HTML escaped', () => {
  const r = buildReport(input({ topology: '<lab>' }));
  const md = reportToMarkdown(r, 'en');
  assert.match(md, /^# Health report — Day ❌/);
  assert.match(md, /Unreachable 6 min, link down 7 min/);
  assert.match(md, /inc-1/);
  const zh = reportToMarkdown(r, 'zh-CN');
  assert.match(zh, /^# 健康报告 — 日 ❌/);
  assert.match(zh, /不可达 6 分钟/);
  const html = reportToHtml(r, 'en');
  assert.match(html, /&lt;lab&gt;/);
  assert.doesNotMatch(html, /<lab>/);
});

test('buildReport: downtime comes from the summed milliseconds, not the share of a partly watched bucket', () => {
  const partial = (metric: RollupMetric, sum: number, count: number): RollupRow => ({
    resMs: MIN,
    nodeId: R1,
    metric,
    bucket: DAY0,
    count,
    sum,
    min: 0,
    max: sum ? 1 : 0,
  });
  const r = buildReport(
    input({
      // Watched for 40 s of the minute, down for 30 s of it: the share says 0.75 min, the clock 0.5.
      rows: [
        partial('reachable', 40, 160),
        partial('unreachableMs', 30_000, 160),
        ...rows(M, 'reachable', 0, 1, 1),
      ],
      incidents: [],
    }),
  );
  assert.equal(r.nodes.find((n) => n.id === R1)?.figures.unreachableMinutes, 0.5);
});

test('reportMessage lists every check that is not ✅, node ones first, with the reason in the chosen language', async () => {
  const { reportMessage, reportSlackText } = await import('./report-message');
  const r = buildReport(input());
  const m = reportMessage(r, 'https://ops.example.com/r', 'zh-CN');
  assert.equal(m.status, 'fail');
  const avail = m.problems.find((p) => p.nodeId === R1 && p.check === 'availability');
  assert.match(avail?.reason ?? '', /不可达 6 分钟/);
  assert.equal(
    m.counts.ok + m.counts.warn + m.counts.fail,
    r.checks.length + r.nodes.reduce((s, n) => s + n.checks.length, 0),
  );
  assert.match(reportSlackText(reportMessage(r, null, 'en'), 'en'), /^❌ \*Health report — Day\*/);
});

test('buildReport: with under an hour of memory history the growth is unknown, and says how much it needs', () => {
  const short = input({
    rows: [...rows(M, 'reachable', 0, 30, 1), ...rows(M, 'memoryUsedBytes', 0, 30, 100 * 1048576)],
  });
  const memory = buildReport(short)
    .nodes.find((n) => n.id === M)
    ?.checks.find((c) => c.id === 'memory');
  assert.ok(memory);
  const en = checkReason(memory, DICTIONARIES.en, 'en');
  assert.match(en, /growth unknown until 1 hour of memory history exist/);
  assert.doesNotMatch(en, /—|MiB\/week/);
  assert.match(
    checkReason(memory, DICTIONARIES['zh-CN'], 'zh-CN'),
    /内存历史满 1 小时后才能估算增长/,
  );
});

test('buildReport: a save minutes old reads in minutes ("just now" under one), never "0 h ago"', () => {
  const persistence = (age: number) => {
    const nodes = input().nodes.map((n) => (n.id === M ? { ...n, rdbLastSaveAgeSeconds: age } : n));
    const c = buildReport(input({ nodes }))
      .nodes.find((n) => n.id === M)
      ?.checks.find((c) => c.id === 'persistence');
    assert.ok(c);
    return checkReason(c, DICTIONARIES.en, 'en');
  };
  assert.match(persistence(600), /Last bgsave ok, 10 minutes ago;/);
  assert.match(persistence(30), /Last bgsave ok, just now;/);
  assert.match(persistence(60), /, 1 minute ago;/);
  assert.match(persistence(7200), /, 2 hours ago;/);
});
