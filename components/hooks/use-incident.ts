'use client';
// One incident with its timeline and findings (REST), reloaded when the server pushes a change.
import { useCallback, useEffect, useState } from 'react';
import type { Incident, IncidentDetail, TimelineEntry } from '@/lib/contracts';
import { ApiRequestError, errorMessage } from './api-client';
import { fetchIncident } from './incidents-api';
import { useIncidentEvents } from './use-incident-events';

export interface IncidentState {
  id: string;
  detail: IncidentDetail | null;
  error: string | null;
  isNotFound: boolean;
  isLoading: boolean;
}

const initial = (id: string): IncidentState => ({
  id,
  detail: null,
  error: null,
  isNotFound: false,
  isLoading: true,
});

export interface UseIncident extends IncidentState {
  reload(): void;
  /** Apply the incident a mutation returned, before the reload lands. */
  applyIncident(incident: Incident): void;
  appendEntry(entry: TimelineEntry): void;
}

export function useIncident(id: string): UseIncident {
  const [state, setState] = useState<IncidentState>(() => initial(id));
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const ac = new AbortController();
    fetchIncident(id, ac.signal).then(
      (detail) => setState({ id, detail, error: null, isNotFound: false, isLoading: false }),
      (err: unknown) => {
        if (ac.signal.aborted) return;
        setState((prev) => ({
          ...(prev.id === id ? prev : initial(id)),
          error: errorMessage(err),
          isNotFound: err instanceof ApiRequestError && err.status === 404,
          isLoading: false,
        }));
      },
    );
    return () => ac.abort();
  }, [id, version]);

  useIncidentEvents(reload, {
    incident: (i) => i.id === id,
    finding: (f) => f.incidentId === id,
  });

  const applyIncident = useCallback(
    (incident: Incident) =>
      setState((prev) =>
        prev.detail && prev.detail.id === incident.id
          ? { ...prev, detail: { ...prev.detail, ...incident } }
          : prev,
      ),
    [],
  );
  const appendEntry = useCallback(
    (entry: TimelineEntry) =>
      setState((prev) =>
        prev.detail && prev.detail.id === entry.incidentId
          ? { ...prev, detail: { ...prev.detail, timeline: [...prev.detail.timeline, entry] } }
          : prev,
      ),
    [],
  );

  const current = state.id === id ? state : initial(id);
  return { ...current, reload, applyIncident, appendEntry };
}
