// Wire shapes of the log excerpts: REST list/around/ingest and the live `log:lines` event.
import { z } from 'zod';
import type { LogCategory, LogLevel, LogRole, LogVerdict } from '../logs/log-types';
import { NodeIdSchema } from './common';
import { CauseSchema } from './findings';

export const LogCategorySchema = z.enum([
  'normal_progress',
  'link_lost',
  'full_resync',
  'partial_resync_ok',
  'partial_resync_refused',
  'timeout',
  'auth_config_error',
  'output_buffer_limit',
  'persistence_fork',
  'role_change',
  'lifecycle',
  'other',
]);
export const LogVerdictSchema = z.enum(['normal', 'notable', 'abnormal']);
export const LogLevelSchema = z.enum(['debug', 'verbose', 'notice', 'warning']);
export const LogRoleSchema = z.enum(['master', 'replica', 'child', 'sentinel']);

// The parser's unions and these enums must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _drift: [
  Same<z.infer<typeof LogCategorySchema>, LogCategory>,
  Same<z.infer<typeof LogVerdictSchema>, LogVerdict>,
  Same<z.infer<typeof LogLevelSchema>, LogLevel>,
  Same<z.infer<typeof LogRoleSchema>, LogRole>,
] = [true, true, true, true];
void _drift;

/** One row of the log panel: a single line, or a folded storm with its count. */
export const LogEntrySchema = z.object({
  /** Row id; a live update of a folded storm carries the same id with a higher count. */
  id: z.number(),
  nodeId: NodeIdSchema,
  /** The first occurrence's time (epoch ms); arrival time for lines without a timestamp. */
  time: z.number(),
  /**
   * When the dashboard received the (latest) line, epoch ms. Retention ages lines by this; a
   * line whose own time is far from it was written long before it arrived (a backfilled file,
   * yesterday's log posted to the ingest endpoint).
   */
  receivedAt: z.number().optional(),
  pid: z.number().nullable(),
  role: LogRoleSchema.nullable(),
  level: LogLevelSchema.nullable(),
  message: z.string(),
  category: LogCategorySchema,
  verdict: LogVerdictSchema,
  ruleId: z.string(),
  count: z.number().int().positive(),
  firstAt: z.number(),
  lastAt: z.number(),
  /** The node the line talks about (e.g. the replica that asked for a partial resync). */
  peerNodeId: NodeIdSchema.optional(),
  /** The root cause this line proves on its own (diagnosis evidence). */
  causeHint: CauseSchema.optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

/** One raw line, unfolded, for incident timelines ("lines of these nodes around T"). */
export const LogRawLineSchema = LogEntrySchema.omit({ id: true, count: true, firstAt: true, lastAt: true }).extend({
  raw: z.string(),
});
export type LogRawLine = z.infer<typeof LogRawLineSchema>;

const epochMs = z.coerce.number().int().nonnegative();

/** `GET /api/logs` query. */
export const LogQuerySchema = z.object({
  node: NodeIdSchema.optional(),
  category: LogCategorySchema.optional(),
  verdict: LogVerdictSchema.optional(),
  level: LogLevelSchema.optional(),
  /** Case-insensitive text search in the message. */
  q: z.string().min(1).max(200).optional(),
  since: epochMs.optional(),
  until: epochMs.optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(200),
});
export type LogQuery = z.infer<typeof LogQuerySchema>;

export const LogListResponseSchema = z.object({
  lines: z.array(LogEntrySchema),
  /**
   * Present when `since`/`until` was given: the kept lines (and folded rows) that match every
   * other filter but whose own time lies outside the window — nothing is dropped silently.
   */
  outsideWindow: z.object({ rows: z.number().int().nonnegative(), lines: z.number().int().nonnegative() }).optional(),
});
export type LogListResponse = z.infer<typeof LogListResponseSchema>;

/** `GET /api/logs/around?nodes=a,b&t=&windowMs=` query. */
export const LogAroundQuerySchema = z.object({
  nodes: z
    .string()
    .min(3)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(NodeIdSchema).min(1).max(50)),
  t: epochMs,
  windowMs: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export type LogAroundQuery = z.infer<typeof LogAroundQuerySchema>;

export const LogAroundResponseSchema = z.object({ lines: z.array(LogRawLineSchema) });
export type LogAroundResponse = z.infer<typeof LogAroundResponseSchema>;

/** `POST /api/logs/ingest` answer; `errors` names the first few rejected records. */
export const LogIngestResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  errors: z.array(z.string()).optional(),
});
export type LogIngestResult = z.infer<typeof LogIngestResultSchema>;

/** `log:lines` payload: rows of one node that are new or grew since the last push (upsert by id). */
export interface LogLinesEvent {
  nodeId: string;
  entries: LogEntry[];
}

/** Merged into ServerToClientEvents; sent only to clients that watch the node (`node:watch`). */
export interface LogServerToClientEvents {
  'log:lines': (payload: LogLinesEvent) => void;
}
