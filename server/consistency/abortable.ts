// Cancellation plumbing: every wait of a check run ends as soon as its signal fires.

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export function checkAbort(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError('cancelled');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError('cancelled'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError('cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
