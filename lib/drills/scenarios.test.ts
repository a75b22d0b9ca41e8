import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DRILL_SCENARIO_IDS, DrillScenarioSummarySchema } from '../contracts/drills';
import { detectClockIndex, recoveryPointIndex, scenarioSummary, SCENARIOS } from './scenarios';

test('SCENARIOS covers every scenario id once, the seed’s three first', () => {
  assert.deepEqual(
    SCENARIOS.map((s) => s.id),
    [...DRILL_SCENARIO_IDS],
  );
  assert.deepEqual(
    SCENARIOS.slice(0, 3).map((s) => s.source),
    ['network interruption', 'master restart', 'replica failure'],
  );
});

for (const s of SCENARIOS) {
  test(`scenario ${s.id} is runnable: one repair point after its detection, expectations, both languages`, () => {
    assert.equal(s.steps.filter((x) => x.isRecoveryPoint).length, 1, 'exactly one recovery point');
    const detect = detectClockIndex(s);
    assert.ok(detect >= 0, 'a step starts the detection clock');
    assert.ok(recoveryPointIndex(s) > detect, 'the repair comes after the fault');
    assert.ok(s.expect.length > 0);
    // A guided pause only makes sense once the finding is on screen: wait for it first.
    const waits = s.steps
      .slice(detect, recoveryPointIndex(s))
      .filter((x) => x.kind === 'wait' && x.until.type === 'finding');
    assert.ok(waits.length > 0, 'the drill waits for a finding before its repair');
    for (const text of [s.title, s.description, s.guidedHint, ...s.steps.map((x) => x.label)]) {
      assert.ok(text.en.trim() && text.zh.trim(), JSON.stringify(text));
      assert.notEqual(text.en, text.zh);
    }
    for (const e of s.expect)
      assert.ok(!s.tolerate.includes(e.kind), `${e.kind} is expected, not tolerated`);
    assert.ok(DrillScenarioSummarySchema.safeParse(scenarioSummary(s)).success);
  });
}
