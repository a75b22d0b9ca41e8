// What every injector returns, so a drill runner can log it and put things back.

export type FaultKind =
  | 'partition'
  | 'latency'
  | 'bandwidth'
  | 'kill_master'
  | 'pause_node'
  | 'replace_replica'
  | 'password_change'
  | 'backlog_overflow'
  | 'output_buffer_loop'
  | 'writable_replica';

export interface InjectedFault {
  kind: FaultKind;
  /** Sandbox node names the fault touched (the first is the one a finding should name). */
  nodes: string[];
  /** Values worth recording with the drill (never a password). */
  detail: Record<string, string | number | boolean>;
  /** Removes the fault; absent when there is nothing to put back. Runs at most once. */
  undo?: () => Promise<void>;
}

/** Wraps an undo so a second call (drill abort after a normal undo) is a no-op. */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
