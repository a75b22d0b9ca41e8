// Starts a run in the background: heartbeat on the lock while it lasts, progress events per
// step, and on the end — whatever happens — the record, the event, the lock and connections.
import type { ActionProgress, ActionRun } from '../../lib/contracts';
import type { ActionLock } from './action-lock';
import type { ActionStore } from './action-store';
import type { LiveRedis } from './live-redis';
import type { RunRecorder } from './run-recorder';
import { runPlan } from './runner';
import type { ActionTimeouts, BuiltPlan } from './types';

export interface LaunchDeps {
  store: ActionStore;
  lock: ActionLock;
  recorder: RunRecorder;
  timeouts: ActionTimeouts;
  heartbeatMs: number;
  signal: AbortSignal;
  onProgress(p: ActionProgress): void;
  onFinished(run: ActionRun): void;
}

export function launchRun(
  d: LaunchDeps,
  run: ActionRun,
  built: BuiltPlan,
  live: LiveRedis,
): Promise<void> {
  const beat = setInterval(() => {
    // A timer must never throw: a closed store (shutdown) would crash the process.
    try {
      d.lock.heartbeat(run.id);
    } catch {
      clearInterval(beat);
    }
  }, d.heartbeatMs);
  beat.unref();
  const progress = (p: Omit<ActionProgress, 'runId' | 'action' | 'target' | 'at'>) =>
    d.onProgress({ runId: run.id, action: run.action, target: run.target, at: Date.now(), ...p });
  const ctx = { live, timeouts: d.timeouts, progress, signal: d.signal };
  return runPlan(built, run, ctx, {
    save: (r) => d.store.updateRun(r),
    stepChanged: (r, i) => {
      const s = r.steps[i];
      if (!s) return;
      const tail = s.error ? `: ${s.error}` : '';
      progress({
        phase: 'step',
        stepIndex: i,
        stepState: s.state,
        message: {
          en: `${s.nodeId}: ${s.command} — ${s.state}${tail}`,
          zh: `${s.nodeId}：${s.command} — ${s.state}${tail}`,
        },
      });
    },
  })
    .catch((err: unknown) =>
      Object.assign(run, {
        state: 'failed' as const,
        endedAt: Date.now(),
        error: `internal error: ${(err as Error).message}`,
      }),
    )
    .then((final) => {
      d.store.updateRun(final);
      d.recorder.finished(final);
      d.onFinished(final);
    })
    .finally(() => {
      clearInterval(beat);
      d.lock.release(run.id);
      live.close();
    });
}
