// The webhook delivery log and the configured webhooks, for the UI. A webhook is shown by name and
// URL origin only: the rest of a webhook URL (Slack's path, a `?token=`) is a credential.
import { z } from 'zod';
import type { WebhookDispatcher } from '../alerts/webhook-dispatcher';
import type { Router } from './router';
import { queryObject, validate } from './validate';

export const DeliveryListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    status: z.enum(['pending', 'delivered', 'failed']).optional(),
    webhook: z.string().min(1).max(60).optional(),
  })
  .strict();

export function alertRoutes(router: Router, dispatcher: WebhookDispatcher): void {
  // Recent deliveries, newest first (status, attempts, last error; never the payload or URL).
  router.on('GET', '/api/alerts/deliveries', ({ url }) => {
    const q = validate(DeliveryListQuerySchema, queryObject(url), 'query');
    return { deliveries: dispatcher.deliveries(q.limit, { status: q.status, webhook: q.webhook }) };
  });

  // Configured webhooks: name, format, threshold, whether signed, and the URL's origin.
  router.on('GET', '/api/alerts/webhooks', () => ({ webhooks: dispatcher.webhooks() }));
}
