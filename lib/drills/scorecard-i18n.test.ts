import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DrillScorecardSchema } from '../contracts/drills';
import { renderTextRef } from '../i18n/text-ref';
import { computeScorecard, type DrillObservation, type ObservedFinding } from './scorecard';
import { authFailure } from './scenarios-faults';

const T0 = 1_000_000;
const finding = (over: Partial<ObservedFinding>): ObservedFinding => ({
  id: 'f1',
  kind: 'link_down',
  severity: 'critical',
  openedAt: T0 + 700,
  wasOpenBefore: false,
  nodeId: '127.0.0.1:7002',
  ...over,
});
const observe = (over: Partial<DrillObservation> = {}): DrillObservation => ({
  scenario: authFailure,
  faultAt: T0,
  detectClockAt: T0 + 50,
  recoverClockAt: T0 + 2_000,
  recoveredAt: T0 + 3_200,
  findings: [finding({ cause: 'auth_failed' })],
  verifications: [],
  failedSteps: [],
  ...over,
});

const CASES: Record<string, DrillObservation> = {
  passed: observe(),
  wrongCause: observe({ findings: [finding({ cause: 'connection_refused' })] }),
  notRecovered: observe({
    recoveredAt: null,
    recoveryProblem:
      'links not up: 127.0.0.1:7002; open: link_down (auth_failed) critical on 127.0.0.1:7002',
    recoveryWait: {
      linksDown: ['127.0.0.1:7002'],
      open: [
        { kind: 'link_down', cause: 'auth_failed', severity: 'critical', nodeId: '127.0.0.1:7002' },
      ],
    },
  }),
  unexpected: observe({
    findings: [
      finding({ cause: 'auth_failed' }),
      finding({ id: 'f2', kind: 'replica_writable', severity: 'warning' }),
      finding({ id: 'f3', kind: 'split_brain', severity: 'critical' }),
    ],
  }),
  stepFailed: observe({
    failedSteps: [{ label: { en: 'Break auth', zh: '破坏认证' }, detail: 'ERR boom' }],
    error: 'Connection is closed.',
  }),
  neverInjected: observe({ detectClockAt: null, findings: [] }),
};

// Words of the English sentences; ids (link_down, auth_failed, node ids) may stay.
const ENGLISH =
  /\b(opened|after|fault|detected|recovered|recover|never|links|open|none|also|steps?|failed|waited|on|critical|warning|expected|cause|within)\b/i;

for (const [name, o] of Object.entries(CASES)) {
  test(`scorecard lines (${name}) read as Chinese sentences on a zh-CN page, and survive the wire schema`, () => {
    const card = DrillScorecardSchema.parse(JSON.parse(JSON.stringify(computeScorecard(o))));
    for (const e of card.expectations) {
      assert.ok(e.detailText, `no detailText for "${e.what.en}"`);
      const zh = renderTextRef(e.detailText, 'zh-CN');
      assert.ok(zh, `unknown key in ${JSON.stringify(e.detailText)}`);
      assert.doesNotMatch(zh, ENGLISH, `"${e.what.en}": ${zh}`);
      assert.match(zh, /[\u4e00-\u9fff]/, `"${e.what.en}" has no Chinese: ${zh}`);
    }
  });
}

test('the English rendering of a scorecard line says what the English detail says', () => {
  for (const o of [CASES.passed!, CASES.wrongCause!, CASES.notRecovered!, CASES.neverInjected!]) {
    for (const e of computeScorecard(o).expectations.slice(0, 3)) {
      assert.equal(renderTextRef(e.detailText!, 'en'), e.detail);
    }
  }
});

test('a zh-CN "not recovered" line names what it waited on, in Chinese', () => {
  const card = computeScorecard(CASES.notRecovered!);
  const line = card.expectations.find((e) => !e.passed && e.what.en.startsWith('Recovered'));
  assert.equal(
    renderTextRef(line!.detailText!, 'zh-CN'),
    '未恢复：链路未恢复：127.0.0.1:7002；仍未关闭：127.0.0.1:7002 上的 link_down (auth_failed)（严重）',
  );
});
