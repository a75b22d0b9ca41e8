import { z } from 'zod';

/** The seed's alert levels (§5.1) plus grey for what we cannot know. */
export const StatusSchema = z.enum(['ok', 'warning', 'critical', 'unknown']);
export type Status = z.infer<typeof StatusSchema>;

/** Closed set of API error codes; every 4xx/5xx body is `{ error: { code, message } }`. */
export const ApiErrorCodeSchema = z.enum([
  'bad_request',
  'not_found',
  'unauthorized',
  'forbidden',
  // 421: the request's Host is not one this server serves (DNS rebinding, a stray proxy).
  'misdirected',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  'internal',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  error: z.object({ code: ApiErrorCodeSchema, message: z.string() }),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Node id: `host:port` as the topology reports it, e.g. `127.0.0.1:7001`. */
export const NodeIdSchema = z
  .string()
  .min(3)
  .max(300)
  .regex(/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:.]+\]:\d{1,5}$/, 'expected host:port');
export type NodeId = z.infer<typeof NodeIdSchema>;
