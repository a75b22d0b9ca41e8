'use client';
// A value fetched once per browser tab and shared by every component that asks (who am I, the
// action catalog, …): one request, retried while the server restarts, no per-mount refetch.
import { useSyncExternalStore } from 'react';
import { errorMessage } from './api-client';

export interface OncePerTab<T> {
  /** Null until the first answer. */
  value: T | null;
  error: string | null;
}

const RETRY_MS = 5000;

export function oncePerTab<T>(fetcher: () => Promise<T>): () => OncePerTab<T> {
  const initial: OncePerTab<T> = { value: null, error: null };
  let state = initial;
  let started = false;
  const listeners = new Set<() => void>();
  const update = (next: OncePerTab<T>) => {
    state = next;
    for (const l of listeners) l();
  };
  const load = async (): Promise<void> => {
    try {
      update({ value: await fetcher(), error: null });
    } catch (err) {
      update({ value: state.value, error: errorMessage(err) });
      setTimeout(() => void load(), RETRY_MS); // the server may be restarting
    }
  };
  const subscribe = (listener: () => void) => {
    if (!started) {
      started = true;
      void load();
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return function useOncePerTab() {
    return useSyncExternalStore(
      subscribe,
      () => state,
      () => initial,
    );
  };
}
