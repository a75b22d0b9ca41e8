'use client';
// Who is signed in and whether auth and read-only mode are on: fetched once per tab and shared by
// the header, the banners and every page that hides what the user may not do.
import { useSyncExternalStore } from 'react';
import { errorMessage } from './api-client';
import { fetchMe, type Me } from './auth-api';

export { canOperate, type Me } from './auth-api';

export interface MeState {
  /** Null until the first answer. */
  me: Me | null;
  error: string | null;
}

const INITIAL: MeState = { me: null, error: null };
const RETRY_MS = 5000;

let state: MeState = INITIAL;
let started = false;
const listeners = new Set<() => void>();

function update(next: MeState): void {
  state = next;
  for (const l of listeners) l();
}

async function load(): Promise<void> {
  try {
    update({ me: await fetchMe(), error: null });
  } catch (err) {
    update({ me: state.me, error: errorMessage(err) });
    setTimeout(() => void load(), RETRY_MS); // the server may be restarting
  }
}

function subscribe(listener: () => void): () => void {
  if (!started) {
    started = true;
    void load();
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMe(): MeState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => INITIAL,
  );
}
