'use client';
// The incident list for a set of filters (REST), reloaded on pushes and every 30 s so relative
// ranges ("last hour") keep moving.
import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import type { Incident } from '@/lib/contracts';
import { filtersToApiQuery, type IncidentFilters } from '@/components/incidents/incident-filters';
import { errorMessage } from './api-client';
import { fetchIncidents } from './incidents-api';
import { useIncidentEvents } from './use-incident-events';

const REFRESH_MS = 30_000;

export interface IncidentsState {
  key: string;
  incidents: Incident[] | null;
  error: string | null;
}

export function useIncidents(filters: IncidentFilters): IncidentsState {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<IncidentsState>({ key, incidents: null, error: null });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  // The filters of this render; the effect reruns when their `key` changes, not their identity.
  const query = useEffectEvent(() => filtersToApiQuery(filters, Date.now()));

  useEffect(() => {
    const ac = new AbortController();
    fetchIncidents(query(), ac.signal).then(
      (incidents) => setState({ key, incidents, error: null }),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        setState((prev) => ({
          key,
          incidents: prev.key === key ? prev.incidents : null,
          error: errorMessage(err),
        }));
      },
    );
    const timer = setTimeout(reload, REFRESH_MS);
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [key, version, reload]);

  useIncidentEvents(reload);

  return state.key === key ? state : { key, incidents: null, error: null };
}
