'use client';
// The configured webhooks (origin only) with their last delivery and last test, and "send test".
import { useCallback, useEffect, useState } from 'react';
import {
  WebhookListResponseSchema,
  WebhookTestResponseSchema,
  type WebhookInfo,
  type WebhookTestResult,
} from '@/lib/contracts';
import { errorMessage, fetchParsed, postParsed } from './api-client';

export interface WebhooksState {
  webhooks: WebhookInfo[] | null;
  error: string | null;
  /** Name of the webhook being tested, if any. */
  testing: string | null;
  sendTest(name: string): Promise<WebhookTestResult | null>;
  testError: string | null;
}

export function useWebhooks(refreshKey: number): WebhooksState {
  const [webhooks, setWebhooks] = useState<WebhookInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<string | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const ac = new AbortController();
    fetchParsed('/api/alerts/webhooks', WebhookListResponseSchema, ac.signal)
      .then((body) => {
        setWebhooks(body.webhooks);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ac.signal.aborted) setError(errorMessage(err));
      });
    return () => ac.abort();
  }, [refreshKey, version]);

  const sendTest = useCallback(async (name: string) => {
    setTesting(name);
    setTestError(null);
    try {
      const path = `/api/alerts/webhooks/${encodeURIComponent(name)}/test`;
      const { result } = await postParsed(path, {}, WebhookTestResponseSchema);
      setVersion((v) => v + 1);
      return result;
    } catch (err) {
      setTestError(errorMessage(err));
      return null;
    } finally {
      setTesting(null);
    }
  }, []);

  return { webhooks, error, testing, sendTest, testError };
}
