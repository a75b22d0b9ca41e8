import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DrillRun } from '@/lib/contracts/drills';
import { applyDrillProgress, applyDrillRecord, isDrillOver } from './drill-view';

const run = (over: Partial<DrillRun> = {}): DrillRun => ({
  id: 'drill-abc-1234',
  scenario: 'slow-link',
  guided: true,
  state: 'running',
  startedAt: 1,
  actor: 'ops',
  incidentIds: [],
  steps: [
    { index: 0, kind: 'inject', label: { en: 'a', zh: 'a' }, state: 'done' },
    { index: 1, kind: 'remove', label: { en: 'b', zh: 'b' }, state: 'pending' },
  ],
  ...over,
});

test('applyDrillProgress() shows the guided pause on its step', () => {
  const next = applyDrillProgress(run(), {
    id: 'drill-abc-1234',
    state: 'paused',
    step: { index: 1, kind: 'remove', label: { en: 'b', zh: 'b' }, state: 'waiting_operator' },
  });
  assert.equal(next?.state, 'paused');
  assert.equal(next?.steps[1]?.state, 'waiting_operator');
  assert.equal(next?.steps[0]?.state, 'done');
});

test("applyDrillProgress() ignores another drill's events", () => {
  const r = run();
  assert.equal(
    applyDrillProgress(r, { id: 'drill-other-0000', state: 'paused', step: r.steps[1]! }),
    r,
  );
});

test('applyDrillRecord() never takes a finished drill back to running (a slow GET)', () => {
  const finished = run({ state: 'finished' });
  assert.equal(applyDrillRecord(finished, run()), finished);
  assert.ok(isDrillOver(applyDrillRecord(run(), finished)));
});
