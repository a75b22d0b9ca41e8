// What the monitor needs from its connections, and nothing more: the concrete NodePool in
// production, a fake in the cycle's unit tests.
import type { PollResult } from '../redis/node-client';
import type { PollPlan } from './poll-tiers';

export interface PollTarget {
  /** Resolves by `deadlineMs` at the latest; a failure is a `{ ok: false }` result. */
  poll(deadlineMs: number, plan?: PollPlan): Promise<PollResult>;
}

export interface MonitorPool {
  readonly seeds: ReadonlyArray<{ id: string }>;
  get(id: string): PollTarget;
  /** The node left the tree: close its connection. */
  release(id: string): void;
  /** Set by the monitor: a node's established connection closed. */
  onNodeLost: (id: string) => void;
}
