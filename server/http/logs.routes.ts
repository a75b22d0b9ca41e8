// REST of the log excerpts: the folded list, raw lines around a time, and ingest from log shippers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { clientAddress } from '../auth/identity';
import { LogAroundQuerySchema, LogQuerySchema, NodeIdSchema, type LogIngestResult } from '../../lib/contracts';
import { IngestFormatError, parseIngestBody, type ParsedIngest } from '../logs/ingest-body';
import { LOG_INGEST_DEFAULTS } from '../logs/log-config';
import type { LogService } from '../logs/log-service';
import { TokenBucketLimiter } from '../logs/token-bucket';
import { HttpError } from './respond';
import type { Router } from './router';
import { queryObject, validate } from './validate';

export interface LogRoutesOptions {
  maxBodyBytes?: number;
  rateLinesPerSec?: number;
  burstLines?: number;
  /** UTC offset (minutes) of ingested timestamps when the request gives no `?tz=`. */
  tzOffsetMinutes?: number;
  now?: () => number;
  /**
   * The perimeter: the topology's id of a node, or null when it is not one. Lines for other
   * addresses are rejected, so a shipper cannot plant evidence about hosts outside the topology.
   */
  resolveNode?: (raw: string) => string | null;
}

type Ingest = ParsedIngest & { outsideTopology?: boolean };

const IngestQuerySchema = z.object({
  /** Node of raw text lines (and of records that name none). */
  node: NodeIdSchema.optional(),
  /** UTC offset in minutes of the sender's Redis clock, e.g. 480 for UTC+8. */
  tz: z.coerce.number().int().min(-720).max(840).optional(),
});

export function logRoutes(router: Router, logs: LogService, opts: LogRoutesOptions = {}): void {
  const maxBody = opts.maxBodyBytes ?? LOG_INGEST_DEFAULTS.maxBodyBytes;
  const limiter = new TokenBucketLimiter(
    opts.rateLinesPerSec ?? LOG_INGEST_DEFAULTS.rateLinesPerSec,
    opts.burstLines ?? LOG_INGEST_DEFAULTS.burstLines,
    opts.now,
  );

  // The log panel: folded rows (a storm is one row with its count), newest activity first.
  router.on('GET', '/api/logs', ({ url }) => {
    const q = validate(LogQuerySchema, queryObject(url), 'query');
    return logs.list(q);
  });

  // Incident timelines: the raw lines of the nodes involved within ±windowMs of an event.
  router.on('GET', '/api/logs/around', ({ url }) => {
    const q = validate(LogAroundQuerySchema, queryObject(url), 'query');
    return { lines: logs.around(q.nodes, q.t, q.windowMs, q.limit) };
  });

  // Lines from log shippers on other hosts (Vector, Fluent Bit, curl): NDJSON, text or a JSON array.
  // Operator role: ingested lines become diagnosis evidence, so they are not a viewer's to write.
  // The router asks a token (auth on) or X-ReplicaOps-Request: 1 (auth off, loopback only), so a
  // cross-site form post cannot plant lines; shippers set either header in their HTTP output.
  router.on('POST', '/api/logs/ingest', async ({ req, res, url, identity }): Promise<LogIngestResult> => {
    const q = validate(IngestQuerySchema, queryObject(url), 'query');
    const text = await readText(req, res, maxBody);

    let parsed: Ingest;
    try {
      parsed = parseIngestBody(text, req.headers['content-type'] ?? '', q.node);
    } catch (err) {
      if (err instanceof IngestFormatError) throw new HttpError('bad_request', err.message);
      throw err;
    }
    if (opts.resolveNode) keepTopologyNodes(parsed, opts.resolveNode);
    if (parsed.accepted === 0 && parsed.outsideTopology) {
      throw new HttpError('not_found', parsed.errors[0] ?? 'no node of the topology');
    }
    if (parsed.accepted === 0) {
      const why = parsed.errors[0] ?? 'the body has no log lines';
      throw new HttpError('bad_request', parsed.rejected > 1 ? `${why} (and ${parsed.rejected - 1} more)` : why);
    }

    // Per source: a token is one shipper wherever it sends from; otherwise the socket address.
    const source = identity.via === 'token' ? identity.username : clientAddress(req);
    const verdict = limiter.take(source, parsed.accepted);
    if (!verdict.ok) {
      res.setHeader('retry-after', String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))));
      throw new HttpError('rate_limited', `too many log lines from this sender; retry in ${verdict.retryAfterMs} ms`);
    }
    if (!logs.canAccept(parsed.accepted)) {
      res.setHeader('retry-after', '1');
      throw new HttpError('rate_limited', 'the log queue is full; retry in a second');
    }
    const tzOffsetMinutes = q.tz ?? opts.tzOffsetMinutes;
    await Promise.all([...parsed.byNode].map(([node, lines]) => logs.ingest(node, lines, { tzOffsetMinutes })));
    const result: LogIngestResult = { accepted: parsed.accepted, rejected: parsed.rejected };
    if (parsed.errors.length) result.errors = parsed.errors;
    return result;
  }, { role: 'operator' });
}

/** Lines of nodes outside the topology are rejected; the others are filed under the topology's id. */
function keepTopologyNodes(
  parsed: Ingest,
  resolve: (raw: string) => string | null,
): void {
  const kept = new Map<string, string[]>();
  for (const [node, lines] of parsed.byNode) {
    const id = resolve(node);
    if (id) {
      kept.set(id, [...(kept.get(id) ?? []), ...lines]);
      continue;
    }
    parsed.accepted -= lines.length;
    parsed.rejected += lines.length;
    parsed.outsideTopology = true;
    parsed.errors.unshift(`${node} is not a node of the topology: its ${lines.length} line(s) were not stored`);
  }
  parsed.byNode = kept;
}

/** Reads the body as UTF-8 up to `limit` bytes; beyond it 413, and the connection is closed. */
function readText(req: IncomingMessage, res: ServerResponse, limit: number): Promise<string> {
  const tooLarge = () => {
    // The rest of the upload is not read: tell the client this connection is done.
    res.setHeader('connection', 'close');
    return new HttpError('payload_too_large', `body larger than ${limit} bytes; send smaller batches`);
  };
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isOver = false;
    req.on('data', (chunk: Buffer) => {
      if (isOver) return;
      size += chunk.length;
      if (size > limit) {
        isOver = true;
        chunks.length = 0;
        // Keep draining (not destroying) so the 413 reaches the client instead of a reset.
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!isOver) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (err) => reject(new HttpError('bad_request', `could not read the body: ${err.message}`)));
  });
}
