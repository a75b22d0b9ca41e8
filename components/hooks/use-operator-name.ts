'use client';
// The operator's name for the incident timeline, remembered in localStorage (no auth yet).
import { useCallback, useSyncExternalStore } from 'react';

export const OPERATOR_STORAGE_KEY = 'replicaops-operator';
const CHANGE_EVENT = 'replicaops:operator';

function read(): string | null {
  try {
    const v = window.localStorage.getItem(OPERATOR_STORAGE_KEY)?.trim();
    return v ? v : null;
  } catch {
    return null; // storage disabled: ask each time
  }
}

function subscribe(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === OPERATOR_STORAGE_KEY) onChange();
  };
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener('storage', onStorage);
  };
}

export function useOperatorName(): [string | null, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, read, () => null);
  const setName = useCallback((next: string) => {
    try {
      window.localStorage.setItem(OPERATOR_STORAGE_KEY, next.trim().slice(0, 80));
    } catch {
      // storage disabled: the name is used for this action only
    }
    window.dispatchEvent(new Event(CHANGE_EVENT));
  }, []);
  return [name, setName];
}
