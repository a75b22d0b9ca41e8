// After a crash: runs still marked `running` by a boot that is gone become `interrupted`, in
// the store, the audit and their incident's timeline; then the dead owner's lock is dropped.
import type { ActionLock } from './action-lock';
import type { ActionStore } from './action-store';
import type { RunRecorder } from './run-recorder';

export function markInterrupted(
  store: ActionStore,
  lock: ActionLock,
  recorder: RunRecorder,
  topology: string,
  now = Date.now(),
): number {
  const stale = lock.staleRow();
  const live = lock.holder();
  let count = 0;
  for (const run of store.orphanedRuns(topology, lock.bootId)) {
    // Another live server (same data dir) still owns this one.
    if (live?.run_id === run.id) continue;
    for (const s of run.steps) {
      if (s.state === 'running') {
        s.state = 'failed';
        s.error = 'interrupted: the server stopped during this step';
      } else if (s.state === 'pending') s.state = 'skipped';
    }
    run.state = 'interrupted';
    run.endedAt = now;
    run.error =
      'The ReplicaOps server stopped while this action ran. Check the nodes it touched before acting again.';
    store.updateRun(run);
    recorder.interrupted(run);
    count++;
  }
  if (stale) lock.clearStale(stale);
  return count;
}
