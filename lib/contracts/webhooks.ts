// Webhooks as the alerts page lists them: origin only (the path and query of a webhook URL are
// often its token), the last delivery's outcome and the last "send test" result.
import { z } from 'zod';

export const WebhookTestResultSchema = z.object({
  at: z.number(),
  ok: z.boolean(),
  /** HTTP status of the receiver's answer, when there was one. */
  responseStatus: z.number().optional(),
  /** Why it failed, with the webhook's path and query scrubbed out. */
  error: z.string().optional(),
  durationMs: z.number(),
});
export type WebhookTestResult = z.infer<typeof WebhookTestResultSchema>;

export const WebhookInfoSchema = z.object({
  name: z.string(),
  format: z.enum(['json', 'slack']),
  minSeverity: z.enum(['info', 'warning', 'critical']),
  hasSecret: z.boolean(),
  origin: z.string(),
  lastDelivery: z
    .object({
      status: z.enum(['pending', 'delivered', 'failed']),
      at: z.number(),
      attempts: z.number(),
      responseStatus: z.number().optional(),
      error: z.string().optional(),
    })
    .optional(),
  /** Since the dashboard started (test results are not stored). */
  lastTest: WebhookTestResultSchema.optional(),
});
export type WebhookInfo = z.infer<typeof WebhookInfoSchema>;

export const WebhookListResponseSchema = z.object({ webhooks: z.array(WebhookInfoSchema) });
export const WebhookTestResponseSchema = z.object({ webhook: z.string(), result: WebhookTestResultSchema });
export type WebhookTestResponse = z.infer<typeof WebhookTestResponseSchema>;
