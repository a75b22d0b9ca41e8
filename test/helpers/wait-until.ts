// Poll until a condition holds; real processes change state on their own clock.
import { waitFor } from '../../server/sandbox';

export interface WaitUntilOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Names the condition in the failure message. */
  what?: string;
}

/** Resolves once `predicate` returns true (throws count as "not yet"); rejects on timeout. */
export function waitUntil(
  predicate: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, intervalMs = 50, what }: WaitUntilOptions = {},
): Promise<void> {
  return waitFor(predicate, timeoutMs, { intervalMs, what });
}
