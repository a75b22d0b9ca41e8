// A self-rescheduling poll for hooks' effects: the next tick is scheduled only after the last
// one finished (never overlapping); the cleanup stops the loop and aborts the tick in flight.

/**
 * Runs `tick` now and again `everyMs` after each one ends, until the returned cleanup runs or
 * `tick` answers false. `tick` gets an AbortSignal that is aborted by the cleanup (check
 * `signal.aborted` before writing state after an await) and must not throw.
 */
export function pollLoop(
  tick: (signal: AbortSignal) => Promise<boolean | void>,
  everyMs: number,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ac: AbortController | undefined;
  let stopped = false;
  const run = async () => {
    ac = new AbortController();
    const goOn = await tick(ac.signal);
    if (!stopped && goOn !== false) timer = setTimeout(() => void run(), everyMs);
  };
  void run();
  return () => {
    stopped = true;
    ac?.abort();
    clearTimeout(timer);
  };
}
