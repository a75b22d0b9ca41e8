// The webhook delivery log and the configured webhooks, for the UI. A webhook is shown by name and
// URL origin only: the rest of a webhook URL (Slack's path, a `?token=`) is a credential.
import { z } from 'zod';
import type { WebhookInfo, WebhookTestResult } from '../../lib/contracts';
import type { WebhookDispatcher } from '../alerts/webhook-dispatcher';
import { sendTestMessage } from '../alerts/webhook-test';
import { HttpError } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

export const DeliveryListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    webhook: z.string().min(1).max(60).optional(),
  })
  .strict();

const WebhookNameSchema = z.string().min(1).max(60);

export function alertRoutes(router: Router, dispatcher: WebhookDispatcher): void {
  // "Send test" results since start, per webhook (a test is no alert: it gets no delivery row).
  const lastTests = new Map<string, WebhookTestResult>();
  const testing = new Set<string>();

  // Recent deliveries, newest first (status, attempts, last error; never the payload or URL).
  router.on('GET', '/api/alerts/deliveries', ({ url }) => {
    const q = validate(DeliveryListQuerySchema, queryObject(url), 'query');
    return { deliveries: dispatcher.deliveries(q.limit, { status: q.status, webhook: q.webhook }) };
  });

  // Configured webhooks: name, format, threshold, whether signed, the URL's origin, and how the
  // last delivery and the last test went.
  router.on('GET', '/api/alerts/webhooks', () => ({
    webhooks: dispatcher.webhooks().map((w): WebhookInfo => {
      const d = dispatcher.lastDelivery(w.name);
      const test = lastTests.get(w.name);
      return {
        ...w,
        ...(d
          ? {
              lastDelivery: {
                status: d.status,
                at: d.deliveredAt ?? d.createdAt,
                attempts: d.attempts,
                ...(d.responseStatus !== undefined ? { responseStatus: d.responseStatus } : {}),
                ...(d.lastError ? { error: d.lastError } : {}),
              },
            }
          : {}),
        ...(test ? { lastTest: test } : {}),
      };
    }),
  }));

  // Sends one test message to a webhook now and answers with how it went (operators and up).
  router.on(
    'POST',
    '/api/alerts/webhooks/:name/test',
    async ({ params }) => {
      const name = validate(WebhookNameSchema, params.name, 'name');
      const hook = dispatcher.webhookConfig(name);
      if (!hook) throw new HttpError('not_found', `no webhook named "${name}" is configured`);
      if (testing.has(name)) throw new HttpError('conflict', `a test of "${name}" is already running`);
      testing.add(name);
      try {
        const result = await sendTestMessage(hook);
        lastTests.set(name, result);
        return { webhook: name, result };
      } finally {
        testing.delete(name);
      }
    },
    { role: 'operator' },
  );
}
