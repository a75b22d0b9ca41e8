'use client';
// The webhook delivery log (REST), refreshed on a self-rescheduling timer (never overlapping).
import { useCallback, useEffect, useState } from 'react';
import type { WebhookDelivery } from '@/lib/contracts';
import { errorMessage } from './api-client';
import { fetchDeliveries } from './incidents-api';
import { pollLoop } from './poll-loop';

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

  useEffect(
    () =>
      pollLoop(async (signal) => {
        try {
          setDeliveries(await fetchDeliveries(limit, signal));
          setError(null);
        } catch (err) {
          if (!signal.aborted) setError(errorMessage(err));
        }
      }, refreshMs),
    [limit, refreshMs, version],
  );

  return { deliveries, error, isLoading: deliveries === null && error === null, refresh };
}
