// Config of the log sources and of the log store (sections `logs` and `logIngest` of the config
// file). Kept here so config-schema.ts stays a table of contents; every default is named below.
import { z } from 'zod';
import { NodeIdSchema } from '../../lib/contracts';

const TzOffsetSchema = z.number().int().min(-720).max(840);

/** One `logs` entry: a Redis log file on this host, tailed for one node. */
export const LogSourceSchema = z
  .object({
    node: NodeIdSchema,
    file: z.string().min(1),
    /** Lines of history read from the end of the file at start-up. */
    backfillLines: z.number().int().min(0).max(100_000).default(1000),
    /**
     * UTC offset (minutes) of the clock Redis writes its timestamps in. Default: this host's
     * offset, which is right for a local file.
     */
    tzOffsetMinutes: TzOffsetSchema.optional(),
  })
  .strict();
export type LogSourceConfig = z.infer<typeof LogSourceSchema>;

export const LOG_INGEST_DEFAULTS = {
  maxBodyBytes: 1024 * 1024,
  rateLinesPerSec: 50_000,
  burstLines: 100_000,
  retentionLines: 50_000,
  retentionMs: 24 * 3600_000,
  maxRows: 5000,
  pollMs: 250,
} as const;

/** `logIngest`: limits of POST /api/logs/ingest, and how much the in-memory log store keeps. */
export const LogIngestSchema = z
  .object({
    /** A larger body is refused with 413 (Vector/Fluent Bit then split their batch). */
    maxBodyBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(LOG_INGEST_DEFAULTS.maxBodyBytes),
    /** Token bucket per sending address, in lines; a NOAUTH storm is ~16–25k lines/s per replica. */
    rateLinesPerSec: z.number().int().min(1).default(LOG_INGEST_DEFAULTS.rateLinesPerSec),
    burstLines: z.number().int().min(1).default(LOG_INGEST_DEFAULTS.burstLines),
    /** UTC offset (minutes) of ingested lines' timestamps; default this host's. `?tz=` overrides. */
    tzOffsetMinutes: TzOffsetSchema.optional(),
    /** Raw lines kept for incident timelines (ring buffer, oldest dropped first). */
    retentionLines: z.number().int().min(1000).max(2_000_000).default(LOG_INGEST_DEFAULTS.retentionLines),
    /** Rows and lines older than this are no longer returned. */
    retentionMs: z.number().int().min(60_000).default(LOG_INGEST_DEFAULTS.retentionMs),
    /** Folded rows kept (a storm is one row); the least recently updated row goes first. */
    maxRows: z.number().int().min(100).max(200_000).default(LOG_INGEST_DEFAULTS.maxRows),
    /** How often a tailed file is stat()ed. */
    pollMs: z.number().int().min(20).max(10_000).default(LOG_INGEST_DEFAULTS.pollMs),
  })
  .strict();
export type LogIngestConfig = z.infer<typeof LogIngestSchema>;
