// Runs a built plan step by step: stop at the first failing step, verify when all passed, roll
// back what can be undone, and always report the state each involved node was left in.
import type { ActionRun, PreflightCheck } from '../../lib/contracts';
import { redactUrl } from '../../lib/redact';
import { check } from './checks';
import { withTimeout } from './live-redis';
import type { BuiltPlan, RunContext } from './types';
import { nodeStates } from './waits';

/** Slack on top of a step's own budget, so its inner timeout reports first and says more. */
const STEP_SLACK_MS = 2_000;

function message(err: unknown): string {
  return redactUrl(err instanceof Error ? err.message : String(err)).slice(0, 500);
}

export interface RunnerHooks {
  /** Persist the run after every change (a crash leaves the last known step on disk). */
  save(run: ActionRun): void;
  stepChanged(run: ActionRun, index: number): void;
}

export async function runPlan(
  built: BuiltPlan,
  run: ActionRun,
  ctx: RunContext,
  hooks: RunnerHooks,
): Promise<ActionRun> {
  let failedAt = -1;
  for (const [i, step] of built.steps.entries()) {
    const rs = run.steps[i];
    if (!rs) break;
    rs.state = 'running';
    rs.startedAt = Date.now();
    hooks.save(run);
    hooks.stepChanged(run, i);
    try {
      rs.result = await withTimeout(
        step.run(ctx),
        step.timeoutMs + STEP_SLACK_MS,
        `step ${i + 1} (${step.command})`,
      );
      rs.state = 'ok';
    } catch (err) {
      rs.state = 'failed';
      rs.error = message(err);
      failedAt = i;
    }
    rs.endedAt = Date.now();
    hooks.save(run);
    hooks.stepChanged(run, i);
    if (failedAt >= 0) break;
  }
  let verified = false;
  if (failedAt >= 0) {
    for (const rs of run.steps.slice(failedAt + 1)) rs.state = 'skipped';
    run.error = `step ${failedAt + 1} failed on ${run.steps[failedAt]?.nodeId}: ${run.steps[failedAt]?.error}`;
  } else {
    ctx.progress({ phase: 'verify', message: { en: 'Verifying the result', zh: '正在验证结果' } });
    try {
      run.verify = await built.verify(ctx);
    } catch (err) {
      run.verify = [check('verify', false, message(err))];
    }
    verified = run.verify.every((c) => c.ok);
    if (!verified)
      run.error = `verification failed: ${run.verify
        .filter((c) => !c.ok)
        .map((c) => c.detail)
        .join('; ')}`;
  }
  const changedSomething = built.steps.some((s, i) => !s.isWait && run.steps[i]?.state === 'ok');
  if (verified) run.state = 'succeeded';
  else if (built.rollback && changedSomething) run.state = await rollback(built, run, ctx);
  else run.state = 'failed';
  if (run.state === 'succeeded' && built.revert) run.revert = built.revert;
  try {
    run.nodeStates = await nodeStates(ctx, built.involved);
  } catch (err) {
    run.error = `${run.error ?? ''} (node states unavailable: ${message(err)})`.trim();
  }
  run.endedAt = Date.now();
  return run;
}

async function rollback(
  built: BuiltPlan,
  run: ActionRun,
  ctx: RunContext,
): Promise<ActionRun['state']> {
  ctx.progress({ phase: 'rollback', message: { en: 'Rolling back', zh: '正在回滚' } });
  let result: PreflightCheck;
  try {
    const what = await withTimeout(
      (built.rollback as NonNullable<BuiltPlan['rollback']>)(ctx),
      ctx.timeouts.commandMs * 4,
      'rollback',
    );
    result = check('rolled_back', true, what, '已回滚');
  } catch (err) {
    result = check('rolled_back', false, `rollback failed: ${message(err)}`, '回滚失败');
  }
  run.verify = [...run.verify, result];
  return result.ok ? 'rolled_back' : 'failed';
}
