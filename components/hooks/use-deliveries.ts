'use client';
// The webhook delivery log (REST), refreshed on a self-rescheduling timer (never overlapping).
import { useCallback, useEffect, useState } from 'react';
import type { WebhookDelivery } from '@/lib/contracts';
import { errorMessage } from './api-client';
import { fetchDeliveries } from './incidents-api';

export interface DeliveriesState {
  deliveries: WebhookDelivery[] | null;
  error: string | null;
  isLoading: boolean;
  refresh(): void;
}

export function useDeliveries(limit: number, refreshMs: number): DeliveriesState {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ac: AbortController | undefined;
    let stopped = false;
    const load = async () => {
      ac = new AbortController();
      try {
        setDeliveries(await fetchDeliveries(limit, ac.signal));
        setError(null);
      } catch (err) {
        if (stopped) return;
        setError(errorMessage(err));
      }
      if (!stopped) timer = setTimeout(() => void load(), refreshMs);
    };
    void load();
    return () => {
      stopped = true;
      ac?.abort();
      clearTimeout(timer);
    };
  }, [limit, refreshMs, version]);

  return { deliveries, error, isLoading: deliveries === null && error === null, refresh };
}
