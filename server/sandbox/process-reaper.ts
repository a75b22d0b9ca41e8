// Last line of defence: when the parent dies, no sandbox redis-server may outlive it.
//
// One set of process-level hooks for every sandbox in the process, installed on first spawn:
// - `exit`: runs for process.exit() and a normal end of the event loop; only sync code can run,
//   so it SIGKILLs (process.kill is synchronous) and does not wait.
// - `uncaughtExceptionMonitor`: observes a crash without counting as a handler, so the app's
//   own `uncaughtException` handling (or Node's default crash) is unchanged.
// - SIGINT/SIGTERM/SIGHUP: any listener replaces Node's default "terminate", so after killing
//   the children we re-raise the signal (the process then dies by it, exit status 128+n, as a
//   shell expects) — but only when ours is the last listener. If the app has its own handler,
//   it decides when to exit; our `exit` hook still covers whatever is left then.
// A SIGKILL of the parent cannot be caught; those children are orphaned (Linux offers no
// parent-death signal to Node).
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let installed = false;

export function track(child: ChildProcess): void {
  install();
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/** A temp dir to remove (best effort) if the process ends before its sandbox is stopped. */
export function trackTempDir(dir: string, isTracked: boolean): void {
  if (isTracked) tempDirs.add(dir);
  else tempDirs.delete(dir);
}

/** PIDs of every sandbox child still running in this process (tests use it to find leaks). */
export function livePids(): number[] {
  return [...live].flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
}

export function killAllNow(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // Already gone: nothing to do, and an exit hook must never throw.
    }
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAllAndClean);
  process.on('uncaughtExceptionMonitor', killAllNow);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function killAllAndClean(): void {
  killAllNow();
  for (const dir of tempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // A child may still be writing there for a moment; a stray temp dir is harmless.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listenerCount(signal) > 1) {
    killAllNow(); // the app handles this signal and exits when it is ready
    return;
  }
  // Re-raising skips the `exit` event, so clean the temp dirs here too.
  killAllAndClean();
  process.removeListener(signal, onSignal);
  process.kill(process.pid, signal);
}
