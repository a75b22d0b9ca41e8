// Polling helpers: real processes change state on their own clock, so tests and start-up poll.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitForOptions {
  intervalMs?: number;
  /** Names the condition in the timeout error. */
  what?: string;
}

/**
 * Polls `predicate` until it returns true. A throw counts as "not yet" (a node that is still
 * starting refuses connections); the last throw is quoted in the timeout error.
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs: number,
  options: WaitForOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await predicate()) return;
      lastError = undefined;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) break;
    await sleep(options.intervalMs ?? 50);
  }
  const why = lastError instanceof Error ? `: ${lastError.message}` : '';
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${options.what ?? 'condition'}${why}`,
  );
}
