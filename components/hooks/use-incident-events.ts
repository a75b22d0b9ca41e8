'use client';
// Calls `onChange` (debounced) when the server pushes a change that may alter incident data:
// `incident:updated` (narrowed by `filter.incident`) or a finding change (`filter.finding`).
import { useEffect, useEffectEvent } from 'react';
import type { Finding, Incident } from '@/lib/contracts';
import { getSocket, onParsed } from './socket-client';

export interface IncidentEventFilter {
  incident?: (i: Incident) => boolean;
  finding?: (f: Finding) => boolean;
}

export function useIncidentEvents(
  onChange: () => void,
  filter: IncidentEventFilter = {},
  debounceMs = 400,
): void {
  const fireNow = useEffectEvent(() => onChange());
  const wantsIncident = useEffectEvent((i: Incident) => filter.incident?.(i) ?? true);
  const wantsFinding = useEffectEvent((f: Finding) => filter.finding?.(f) ?? false);
  useEffect(() => {
    const socket = getSocket();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fire = () => {
      clearTimeout(timer);
      timer = setTimeout(() => fireNow(), debounceMs);
    };
    const onIncident = (i: Incident) => {
      if (wantsIncident(i)) fire();
    };
    const onFinding = (f: Finding) => {
      if (wantsFinding(f)) fire();
    };
    const offs = [
      onParsed(socket, 'incident:updated', onIncident),
      onParsed(socket, 'finding:opened', onFinding),
      onParsed(socket, 'finding:updated', onFinding),
      onParsed(socket, 'finding:resolved', onFinding),
    ];
    // Pushes sent while disconnected are lost: reload once back.
    socket.io.on('reconnect', fire);
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
      socket.io.off('reconnect', fire);
    };
  }, [debounceMs]);
}
