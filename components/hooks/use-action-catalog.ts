'use client';
// The action catalog (titles, descriptions, destructive flag, required role): it only changes
// with the server's config, so it is fetched once per tab and shared by every dialog and menu.
import { useSyncExternalStore } from 'react';
import { errorMessage } from './api-client';
import { fetchActionCatalog, type ActionCatalog } from './actions-api';

export interface ActionCatalogState {
  catalog: ActionCatalog | null;
  error: string | null;
}

const INITIAL: ActionCatalogState = { catalog: null, error: null };
const RETRY_MS = 5000;

let state: ActionCatalogState = INITIAL;
let started = false;
const listeners = new Set<() => void>();

function update(next: ActionCatalogState): void {
  state = next;
  for (const l of listeners) l();
}

async function load(): Promise<void> {
  try {
    update({ catalog: await fetchActionCatalog(), error: null });
  } catch (err) {
    update({ catalog: state.catalog, error: errorMessage(err) });
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

export function useActionCatalog(): ActionCatalogState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => INITIAL,
  );
}
