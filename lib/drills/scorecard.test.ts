import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeScorecard, type DrillObservation, type ObservedFinding } from './scorecard';
import { authFailure } from './scenarios-faults';

const T0 = 1_000_000;
const finding = (over: Partial<ObservedFinding>): ObservedFinding => ({
  id: 'f1',
  kind: 'link_down',
  severity: 'critical',
  openedAt: T0 + 700,
  wasOpenBefore: false,
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

test('computeScorecard() passes a drill whose finding opened with the expected cause in time and recovered', () => {
  const card = computeScorecard(observe());
  assert.equal(card.passed, true, JSON.stringify(card.expectations));
  assert.deepEqual(card.timings, { detectMs: 650, recoverMs: 1_200 });
  assert.deepEqual(card.unexpected, []);
});

test('computeScorecard() times an expected cause from when it was first announced, not when the finding opened', () => {
  const card = computeScorecard(
    observe({
      findings: [
        finding({ cause: 'upstream_down', openedAt: T0 + 300 }),
        finding({ cause: 'auth_failed', openedAt: T0 + 1_300 }),
      ],
    }),
  );
  assert.equal(card.timings.detectMs, 1_250);
});

test('computeScorecard() fails the right cause missing and says which cause it saw instead', () => {
  const card = computeScorecard(observe({ findings: [finding({ cause: 'connection_refused' })] }));
  assert.equal(card.passed, false);
  const first = card.expectations[0];
  assert.equal(first?.passed, false);
  assert.match(first?.detail ?? '', /connection_refused, expected auth_failed/);
  assert.equal(card.timings.detectMs, null);
});

test('computeScorecard() fails an unexpected critical finding but lists tolerated ones without failing', () => {
  const extra = [
    finding({ id: 'f2', kind: 'replication_lag', severity: 'critical' }),
    finding({ id: 'f3', kind: 'split_brain', severity: 'critical' }),
    finding({ id: 'f4', kind: 'config_risk', severity: 'info' }),
  ];
  const card = computeScorecard(
    observe({ findings: [finding({ cause: 'auth_failed' }), ...extra] }),
  );
  assert.equal(card.passed, false);
  assert.deepEqual(
    card.unexpected.map((u) => [u.kind, u.tolerated]),
    [
      ['replication_lag', true],
      ['split_brain', false],
    ],
  );
});

test('computeScorecard() ignores findings from before the fault for "unexpected", and fails a recovery that never came', () => {
  const before = finding({ id: 'old', kind: 'memory_pressure', openedAt: T0 - 10 });
  const card = computeScorecard(
    observe({
      recoveredAt: null,
      recoveryProblem: 'links not up: r1',
      findings: [finding({ cause: 'auth_failed' }), before],
    }),
  );
  assert.deepEqual(card.unexpected, []);
  const recovery = card.expectations.find((e) => e.what.en.startsWith('Recovered'));
  assert.equal(recovery?.passed, false);
  assert.match(recovery?.detail ?? '', /did not recover: links not up: r1/);
});
