'use client';
// The overview's view, search and filter live in the URL (`?view=&q=&only=`), so a link or a
// reload shows the same thing. replaceState: typing a search does not fill the back button.
import { useCallback, useMemo, useSyncExternalStore } from 'react';

export interface OverviewParams {
  view: string | null;
  q: string;
  only: string | null;
}

const CHANGED = 'replicaops:url-params';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(CHANGED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(CHANGED, listener);
  };
}

export function useUrlParams(): [OverviewParams, (patch: Partial<OverviewParams>) => void] {
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
  const params = useMemo<OverviewParams>(() => {
    const p = new URLSearchParams(search);
    return { view: p.get('view'), q: p.get('q') ?? '', only: p.get('only') };
  }, [search]);
  const update = useCallback((patch: Partial<OverviewParams>) => {
    const url = new URL(window.location.href);
    for (const [key, value] of Object.entries(patch)) {
      if (value === null || value === undefined || value === '') url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    window.history.replaceState(window.history.state, '', url);
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [params, update];
}
